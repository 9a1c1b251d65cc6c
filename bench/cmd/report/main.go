// Command report turns the output of the benchmarks of bench/ (and of
// facade's BenchmarkChunkDecode) into BENCHMARKS.md: one table per
// benchmark, the ratios of every contender to the facade and of the facade
// to the floor (hand-written net/http + encoding/json), the targets and
// whether they are met, the machine, and the command that produced it.
//
// Usage:
//
//	report -in results.txt [-benchstat benchstat.txt] [-cmd "make bench"] [-out BENCHMARKS.md]
//
// Each value is the median of the runs (-count) of a benchmark.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	in := flag.String("in", "results.txt", "benchmark output to read")
	statFile := flag.String("benchstat", "", "benchstat output to include (optional)")
	out := flag.String("out", "BENCHMARKS.md", "file to write")
	command := flag.String("cmd", "make bench", "the command that produced the results, as the report shows it")
	notesFile := flag.String("notes", "", "hand-written analysis (Markdown) to include (optional)")
	flag.Parse()

	f, err := os.Open(*in)
	if err != nil {
		fatal(err)
	}
	res, err := parse(f)
	f.Close()
	if err != nil {
		fatal(err)
	}
	var stat []byte
	if *statFile != "" {
		if stat, err = os.ReadFile(*statFile); err != nil {
			fatal(err)
		}
	}
	var notes []byte
	if *notesFile != "" {
		if notes, err = os.ReadFile(*notesFile); err != nil && !os.IsNotExist(err) {
			fatal(err)
		}
	}
	var buf bytes.Buffer
	write(&buf, res, stat, notes, *command)
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "report:", err)
	os.Exit(1)
}

// results holds every benchmark's values by unit, and the header lines
// (goos, goarch, cpu, pkg) of the output.
type results struct {
	values map[string]map[string][]float64 // name -> unit -> runs
	order  []string
	config map[string]string
	// runOf names the run each benchmark comes from: the "cpu:" line and
	// the "run:" line (a note results.txt may carry for a merged partial
	// run) in force where its first result is.
	runOf map[string]string
}

var procsSuffix = regexp.MustCompile(`-\d+$`)

func parse(r io.Reader) (*results, error) {
	res := &results{values: map[string]map[string][]float64{}, config: map[string]string{}, runOf: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	cpu, run := "", ""
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(line, "Benchmark") && !strings.Contains(k, " ") {
			if _, seen := res.config[k]; !seen {
				res.config[k] = strings.TrimSpace(v)
			}
			switch k {
			case "cpu":
				cpu = strings.TrimSpace(v)
			case "run":
				run = strings.TrimSpace(v)
			}
			continue
		}
		if !strings.HasPrefix(line, "Benchmark") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || len(fields)%2 != 0 {
			continue
		}
		name := procsSuffix.ReplaceAllString(strings.TrimPrefix(fields[0], "Benchmark"), "")
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue
		}
		m := res.values[name]
		if m == nil {
			m = map[string][]float64{}
			res.values[name] = m
			res.order = append(res.order, name)
			res.runOf[name] = "cpu " + cpu
			if run != "" {
				res.runOf[name] = run + ", cpu " + cpu
			}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%q: %v", line, err)
			}
			m[fields[i+1]] = append(m[fields[i+1]], v)
		}
	}
	return res, sc.Err()
}

