package cmdutil

import (
	"encoding/json"
	"strconv"
	"strings"
)

// CoerceModelValues converts, in place, the string values of k=v model
// parameters and model info whose keys the proxy types as numbers (costs,
// token limits, rpm/tpm, timeouts) or booleans (supports_* flags), when
// they parse as such. Upstream sends every value as a string and relies on
// the proxy's validation to convert them; converting here keeps the stored
// values typed whichever proxy (or emulator) receives them. Other values
// stay strings, so an api_key of digits is not turned into a number.
func CoerceModelValues(m map[string]any) {
	for k, v := range m {
		s, ok := v.(string)
		if !ok {
			continue
		}
		t := strings.TrimSpace(s)
		switch {
		case numericModelKey(k):
			if t != "" && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9')) && json.Valid([]byte(t)) {
				m[k] = json.Number(t)
			}
		case boolModelKey(k):
			if b, err := strconv.ParseBool(t); err == nil {
				m[k] = b
			}
		}
	}
}

func numericModelKey(k string) bool {
	switch k {
	case "rpm", "tpm", "timeout", "stream_timeout", "order", "weight", "max_retries":
		return true
	}
	return strings.HasPrefix(k, "max_") || strings.Contains(k, "_cost_per_") || strings.HasSuffix(k, "_cost")
}

func boolModelKey(k string) bool {
	switch k {
	case "db_model", "blocked", "use_in_pass_through", "merge_reasoning_content_in_choices":
		return true
	}
	return strings.HasPrefix(k, "supports_")
}
