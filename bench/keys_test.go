package bench

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/gen"
)

const keysPageSize = 100

// keyObject is key i as GET /key/list returns it with return_full_object
// (a LiteLLM_VerificationToken row, proxy-contract.md appendix B): ~1.2 KB.
func keyObject(i int) map[string]any {
	return map[string]any{
		"token":                  fmt.Sprintf("%064x", i*7919+1),
		"key_name":               fmt.Sprintf("sk-...%04d", i%10000),
		"key_alias":              fmt.Sprintf("service-%d", i),
		"soft_budget_cooldown":   false,
		"spend":                  float64(i%997) * 0.0137,
		"expires":                nil,
		"models":                 []string{"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet"},
		"aliases":                map[string]any{},
		"config":                 map[string]any{},
		"user_id":                fmt.Sprintf("user-%d", i%250),
		"team_id":                fmt.Sprintf("team-%d", i%40),
		"permissions":            map[string]any{},
		"max_parallel_requests":  nil,
		"metadata":               map[string]any{"env": "prod", "owner": fmt.Sprintf("owner-%d@example.com", i%250), "tags": []string{"batch", "internal"}},
		"blocked":                nil,
		"tpm_limit":              100000,
		"rpm_limit":              1000,
		"max_budget":             250.0,
		"budget_duration":        "30d",
		"budget_reset_at":        "2026-12-01T00:00:00.000000+00:00",
		"allowed_cache_controls": []string{},
		"allowed_routes":         []string{},
		"model_spend":            map[string]any{"gpt-4o": 1.25, "gpt-4o-mini": 0.031},
		"model_max_budget":       map[string]any{},
		"budget_id":              nil,
		"organization_id":        "org-1",
		"object_permission_id":   nil,
		"created_at":             "2026-01-15T10:20:30.123456+00:00",
		"created_by":             "admin",
		"updated_at":             "2026-02-01T08:00:00.000000+00:00",
		"updated_by":             "admin",
		"litellm_budget_table":   nil,
		"key_type":               "default",
	}
}

// keysServer serves GET /key/list from pages rendered in advance.
func keysServer(tb testing.TB, total int) *httptest.Server {
	pages := (total + keysPageSize - 1) / keysPageSize
	bodies := make([][]byte, pages+1)
	for p := 1; p <= pages; p++ {
		var keys []map[string]any
		for i := (p - 1) * keysPageSize; i < min(p*keysPageSize, total); i++ {
			keys = append(keys, keyObject(i))
		}
		b, err := json.Marshal(map[string]any{"keys": keys, "total_count": total, "current_page": p, "total_pages": pages})
		if err != nil {
			tb.Fatal(err)
		}
		bodies[p] = b
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || p < 1 || p > pages || r.URL.Query().Get("size") != strconv.Itoa(keysPageSize) {
			http.Error(w, "bad page", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(bodies[p])
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// keysPager lists every key, page after page, calling each for every key.
type keysPager struct {
	name string
	all  func(each func(token string)) error
}

func keysPagers(base string) []keysPager {
	c, err := facade.New(base, facade.WithAPIKey(benchKey))
	if err != nil {
		panic(err)
	}
	hc := &http.Client{}
	return []keysPager{
		{"facade", func(each func(string)) error {
			for k, err := range c.Keys.All(ctx, &facade.KeyListOptions{ReturnFullObject: true}) {
				if err != nil {
					return err
				}
				each(k.Token)
			}
			return nil
		}},
		// The floor: a hand-written loop over pages with net/http and
		// encoding/json, into the same generated key type.
		{"net/http", func(each func(string)) error {
			for page := 1; ; page++ {
				resp, err := hc.Get(fmt.Sprintf("%s/key/list?page=%d&size=%d&return_full_object=true", base, page, keysPageSize))
				if err != nil {
					return err
				}
				var body struct {
					Keys       []gen.KeyRecord `json:"keys"`
					TotalPages int             `json:"total_pages"`
				}
				err = json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				if err != nil {
					return err
				}
				for i := range body.Keys {
					each(body.Keys[i].Token)
				}
				if len(body.Keys) == 0 || page >= body.TotalPages {
					return nil
				}
			}
		}},
	}
}

// BenchmarkKeysAll lists 1,000 and 10,000 keys in pages of 100. One op is
// the whole listing. peak-live-B is the highest live heap (HeapAlloc right
// after a GC) seen at page boundaries during one listing, above the live heap
// before it: what the iteration keeps alive, which must not grow with the
// number of pages. B/op divided by the pages is the allocation per page.
func BenchmarkKeysAll(b *testing.B) {
	for _, total := range []int{1000, 10000} {
		srv := keysServer(b, total)
		for _, p := range keysPagers(srv.URL) {
			b.Run(fmt.Sprintf("keys=%d/client=%s", total, p.name), func(b *testing.B) {
				peak := peakLive(b, p, total)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					n := 0
					if err := p.all(func(string) { n++ }); err != nil || n != total {
						b.Fatalf("%d keys, %v", n, err)
					}
				}
				b.ReportMetric(float64(peak), "peak-live-B")
			})
		}
	}
}

// peakLive lists the keys once, measuring the live heap at every page
// boundary, and returns the peak above the starting point.
func peakLive(b *testing.B, p keysPager, total int) uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, ms.HeapAlloc
	n := 0
	err := p.all(func(string) {
		n++
		if n%keysPageSize == keysPageSize/2 { // mid-page: the page is alive
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	})
	if err != nil || n != total {
		b.Fatalf("%d keys, %v", n, err)
	}
	return peak - base
}