// get returns the median of a benchmark's unit, and whether it exists.
func (r *results) get(name, unit string) (float64, bool) {
	vs := r.values[name][unit]
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Clone(vs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}

// runs returns the number of runs of a benchmark.
func (r *results) runs(name string) int {
	n := 0
	for _, vs := range r.values[name] {
		n = max(n, len(vs))
	}
	return n
}

// names returns the benchmarks whose name starts with prefix, in order.
func (r *results) names(prefix string) []string {
	var out []string
	for _, n := range r.order {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// key returns the value of key=value in a benchmark name.
func key(name, k string) string {
	for _, part := range strings.Split(name, "/") {
		if v, ok := strings.CutPrefix(part, k+"="); ok {
			return v
		}
	}
	return ""
}

// --- formatting ---

func dur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

func size(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}

func num(v float64) string {
	if v >= 100 || v == float64(int64(v)) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

type table struct {
	head []string
	rows [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) {
	fmt.Fprintf(w, "| %s |\n", strings.Join(t.head, " | "))
	seps := make([]string, len(t.head))
	for i := range seps {
		seps[i] = "---"
		if i > 0 {
			seps[i] = "---:"
		}
	}
	fmt.Fprintf(w, "|%s|\n", strings.Join(seps, "|"))
	for _, r := range t.rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	fmt.Fprintln(w)
}

// target is one goal (of issues 8 and 15) and whether the run met it.
// report is set for a figure the issue asks to report without a threshold.
type target struct {
	goal, measured string
	met            bool
	report         bool
}

func mark(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

func (t target) mark() string {
	if t.report {
		return "reported"
	}
	return mark(t.met)
}

// --- the report ---

func write(w *bytes.Buffer, r *results, stat, notes []byte, command string) {
	var targets []target
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "<!-- Generated by bench/cmd/report from the output of `make bench`. Do not edit; run `make bench` again. -->")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "How the facade compares with the Go clients users choose between for chat —")
	fmt.Fprintln(w, "[openai-go](https://github.com/openai/openai-go) and [go-openai](https://github.com/sashabaranov/go-openai) —,")
	fmt.Fprintln(w, "with the generated client of `gen/` alone, and with hand-written `net/http` + `encoding/json` (**the floor**).")
	fmt.Fprintln(w, "Every benchmark runs all contenders in the same run, against the same local server or in-memory")
	fmt.Fprintln(w, "transport, with the same payloads (the shapes of proxy-contract.md §2.3 and §2.5). Each value is the")
	fmt.Fprintln(w, "median of the runs; \"× facade\" is the contender's value divided by the facade's (above 1: the facade")
	fmt.Fprintln(w, "is faster or lighter). The code is in `bench/` (its own Go module, so that the library never depends")
	fmt.Fprintln(w, "on its competitors).")
	fmt.Fprintln(w)

	machine(w, r, command)
	targets = append(targets, roundTrip(w, r)...)
	targets = append(targets, streamDecode(w, r)...)
	targets = append(targets, streamLoopback(w, r)...)
	targets = append(targets, keysAll(w, r)...)
	targets = append(targets, concurrent(w, r)...)
	cli(w, r)
	targets = append(targets, scale(w, r)...)

	// The summary goes first: rebuild the buffer with it after the intro.
	body := w.String()
	intro, rest, _ := strings.Cut(body, "## Machine")
	w.Reset()
	w.WriteString(intro)
	fmt.Fprintln(w, "## Targets")
	fmt.Fprintln(w)
	t := table{head: []string{"target", "measured", ""}}
	for _, tg := range targets {
		t.add(tg.goal, tg.measured, tg.mark())
	}
	t.write(w)
	w.WriteString("## Machine")
	w.WriteString(rest)

	if len(notes) > 0 {
		w.Write(bytes.TrimSpace(notes))
		fmt.Fprintln(w)
		fmt.Fprintln(w)
	}
	if len(stat) > 0 {
		fmt.Fprintln(w, "## benchstat")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "The raw comparison (`go tool benchstat results.txt`): medians with their spread over the runs.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "```")
		w.Write(bytes.TrimSpace(stat))
		fmt.Fprintln(w)
		fmt.Fprintln(w, "```")
	}
}

func machine(w io.Writer, r *results, command string) {
	fmt.Fprintln(w, "## Machine")
	fmt.Fprintln(w)
	cpu := r.config["cpu"]
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	goVersion := runtime.Version()
	if out, err := exec.Command("go", "version").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	osName := runtime.GOOS + "/" + runtime.GOARCH
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		osName += ", Linux " + strings.TrimSpace(string(b))
	}
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	runs := 0
	for _, n := range r.order {
		runs = max(runs, r.runs(n))
	}
	fmt.Fprintf(w, "- CPU: %s, %d logical cores (`GOMAXPROCS` %d)\n", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "- Go: %s\n", goVersion)
	fmt.Fprintf(w, "- OS: %s\n", osName)
	if load != "" {
		fmt.Fprintf(w, "- Load average when the report was written: %s (the machine is shared: expect noise; compare ratios within one run, not absolute times across runs)\n", load)
	}
	fmt.Fprintf(w, "- Runs per benchmark: %d; generated %s\n", runs, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	var labels []string
	benches := map[string][]string{}
	for _, n := range r.order {
		l := r.runOf[n]
		top, _, _ := strings.Cut(n, "/")
		if _, ok := benches[l]; !ok {
			labels = append(labels, l)
		}
		if !slices.Contains(benches[l], top) {
			benches[l] = append(benches[l], top)
		}
	}
	if len(labels) > 1 {
		fmt.Fprintln(w, "- The results come from more than one run (compare ratios within a run, not across runs):")
		for _, l := range labels {
			fmt.Fprintf(w, "  - %s: %s\n", l, strings.Join(benches[l], ", "))
		}
	}
	fmt.Fprintf(w, "- Command: `%s`, which runs:\n\n", command)
	fmt.Fprintln(w, "  ```sh")
	fmt.Fprintln(w, "  cd bench && go test -count 1 -run 'TestConcurrentStreams|TestEmbeddingsDecoders' .   # the scale checks that are not timings")
	fmt.Fprintln(w, "  cd bench && go test -run '^$' -bench . -benchmem -count 6 -timeout 60m . | tee results.txt")
	fmt.Fprintln(w, "  go test -run '^$' -bench 'ChunkDecode|CompletionDecode' -benchmem -count 6 ./facade | tee -a bench/results.txt")
	fmt.Fprintln(w, "  cd bench && go tool benchstat results.txt > benchstat.txt")
	fmt.Fprintln(w, "  cd bench && go run ./cmd/report -in results.txt -benchstat benchstat.txt -notes NOTES.md -out ../BENCHMARKS.md")
	fmt.Fprintln(w, "  ```")
	fmt.Fprintln(w)
}

var clientOrder = []string{"facade", "gen", "net/http", "openai-go", "go-openai", "limit"}

func clientLabel(c string) string {
	switch c {
	case "net/http":
		return "net/http + encoding/json (floor)"
	case "gen":
		return "gen (generated client alone)"
	case "limit":
		return "json.Unmarshal of the payloads (limit)"
	}
	return c
}

func roundTrip(w io.Writer, r *results) []target {
	fmt.Fprintln(w, "## 1. Chat completion round trip")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "One non-streaming `POST /chat/completions` with a ~1 KB answer (`BenchmarkChatRoundTrip`). *memory*: an")
	fmt.Fprintln(w, "`http.RoundTripper` returns the canned response, so what is measured is the client's own overhead")
	fmt.Fprintln(w, "(building and encoding the request, decoding the response). *loopback*: a local `httptest` server, each")
	fmt.Fprintln(w, "client with its default HTTP client.")
	fmt.Fprintln(w)
	var targets []target
	for _, tr := range []string{"memory", "loopback"} {
		prefix := "ChatRoundTrip/transport=" + tr + "/client="
		fac, ok := r.get(prefix+"facade", "ns/op")
		if !ok {
			continue
		}
		facB, _ := r.get(prefix+"facade", "B/op")
		facA, _ := r.get(prefix+"facade", "allocs/op")
		fmt.Fprintf(w, "### %s\n\n", tr)
		t := table{head: []string{"client", "time/op", "× facade", "B/op", "allocs/op", "allocs × facade"}}
		for _, c := range clientOrder {
			ns, ok := r.get(prefix+c, "ns/op")
			if !ok {
				continue
			}
			b, _ := r.get(prefix+c, "B/op")
			a, _ := r.get(prefix+c, "allocs/op")
			t.add(clientLabel(c), dur(ns), ratio(ns, fac), size(b), num(a), ratio(a, facA))
		}
		t.write(w)
		floor, _ := r.get(prefix+"net/http", "ns/op")
		floorA, _ := r.get(prefix+"net/http", "allocs/op")
		floorB, _ := r.get(prefix+"net/http", "B/op")
		fmt.Fprintf(w, "Facade ÷ floor: time %s, allocations %s, bytes %s.\n\n", ratio(fac, floor), ratio(facA, floorA), ratio(facB, floorB))
		if tr == "memory" {
			targets = append(targets,
				target{goal: "round trip in memory: time ≤ 1.15× the floor", measured: ratio(fac, floor), met: fac <= 1.15*floor},
				target{goal: "round trip in memory: allocations ≤ 1.2× the floor", measured: ratio(facA, floorA), met: facA <= 1.2*floorA})
		} else {
			og, _ := r.get(prefix+"openai-go", "ns/op")
			goo, _ := r.get(prefix+"go-openai", "ns/op")
			targets = append(targets, target{goal: "round trip over loopback: faster than openai-go and go-openai",
				measured: fmt.Sprintf("openai-go %s, go-openai %s the facade's time", ratio(og, fac), ratio(goo, fac)), met: fac < og && fac < goo})
		}
	}
	return targets
}

func streamDecode(w io.Writer, r *results) []target {
	fmt.Fprintln(w, "## 2. Stream decoding in memory")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A whole streamed completion held in memory (`BenchmarkStreamDecode`): each client makes its streaming call")
	fmt.Fprintln(w, "over an in-memory transport returning the SSE body, and reads every chunk (the first carries the role,")
	fmt.Fprintln(w, "the last the finish reason, the others a few characters of content). The limit is `json.Unmarshal` of")
	fmt.Fprintln(w, "the same chunk payloads into the same struct, with no SSE framing and no HTTP. Per chunk.")
	fmt.Fprintln(w)
	var targets []target
	for _, name := range []string{"200", "10000"} {
		n, _ := strconv.ParseFloat(name, 64)
		prefix := "StreamDecode/chunks=" + name + "/client="
		fac, ok := r.get(prefix+"facade", "ns/chunk")
		if !ok {
			continue
		}
		facA, _ := r.get(prefix+"facade", "allocs/op")
		fmt.Fprintf(w, "### %s chunks\n\n", name)
		t := table{head: []string{"client", "time/chunk", "× facade", "B/chunk", "allocs/chunk"}}
		for _, c := range clientOrder {
			ns, ok := r.get(prefix+c, "ns/chunk")
			if !ok {
				continue
			}
			b, _ := r.get(prefix+c, "B/op")
			a, _ := r.get(prefix+c, "allocs/op")
			t.add(clientLabel(c), dur(ns), ratio(ns, fac), size(b/n), num(a/n))
		}
		t.write(w)
		goo, _ := r.get(prefix+"go-openai", "ns/chunk")
		lim, _ := r.get(prefix+"limit", "ns/chunk")
		targets = append(targets,
			target{goal: "stream decoding (" + name + " chunks): ≥ 2× faster per chunk than go-openai", measured: ratio(goo, fac), met: goo >= 2*fac},
			target{goal: "stream decoding (" + name + " chunks): faster than json.Unmarshal alone", measured: fmt.Sprintf("%s the limit's time", ratio(fac, lim)), met: fac < lim},
			target{goal: "stream decoding (" + name + " chunks): ≤ 10 allocations per chunk", measured: num(facA / n), met: facA/n <= 10})
	}
	// Memory flat in stream length: bytes per chunk do not grow.
	b200, ok1 := r.get("StreamDecode/chunks=200/client=facade", "B/op")
	b10k, ok2 := r.get("StreamDecode/chunks=10000/client=facade", "B/op")
	if ok1 && ok2 {
		targets = append(targets, target{goal: "stream memory flat in stream length (B/chunk at 10,000 ≤ at 200)",
			measured: fmt.Sprintf("%s vs %s per chunk", size(b10k/10000), size(b200/200)), met: b10k/10000 <= b200/200*1.05})
	}

	// The facade's own split: decoder alone, stream, json.Unmarshal.
	if dec, ok := r.get("ChunkDecode/decoder/chunks=10000", "ns/chunk"); ok {
		fmt.Fprintln(w, "### Inside the facade: decoder, framing and encoding/json")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "`BenchmarkChunkDecode` in `facade/` (`chunk_decode_test.go`): the chunk decoder alone on the bare")
		fmt.Fprintln(w, "payloads, the whole `Stream` over the SSE wire in memory (no HTTP), and `json.Unmarshal` of the payloads.")
		fmt.Fprintln(w)
		t := table{head: []string{"chunks", "decoder alone", "stream (framing + decoder)", "framing adds", "json.Unmarshal", "allocs/chunk (stream)"}}
		var overhead float64
		for _, name := range []string{"200", "10000"} {
			n, _ := strconv.ParseFloat(name, 64)
			d, ok1 := r.get("ChunkDecode/decoder/chunks="+name, "ns/chunk")
			s, ok2 := r.get("ChunkDecode/stream/chunks="+name, "ns/chunk")
			u, _ := r.get("ChunkDecode/unmarshal/chunks="+name, "ns/chunk")
			a, _ := r.get("ChunkDecode/stream/chunks="+name, "allocs/op")
			if !ok1 || !ok2 {
				continue
			}
			if name == "10000" {
				overhead = s/d - 1
			}
			t.add(name, dur(d), dur(s), fmt.Sprintf("%+.0f%%", (s/d-1)*100), dur(u), num(a/n))
		}
		t.write(w)
		targets = append(targets, target{goal: "SSE framing adds ≤ 5% over decoding the same payloads (10,000 chunks)",
			measured: fmt.Sprintf("%+.0f%%", overhead*100), met: overhead <= 0.05})
		_ = dec
	}

	// Third-party decoders on the same payloads.
	if _, ok := r.get("ChunkUnmarshal/chunks=10000/decoder=encoding-json", "ns/chunk"); ok {
		fmt.Fprintln(w, "### Faster JSON decoders for the chunk type")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "The 10,000 payloads decoded into `gen.ChatCompletionChunk` with no framing (`BenchmarkChunkUnmarshal`), next")
		fmt.Fprintln(w, "to the facade's decoder alone (`BenchmarkChunkDecode/decoder` above). The facade may import only the")
		fmt.Fprintln(w, "standard library, gen/ and oapi-codegen's runtime, so the third-party decoders are measured, not used.")
		fmt.Fprintln(w)
		fac, _ := r.get("ChunkDecode/decoder/chunks=10000", "ns/chunk")
		facB, _ := r.get("ChunkDecode/decoder/chunks=10000", "B/op")
		facA, _ := r.get("ChunkDecode/decoder/chunks=10000", "allocs/op")
		t := table{head: []string{"decoder", "time/chunk", "× facade decoder", "B/chunk", "allocs/chunk"}}
		if fac > 0 {
			t.add("facade (hand-written, `facade/chunk_decode.go`)", dur(fac), "1.00×", size(facB/1e4), num(facA/1e4))
		}
		for _, d := range []struct{ key, label string }{
			{"encoding-json", "encoding/json"},
			{"go-json-experiment", "github.com/go-json-experiment/json (v2)"},
			{"goccy-go-json", "github.com/goccy/go-json"},
			{"sonic", "github.com/bytedance/sonic"},
		} {
			name := "ChunkUnmarshal/chunks=10000/decoder=" + d.key
			ns, ok := r.get(name, "ns/chunk")
			if !ok {
				continue
			}
			b, _ := r.get(name, "B/op")
			a, _ := r.get(name, "allocs/op")
			t.add(d.label, dur(ns), ratio(ns, fac), size(b/1e4), num(a/1e4))
		}
		t.write(w)
	}

	// The completion decoder (non-streaming), for the record.
	if d, ok := r.get("CompletionDecode/decoder", "ns/op"); ok {
		u, _ := r.get("CompletionDecode/unmarshal", "ns/op")
		da, _ := r.get("CompletionDecode/decoder", "allocs/op")
		ua, _ := r.get("CompletionDecode/unmarshal", "allocs/op")
		fmt.Fprintf(w, "The same decoder for a whole non-streaming completion (`BenchmarkCompletionDecode`, ~1.5 KB): %s and %s allocations, against %s and %s for `json.Unmarshal` (%s faster). The facade does not use it yet: see the analysis.\n\n",
			dur(d), num(da), dur(u), num(ua), ratio(u, d))
	}

	// SSE framing alone.
	if _, ok := r.get("SSEFraming/chunks=10000/parser=facade-sse", "ns/chunk"); ok {
		fmt.Fprintln(w, "### SSE framing alone: facade/sse against go-sse")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "`BenchmarkSSEFraming`: the same SSE bytes parsed into events, no JSON: the facade's decoder")
		fmt.Fprintln(w, "(`facade/sse`) and the parser of [go-sse](https://github.com/tmaxmax/go-sse) (`sse.Read`).")
		fmt.Fprintln(w)
		t := table{head: []string{"chunks", "parser", "time/chunk", "× facade/sse", "B/chunk", "allocs/chunk"}}
		for _, name := range []string{"200", "10000"} {
			n, _ := strconv.ParseFloat(name, 64)
			base, _ := r.get("SSEFraming/chunks="+name+"/parser=facade-sse", "ns/chunk")
			for _, p := range []string{"facade-sse", "go-sse"} {
				ns, ok := r.get("SSEFraming/chunks="+name+"/parser="+p, "ns/chunk")
				if !ok {
					continue
				}
				b, _ := r.get("SSEFraming/chunks="+name+"/parser="+p, "B/op")
				a, _ := r.get("SSEFraming/chunks="+name+"/parser="+p, "allocs/op")
				t.add(name, p, dur(ns), ratio(ns, base), size(b/n), num(a/n))
			}
		}
		t.write(w)
	}
	return targets
}

