package proxytest

import (
	"net/http"
	"strings"
	"time"
)

// ModerationKeyword is the word that makes the emulator's moderation flag
// an input (category "violence", score 0.9); every other input passes with
// low scores.
const ModerationKeyword = "kill"

// moderationCategories are the categories of OpenAI's omni-moderation models.
var moderationCategories = []string{
	"harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
	"self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
}

type (
	moderationResponseJSON struct {
		ID      string                 `json:"id"`
		Model   string                 `json:"model"`
		Results []moderationResultJSON `json:"results"`
	}
	moderationResultJSON struct {
		Flagged                   bool               `json:"flagged"`
		Categories                map[string]bool    `json:"categories"`
		CategoryScores            map[string]float64 `json:"category_scores"`
		CategoryAppliedInputTypes any                `json:"category_applied_input_types"`
	}
)

// Moderation serves POST /moderations.
func (h *handler) Moderation(w http.ResponseWriter, r *http.Request) { h.moderation(w, r) }

// ModerationV1 serves POST /v1/moderations.
func (h *handler) ModerationV1(w http.ResponseWriter, r *http.Request) { h.moderation(w, r) }

func (h *handler) moderation(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	ri := infoOf(r)
	var req struct {
		Input any    `json:"input"`
		Model string `json:"model"`
	}
	if e := readInference(r, &req); e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	inputs := textInputs(req.Input)
	if len(inputs) == 0 {
		h.inferenceError(w, ri, proxyErr(http.StatusBadRequest, "invalid_request_error", "input",
			"litellm.BadRequestError: OpenAIException - input must be a string or a list of strings"))
		return
	}
	model := req.Model
	if model == "" {
		model = "omni-moderation-latest"
	}
	d, e := h.inferenceDeployment(ri, model)
	if e != nil {
		h.inferenceError(w, ri, e)
		return
	}
	h.mu.Lock()
	id := "modr-" + h.uuid()
	h.mu.Unlock()
	out := moderationResponseJSON{ID: id, Model: model}
	for _, in := range inputs {
		res := moderationResultJSON{Categories: map[string]bool{}, CategoryScores: map[string]float64{}}
		src := splitmix(hashSeed("moderation", in))
		for _, c := range moderationCategories {
			res.Categories[c] = false
			res.CategoryScores[c] = float64(src.next()>>11) / (1 << 53) / 100 // below 0.01
		}
		if strings.Contains(strings.ToLower(in), ModerationKeyword) {
			res.Flagged = true
			res.Categories["violence"] = true
			res.CategoryScores["violence"] = 0.9
		}
		// The proxy dumps OpenAI's result model with both spellings of
		// each category: "self-harm/intent" and "self_harm_intent".
		for _, c := range moderationCategories {
			if alt := strings.NewReplacer("/", "_", "-", "_").Replace(c); alt != c {
				res.Categories[alt] = res.Categories[c]
				res.CategoryScores[alt] = res.CategoryScores[c]
			}
		}
		out.Results = append(out.Results, res)
	}
	h.inferenceHeaders(w, ri, d, model, start)
	writeJSON(w, http.StatusOK, out)
}
