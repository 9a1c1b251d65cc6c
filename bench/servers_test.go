package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/gen"
	"github.com/litellm-go/proxyclient/test/proxytest"
	"github.com/litellm-go/proxyclient/test/realproxy"
)

// mockAnswer is the content of the mock_response model both servers serve.
const mockAnswer = "Hello from the real LiteLLM proxy"

// serverWorkers is the number of goroutines that make calls in
// BenchmarkServerThroughput.
const serverWorkers = 16

// A chatTarget is a server that answers chat completions for model gpt-4o
// with a mock_response: the emulator or a real proxy.
type chatTarget struct {
	name, url, key string
}

// chatTargets returns the emulator (test/proxytest, in this process, with one
// mock_response deployment of gpt-4o) and the real proxy of the pinned
// version (test/realproxy, shared by the benchmarks of the process), left
// out with a message when realproxy.Available says it cannot run here. Set
// PROXYCLIENT_BENCH_NO_REALPROXY=1 to leave the real proxy out.
func chatTargets(b *testing.B) []chatTarget {
	emu := proxytest.NewServer(proxytest.WithModels(proxytest.Model{
		Name:   "gpt-4o",
		Params: map[string]any{"model": "openai/gpt-4o", "mock_response": mockAnswer},
	}))
	b.Cleanup(emu.Close)
	out := []chatTarget{{name: "emulator", url: emu.URL, key: proxytest.DefaultMasterKey}}
	if os.Getenv("PROXYCLIENT_BENCH_NO_REALPROXY") == "1" {
		return out
	}
	if err := realproxy.Available(realproxy.Pinned); err != nil {
		b.Logf("real proxy %s left out: %v", realproxy.Pinned, err)
		return out
	}
	p := realproxy.Shared(b, realproxy.Pinned)
	out = append(out, chatTarget{name: "realproxy-" + realproxy.Pinned, url: p.URL, key: p.MasterKey})
	return out
}

func facadeChat(t chatTarget) func() (string, error) {
	c, err := facade.New(t.url, facade.WithAPIKey(t.key))
	if err != nil {
		panic(err)
	}
	return func() (string, error) {
		resp, err := c.Chat.Completions.Create(ctx, &chatRequest)
		if err != nil {
			return "", err
		}
		return resp.Content(), nil
	}
}

// BenchmarkServerThroughput is the non-streaming chat requests a second
// that each server answers over loopback to one facade Client shared by
// serverWorkers goroutines (req/s); the client runs in the benchmark
// process, on the same 2 cores as the servers. cpu-ns/req is the CPU time
// used per request by the benchmark process and the processes it started
// (the real proxy): client and server together, which the load of other
// processes on the machine does not inflate as it does the wall time.
func BenchmarkServerThroughput(b *testing.B) {
	for _, t := range chatTargets(b) {
		b.Run(fmt.Sprintf("server=%s/workers=%d", t.name, serverWorkers), func(b *testing.B) {
			chat := facadeChat(t)
			if got, err := chat(); err != nil || got != mockAnswer {
				b.Fatalf("chat: %q, %v", got, err)
			}
			b.SetParallelism((serverWorkers + 1) / 2) // × GOMAXPROCS (2)
			b.ReportAllocs()
			b.ResetTimer()
			start, cpu0 := time.Now(), processCPU()+descendantsCPU()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if _, err := chat(); err != nil {
						b.Error(err)
						return
					}
				}
			})
			wall, cpu := time.Since(start), processCPU()+descendantsCPU()-cpu0
			b.ReportMetric(float64(b.N)/wall.Seconds(), "req/s")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/req")
		})
	}
}

// BenchmarkAddedLatency is the latency one call adds on the client side
// against the same server: each op is one chat call made with the facade and
// one made by hand with net/http and encoding/json (the floor), one after
// the other on one goroutine (which goes first alternates), each timed, so
// that both see the same load. It reports the mean times, facade-ns/call
// and nethttp-ns/call, the median of the differences of each pair,
// added-ns/call (the median, because a real proxy's slow calls come in
// bursts that a mean of differences does not cancel), and the CPU time of the benchmark process during each
// (facade-cpu-ns/call, nethttp-cpu-ns/call): against the real proxy that is
// the client's alone, against the in-process emulator the server's too.
func BenchmarkAddedLatency(b *testing.B) {
	for _, t := range chatTargets(b) {
		b.Run("server="+t.name, func(b *testing.B) {
			fc := facadeChat(t)
			raw := netHTTPChat(t)
			for _, f := range []func() (string, error){fc, raw} {
				if got, err := f(); err != nil || got != mockAnswer {
					b.Fatalf("chat: %q, %v", got, err)
				}
			}
			var fac, nh, facCPU, nhCPU time.Duration
			var diffs []time.Duration
			timed := func(f func() (string, error)) (wall, cpu time.Duration) {
				t0, c0 := time.Now(), processCPU()
				if _, err := f(); err != nil {
					b.Fatal(err)
				}
				return time.Since(t0), processCPU() - c0
			}
			i := 0
			for b.Loop() {
				// Alternate which goes first, so that neither always
				// follows the other's call.
				var fw, fcpu, hw, hcpu time.Duration
				if i%2 == 0 {
					fw, fcpu = timed(fc)
					hw, hcpu = timed(raw)
				} else {
					hw, hcpu = timed(raw)
					fw, fcpu = timed(fc)
				}
				i++
				fac, nh, facCPU, nhCPU = fac+fw, nh+hw, facCPU+fcpu, nhCPU+hcpu
				diffs = append(diffs, fw-hw)
			}
			n := float64(b.N)
			slices.Sort(diffs)
			b.ReportMetric(float64(fac.Nanoseconds())/n, "facade-ns/call")
			b.ReportMetric(float64(nh.Nanoseconds())/n, "nethttp-ns/call")
			b.ReportMetric(float64(diffs[len(diffs)/2].Nanoseconds()), "added-ns/call")
			b.ReportMetric(float64(facCPU.Nanoseconds())/n, "facade-cpu-ns/call")
			b.ReportMetric(float64(nhCPU.Nanoseconds())/n, "nethttp-cpu-ns/call")
		})
	}
}

// netHTTPChat is the hand-written call against t: the floor of
// netHTTPContender, with t's key.
func netHTTPChat(t chatTarget) func() (string, error) {
	hc := &http.Client{}
	url := t.url + "/chat/completions"
	auth := "Bearer " + t.key
	return func() (string, error) {
		body, err := json.Marshal(&chatRequest)
		if err != nil {
			return "", err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			return "", err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", auth)
		resp, err := hc.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return "", fmt.Errorf("status %d", resp.StatusCode)
		}
		var out gen.ChatCompletion
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return "", err
		}
		if len(out.Choices) == 0 {
			return "", errors.New("no choice")
		}
		return out.Choices[0].Message.Content, nil
	}
}