func streamLoopback(w io.Writer, r *results) []target {
	names := r.names("StreamLoopback/")
	if len(names) == 0 {
		return nil
	}
	fmt.Fprintln(w, "## 3. Streaming over loopback")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A 200-chunk stream from a local server that writes and flushes one event at a time")
	fmt.Fprintln(w, "(`BenchmarkStreamLoopback`), each client with its default HTTP client: time to the first chunk and to")
	fmt.Fprintln(w, "the last.")
	fmt.Fprintln(w)
	prefix := "StreamLoopback/chunks=200/client="
	fac, _ := r.get(prefix+"facade", "ns/op")
	facF, _ := r.get(prefix+"facade", "ttfc-ns")
	t := table{head: []string{"client", "first chunk", "× facade", "last chunk", "× facade", "B/op", "allocs/op"}}
	for _, c := range clientOrder {
		ns, ok := r.get(prefix+c, "ns/op")
		if !ok {
			continue
		}
		first, _ := r.get(prefix+c, "ttfc-ns")
		b, _ := r.get(prefix+c, "B/op")
		a, _ := r.get(prefix+c, "allocs/op")
		t.add(clientLabel(c), dur(first), ratio(first, facF), dur(ns), ratio(ns, fac), size(b), num(a))
	}
	t.write(w)
	og, _ := r.get(prefix+"openai-go", "ns/op")
	goo, _ := r.get(prefix+"go-openai", "ns/op")
	return []target{{goal: "stream over loopback: last chunk sooner than openai-go and go-openai",
		measured: fmt.Sprintf("openai-go %s, go-openai %s the facade's time", ratio(og, fac), ratio(goo, fac)), met: fac < og && fac < goo}}
}

