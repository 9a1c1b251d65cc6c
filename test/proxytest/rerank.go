package proxytest

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Rerank scores are deterministic: the share of the query's words a
// document contains, plus a hash of both below 0.01 that breaks ties.

type (
	rerankResponseJSON struct {
		ID      string             `json:"id"`
		Results []rerankResultJSON `json:"results"`
		Meta    map[string]any     `json:"meta"`
		Usage   map[string]int     `json:"usage"`
	}
	rerankResultJSON struct {
		Index          int                `json:"index"`
		RelevanceScore float64            `json:"relevance_score"`
		Document       *rerankDocumentRow `json:"document,omitempty"`
	}
	rerankDocumentRow struct {
		Text string `json:"text"`
	}
)

// RerankScore is the relevance score the emulator gives document for query.
func RerankScore(query, document string) float64 {
	qw := strings.Fields(strings.ToLower(query))
	dw := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(document)) {
		dw[strings.Trim(w, ".,;:!?\"'")] = true
	}
	hit := 0
	for _, w := range qw {
		if dw[strings.Trim(w, ".,;:!?\"'")] {
			hit++
		}
	}
	src := splitmix(hashSeed("rerank", query, document))
	tie := float64(src.next()>>11) / (1 << 53) / 100
	if len(qw) == 0 {
		return tie
	}
	return float64(hit)/float64(len(qw))*0.99 + tie
}

// Rerank serves POST /rerank.
func (h *handler) Rerank(w http.ResponseWriter, r *http.Request) { h.rerank(w, r) }

// RerankV1 serves POST /v1/rerank.
func (h *handler) RerankV1(w http.ResponseWriter, r *http.Request) { h.rerank(w, r) }

func (h *handler) rerank(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Model           string   `json:"model"`
		Query           string   `json:"query"`
		Documents       []any    `json:"documents"`
		TopN            *int     `json:"top_n"`
		ReturnDocuments *bool    `json:"return_documents"`
		RankFields      []string `json:"rank_fields"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	d, e := h.inferenceDeployment(ri, req.Model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	texts := make([]string, len(req.Documents))
	for i, doc := range req.Documents {
		switch v := doc.(type) {
		case string:
			texts[i] = v
		case map[string]any:
			fields := req.RankFields
			if len(fields) == 0 {
				fields = []string{"text"}
			}
			var parts []string
			for _, f := range fields {
				parts = append(parts, fmt.Sprint(v[f]))
			}
			texts[i] = strings.Join(parts, " ")
		default:
			texts[i] = fmt.Sprint(v)
		}
	}
	results := make([]rerankResultJSON, len(texts))
	tokens := words(req.Query)
	for i, t := range texts {
		results[i] = rerankResultJSON{Index: i, RelevanceScore: RerankScore(req.Query, t)}
		if req.ReturnDocuments == nil || *req.ReturnDocuments {
			results[i].Document = &rerankDocumentRow{Text: t}
		}
		tokens += words(t)
	}
	sort.SliceStable(results, func(a, b int) bool { return results[a].RelevanceScore > results[b].RelevanceScore })
	if req.TopN != nil && *req.TopN >= 0 && *req.TopN < len(results) {
		results = results[:*req.TopN]
	}
	h.mu.Lock()
	id := h.uuid()
	h.mu.Unlock()
	out := rerankResponseJSON{ID: id, Results: results, Usage: map[string]int{"total_tokens": tokens},
		Meta: map[string]any{"billed_units": map[string]any{"total_tokens": tokens}, "tokens": map[string]any{"input_tokens": tokens}}}
	h.inferenceHeaders(w, ri, d, req.Model, start)
	writeJSON(w, http.StatusOK, out)
}
