package bench

import (
	"sync"
	"testing"
)

// BenchmarkConcurrentChat runs 64 goroutines making chat calls over
// loopback, each client with its default HTTP client. One op is 64×8 calls.
// req/s is the throughput; conns is the number of TCP connections the server
// accepted during the whole benchmark run (a pool that keeps connections
// stays at 64; one that keeps fewer opens new ones all the time).
func BenchmarkConcurrentChat(b *testing.B) {
	const workers, calls = 64, 8
	for _, name := range []string{"facade", "gen", "net/http", "openai-go", "go-openai"} {
		b.Run("client="+name, func(b *testing.B) {
			srv := newChatServer(b, nil)
			var c contender
			for _, x := range contenders(srv.URL, nil) {
				if x.name == name {
					c = x
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				var wg sync.WaitGroup
				errs := make(chan error, workers)
				for range workers {
					wg.Go(func() {
						for range calls {
							if _, err := c.chat(); err != nil {
								errs <- err
								return
							}
						}
					})
				}
				wg.Wait()
				close(errs)
				for err := range errs {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(workers*calls*b.N)/b.Elapsed().Seconds(), "req/s")
			b.ReportMetric(float64(srv.conns.Load()), "conns")
		})
	}
}