func keysAll(w io.Writer, r *results) []target {
	if len(r.names("KeysAll/")) == 0 {
		return nil
	}
	fmt.Fprintln(w, "## 4. Keys.All")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "`Keys.All` with `ReturnFullObject` over 1,000 and 10,000 keys in pages of 100, from a local server")
	fmt.Fprintln(w, "serving realistic key rows (~1.2 KB each; `BenchmarkKeysAll`), next to the floor: a hand-written page loop")
	fmt.Fprintln(w, "with net/http and encoding/json into the same generated type. *Peak live heap* is the highest heap in use")
	fmt.Fprintln(w, "after a GC at each page boundary, above the heap before the listing: what the iteration keeps alive.")
	fmt.Fprintln(w)
	t := table{head: []string{"keys", "client", "time", "per page", "B/page", "allocs/page", "peak live heap"}}
	peaks := map[string]float64{}
	for _, total := range []string{"1000", "10000"} {
		n, _ := strconv.ParseFloat(total, 64)
		pages := n / 100
		for _, c := range []string{"facade", "net/http"} {
			name := "KeysAll/keys=" + total + "/client=" + c
			ns, ok := r.get(name, "ns/op")
			if !ok {
				continue
			}
			b, _ := r.get(name, "B/op")
			a, _ := r.get(name, "allocs/op")
			peak, _ := r.get(name, "peak-live-B")
			if c == "facade" {
				peaks[total] = peak
			}
			t.add(total, clientLabel(c), dur(ns), dur(ns/pages), size(b/pages), num(a/pages), size(peak))
		}
	}
	t.write(w)
	if p1, p2 := peaks["1000"], peaks["10000"]; p1 > 0 && p2 > 0 {
		return []target{{goal: "Keys.All memory flat in the number of pages (peak live heap, 100 pages vs 10)",
			measured: fmt.Sprintf("%s vs %s", size(p2), size(p1)), met: p2 <= 1.5*p1+256<<10}}
	}
	return nil
}

func concurrent(w io.Writer, r *results) []target {
	if len(r.names("ConcurrentChat/")) == 0 {
		return nil
	}
	fmt.Fprintln(w, "## 5. 64 goroutines")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "64 goroutines making chat calls over loopback, each client with its default HTTP client")
	fmt.Fprintln(w, "(`BenchmarkConcurrentChat`; one op is 64 × 8 calls). *Connections* is the number of TCP connections the")
	fmt.Fprintln(w, "server accepted during the run: a client whose pool keeps 64 idle connections stays near 64; one that")
	fmt.Fprintln(w, "keeps 2 per host (the `http.DefaultTransport` setting) opens new ones all the time.")
	fmt.Fprintln(w)
	t := table{head: []string{"client", "requests/s", "facade ÷ client", "connections", "B/call", "allocs/call"}}
	fac, _ := r.get("ConcurrentChat/client=facade", "req/s")
	var facConns float64
	for _, c := range clientOrder {
		name := "ConcurrentChat/client=" + c
		rps, ok := r.get(name, "req/s")
		if !ok {
			continue
		}
		conns, _ := r.get(name, "conns")
		if c == "facade" {
			facConns = conns
		}
		b, _ := r.get(name, "B/op")
		a, _ := r.get(name, "allocs/op")
		t.add(clientLabel(c), num(rps), ratio(fac, rps), num(conns), size(b/512), num(a/512))
	}
	t.write(w)
	return []target{{goal: "64 goroutines: connections reused (opened ≈ pool size, 64)",
		measured: fmt.Sprintf("%s connections", num(facConns)), met: facConns <= 64*1.5}}
}

func cli(w io.Writer, r *results) {
	fmt.Fprintln(w, "## 6. The CLI")
	fmt.Fprintln(w)
	help, ok := r.get("CLI/cmd=help", "ns/op")
	if !ok {
		fmt.Fprintln(w, "`BenchmarkCLI` did not run: `cmd/litellm-proxy` did not build (the benchmark skips itself and says why).")
		fmt.Fprintln(w)
		return
	}
	list, _ := r.get("CLI/cmd=models-list", "ns/op")
	fmt.Fprintln(w, "Wall time of a fresh `litellm-proxy` process (`BenchmarkCLI`, built with `go build`), `models list` against")
	fmt.Fprintln(w, "the emulator (`test/proxytest` in the benchmark process, as `cmd/litellm-emulator` serves it).")
	fmt.Fprintln(w)
	t := table{head: []string{"command", "wall time"}}
	t.add("`litellm-proxy --help`", dur(help))
	t.add("`litellm-proxy models list`", dur(list))
	t.write(w)
}

// --- scale (issue 15) ---

func scale(w io.Writer, r *results) []target {
	var targets []target
	if len(r.names("ConcurrentStreams/")) == 0 && len(r.names("Embeddings/")) == 0 &&
		len(r.names("ServerThroughput/")) == 0 && len(r.names("AddedLatency/")) == 0 {
		return nil
	}
	fmt.Fprintln(w, "## 7. Scale")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Many streams at once, large embedding responses, and the servers users' suites call thousands of times")
	fmt.Fprintln(w, "(issue 15). Speed is compared as ratios within this run; the memory and goroutine figures are not timings,")
	fmt.Fprintln(w, "and `TestConcurrentStreams` and `TestEmbeddingsDecoders` (which `make bench` runs first) assert what they can.")
	fmt.Fprintln(w)
	targets = append(targets, scaleStreams(w, r)...)
	targets = append(targets, scaleEmbeddings(w, r)...)
	targets = append(targets, scaleServers(w, r)...)
	return targets
}

var streamClients = []string{"facade", "net/http", "openai-go", "go-openai"}

func scaleStreams(w io.Writer, r *results) []target {
	prefix := "ConcurrentStreams/streams=1000/client="
	fac, ok := r.get(prefix+"facade", "heap-B/stream")
	if !ok {
		return nil
	}
	fmt.Fprintln(w, "### 1,000 concurrent streams")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "`BenchmarkConcurrentStreams`: one client of each kind (its default HTTP client) opens 1,000 streams, one")
	fmt.Fprintln(w, "after the other from one goroutine, against a loopback server in another process (so that the server's")
	fmt.Fprintln(w, "connections are not counted). The server sends the first chunk of each stream at once and holds the other 19")
	fmt.Fprintln(w, "until every stream is open and has read its first chunk; then the client measures the live heap (after a GC)")
	fmt.Fprintln(w, "and the goroutines, above what it had before the first stream, lets the server go on, and reads every stream")
	fmt.Fprintln(w, "to `[DONE]`, failing unless each has its 20 chunks in order. At the moment of measuring no payload is")
	fmt.Fprintln(w, "buffered (each stream's one chunk sent has been read), so the heap per stream is all overhead:")
	fmt.Fprintln(w, "net/http's connection (its 4 KiB read and 4 KiB write buffers, the request and response) and the client's")
	fmt.Fprintln(w, "own. *Other goroutines* are those that are not net/http's two per connection (`persistConn.readLoop` and")
	fmt.Fprintln(w, "`writeLoop`). The net/http row is a hand-written loop with a `bufio.Reader` of the default 4 KiB.")
	fmt.Fprintln(w)
	t := table{head: []string{"client", "heap per stream", "× facade", "goroutines per stream", "other goroutines", "round of 1,000"}}
	var facG, facO, nhG float64
	for _, c := range streamClients {
		h, ok := r.get(prefix+c, "heap-B/stream")
		if !ok {
			continue
		}
		g, _ := r.get(prefix+c, "goroutines/stream")
		o, _ := r.get(prefix+c, "other-goroutines")
		ns, _ := r.get(prefix+c, "ns/op")
		switch c {
		case "facade":
			facG, facO = g, o
		case "net/http":
			nhG = g
		}
		t.add(clientLabel(c), size(h), ratio(h, fac), fmt.Sprintf("%.2f", g), num(o), dur(ns))
	}
	t.write(w)
	nh, _ := r.get(prefix+"net/http", "heap-B/stream")
	fmt.Fprintf(w, "The facade's heap per stream is %s the hand-written loop's (%s more per stream).\n\n", ratio(fac, nh), size(fac-nh))
	return []target{
		{goal: "1,000 concurrent streams: heap per in-flight stream ≤ 16 KiB beyond buffered payload",
			measured: fmt.Sprintf("%s (net/http by hand: %s)", size(fac), size(nh)), met: fac <= 16<<10},
		{goal: "1,000 concurrent streams: no goroutine per stream beyond net/http's own",
			measured: fmt.Sprintf("%.2f per stream (net/http by hand: %.2f), %s others", facG, nhG, num(facO)),
			met:      facG <= 2.05 && facO <= 10},
		{goal: "1,000 concurrent streams: every stream complete and in order",
			measured: "all 20 chunks of each of the 1,000, in order, in every round", met: true},
	}
}

// embeddingRows are the rows of the embeddings table: format, client.
var embeddingRows = [][2]string{
	{"default", "facade"}, {"float", "facade"},
	{"float", "openai-go"}, {"float", "go-openai"}, {"base64", "go-openai"},
	{"float", "net/http"}, {"base64", "net/http"},
}

func scaleEmbeddings(w io.Writer, r *results) []target {
	prefix := "Embeddings/vectors=100x1536/format="
	name := func(format, client string) string { return prefix + format + "/client=" + client }
	fmt.Fprintln(w, "### Embeddings: 100 × 1536")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "`BenchmarkEmbeddings`: one `POST /embeddings` of 100 inputs answered with 100 vectors of 1536 float32s")
	fmt.Fprintln(w, "(text-embedding-3-small) by an in-memory transport, as JSON numbers (1.9 MB) or, when the request asks for")
	fmt.Fprintln(w, "`\"encoding_format\":\"base64\"`, as base64 of the little-endian float32 bytes (0.8 MB). Each client decodes every format it")
	fmt.Fprintln(w, "can: openai-go has no base64 decoding (its `Embedding` holds `[]float64`), go-openai decodes both into")
	fmt.Fprintln(w, "`[]float32`. *default* is the facade with no encoding format set: it asks for base64. *Retained* is the")
	fmt.Fprintln(w, "live heap the result keeps (after a GC, the result still referenced), against the raw size of the vectors")
	fmt.Fprintln(w, "as float32s (600 KiB); *allocated* is everything the call allocates (B/op), against the same.")
	fmt.Fprintln(w)
	fac, ok := r.get(name("default", "facade"), "ns/op")
	if !ok {
		fmt.Fprintln(w, "The facade has no embeddings call in this run.")
		fmt.Fprintln(w)
		return nil
	}
	const raw = 100 * 1536 * 4
	t := table{head: []string{"client", "format", "time", "× facade (default)", "retained", "retained ÷ raw", "allocated", "allocated ÷ raw", "allocs"}}
	fastest, fastestName := 0.0, ""
	for _, row := range embeddingRows {
		n := name(row[0], row[1])
		ns, ok := r.get(n, "ns/op")
		if !ok {
			continue
		}
		ret, _ := r.get(n, "retained-B")
		b, _ := r.get(n, "B/op")
		a, _ := r.get(n, "allocs/op")
		if (row[1] == "openai-go" || row[1] == "go-openai") && (fastest == 0 || ns < fastest) {
			fastest, fastestName = ns, row[1]+" "+row[0]
		}
		t.add(clientLabel(row[1]), row[0], dur(ns), ratio(ns, fac), size(ret), fmt.Sprintf("%.2f×", ret/raw), size(b), fmt.Sprintf("%.2f×", b/raw), num(a))
	}
	t.write(w)
	ret, _ := r.get(name("default", "facade"), "retained-B")
	b, _ := r.get(name("default", "facade"), "B/op")
	targets := []target{
		{goal: "embeddings 100 × 1536: decoded ≥ 3× faster than the fastest of openai-go and go-openai",
			measured: fmt.Sprintf("%s faster than %s", ratio(fastest, fac), fastestName), met: fastest > 0 && fastest >= 3*fac},
		{goal: "embeddings: base64 transfer by default, result as []float32",
			measured: "asked for base64, `[]float32` (checked by TestEmbeddingsDecoders)", met: true},
		{goal: "embeddings: memory ≤ 1.2× the raw float32 size (the result's retained heap)",
			measured: fmt.Sprintf("%.2f× (allocated during the call: %.2f×)", ret/raw, b/raw), met: ret > 0 && ret <= 1.2*raw},
	}
	return targets
}

func scaleServers(w io.Writer, r *results) []target {
	var targets []target
	if names := r.names("ServerThroughput/"); len(names) > 0 {
		fmt.Fprintln(w, "### The emulator's throughput, and the real proxy's")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "`BenchmarkServerThroughput`: non-streaming chat completions of a `mock_response` model over loopback, from")
		fmt.Fprintln(w, "one facade `Client` shared by 16 goroutines in the benchmark process, on the same 2 cores as the server:")
		fmt.Fprintln(w, "the emulator (`test/proxytest`, in that process, as users' suites run it) and the real LiteLLM proxy")
		fmt.Fprintln(w, "(`test/realproxy`, its own Python process, as it starts by default: one uvicorn worker, no database).")
		fmt.Fprintln(w)
		t := table{head: []string{"server", "requests/s", "CPU per request", "requests/s that 2 cores' CPU time allows", "B/request", "allocs/request"}}
		var emu, emuCPU float64
		others := ""
		for _, n := range names {
			rps, _ := r.get(n, "req/s")
			cpu, _ := r.get(n, "cpu-ns/req")
			b, _ := r.get(n, "B/op")
			a, _ := r.get(n, "allocs/op")
			server := key(n, "server")
			if server == "emulator" {
				emu, emuCPU = rps, cpu
			} else {
				others += fmt.Sprintf("; %s: %s/s", server, num(rps))
			}
			capacity := "–"
			if cpu > 0 {
				capacity = num(2e9 / cpu)
			}
			t.add(server, num(rps), dur(cpu), capacity, size(b), num(a))
		}
		t.write(w)
		fmt.Fprintln(w, "*CPU per request* is the CPU time that the benchmark process and the processes it started (the real")
		fmt.Fprintln(w, "proxy) used, per request: client and server together. On a machine shared with other work the wall-clock")
		fmt.Fprintln(w, "rate is lower than what two free cores would give; the CPU time is not inflated that way, and 2 s of CPU")
		fmt.Fprintln(w, "a second divided by it is the rate two free cores would allow. B and allocations per request are those of")
		fmt.Fprintln(w, "the benchmark process: the client's, and the emulator's too when it is the server.")
		fmt.Fprintln(w)
		measured := fmt.Sprintf("%s/s wall clock (CPU time: %s per request, %s/s on 2 free cores)%s", num(emu), dur(emuCPU), num(2e9/emuCPU), others)
		targets = append(targets, target{goal: "emulator: ≥ 5,000 non-streaming chat requests/s on 2 cores from a Go client over loopback",
			measured: measured, met: emu >= 5000})
	}
	if names := r.names("AddedLatency/"); len(names) > 0 {
		fmt.Fprintln(w, "### The client's added latency per call")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "`BenchmarkAddedLatency`: one goroutine makes a chat call with the facade and the same call by hand with")
		fmt.Fprintln(w, "net/http and encoding/json (the floor), one after the other (which goes first alternates), each timed,")
		fmt.Fprintln(w, "over and over against the same server, so that both see the same load. The two first columns are mean")
		fmt.Fprintln(w, "times per call; *added* is the median of the differences of each pair (negative: the facade was faster),")
		fmt.Fprintln(w, "a median because a real proxy's slow calls come in bursts that a mean does not cancel.")
		fmt.Fprintln(w)
		t := table{head: []string{"server", "facade", "net/http (floor)", "added by the facade", "facade ÷ floor", "CPU: facade", "CPU: floor", "CPU added"}}
		for _, n := range names {
			f, _ := r.get(n, "facade-ns/call")
			h, _ := r.get(n, "nethttp-ns/call")
			a, _ := r.get(n, "added-ns/call")
			fc, _ := r.get(n, "facade-cpu-ns/call")
			hc, _ := r.get(n, "nethttp-cpu-ns/call")
			server := key(n, "server")
			t.add(server, dur(f), dur(h), signedDur(a), ratio(f, h), dur(fc), dur(hc), signedDur(fc-hc))
			if strings.HasPrefix(server, "realproxy") {
				targets = append(targets, target{goal: "the client's added latency per call against the real proxy (facade vs raw net/http)",
					measured: fmt.Sprintf("%s per call (%s vs %s, %s); client CPU %s per call", signedDur(a), dur(f), dur(h), server, signedDur(fc-hc)), report: true})
			}
		}
		t.write(w)
		fmt.Fprintln(w, "*CPU* is the benchmark process's CPU time during the call: against the real proxy the client's alone,")
		fmt.Fprintln(w, "against the emulator (in the same process) the server's too, the same for both clients.")
		fmt.Fprintln(w)
	}
	return targets
}

func signedDur(ns float64) string {
	if ns < 0 {
		return "−" + dur(-ns)
	}
	return "+" + dur(ns)
}
