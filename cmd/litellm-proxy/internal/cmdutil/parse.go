package cmdutil

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// ParseKeyValue splits a "name=value" flag value (models add -p/-i) at its
// first "=". The value may be empty and may contain "="; the key may not be
// empty. Neither side is trimmed, as upstream.
func ParseKeyValue(s string) (key, value string, err error) {
	key, value, ok := strings.Cut(s, "=")
	if !ok {
		return "", "", fmt.Errorf("invalid format %q: expected name=value", s)
	}
	if key == "" {
		return "", "", fmt.Errorf("invalid format %q: the key before '=' is empty", s)
	}
	return key, value, nil
}

// ParseKeyValues parses every value with [ParseKeyValue] into a map; a
// later key wins. flag names the flag in the error ("--param").
func ParseKeyValues(flag string, values []string) (map[string]any, error) {
	if len(values) == 0 {
		return nil, nil
	}
	m := make(map[string]any, len(values))
	for _, v := range values {
		k, val, err := ParseKeyValue(v)
		if err != nil {
			return nil, FlagErrorf("%s: %v", flag, err)
		}
		m[k] = val
	}
	return m, nil
}

// ParseMessage splits a "role:content" chat message at its first ":" and
// trims white space from both parts, as upstream. A value without ":" or
// with an empty role is an error with upstream's message.
func ParseMessage(s string) (role, content string, err error) {
	r, c, ok := strings.Cut(s, ":")
	r, c = strings.TrimSpace(r), strings.TrimSpace(c)
	if !ok || r == "" {
		//lint:ignore ST1005 upstream's message, which users and scripts match
		return "", "", fmt.Errorf("Invalid message format: %s. Expected format: 'role:content'", s)
	}
	return r, c, nil
}

// ParseHeader splits a "Key:Value" header at its first ":" and trims white
// space from both parts, as upstream. A value without ":", an empty or
// malformed name, or a value with a line break or NUL is an error.
func ParseHeader(s string) (key, value string, err error) {
	k, v, ok := strings.Cut(s, ":")
	k, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || !validHeaderName(k) || strings.ContainsAny(v, "\r\n\x00") {
		//lint:ignore ST1005 upstream's message, which users and scripts match
		return "", "", fmt.Errorf("Invalid header format: %s. Expected format: 'key:value'", s)
	}
	return k, v, nil
}

// validHeaderName reports whether k is an RFC 9110 token.
func validHeaderName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// ParseJSONObjectFlag parses the value of a flag that takes a JSON object
// (--info, --aliases, ...), numbers as json.Number. An invalid document is
// a usage error naming the flag: "--info: Invalid JSON: ..."; an empty flag
// leaves the name out.
func ParseJSONObjectFlag(flag, s string) (map[string]any, error) {
	prefix := ""
	if flag != "" {
		prefix = flag + ": "
	}
	if err := checkJSON(s); err != nil {
		return nil, FlagErrorf("%sInvalid JSON: %v", prefix, err)
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, FlagErrorf("%sInvalid JSON: expected an object, got %s", prefix, jsonKind(s))
	}
	return m, nil
}

func checkJSON(s string) error {
	var v json.RawMessage
	return json.Unmarshal([]byte(s), &v)
}

func jsonKind(s string) string {
	t := bytes.TrimSpace([]byte(s))
	if len(t) == 0 {
		return "nothing"
	}
	switch t[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}

// SplitCSV splits a comma-separated flag value and trims each item, as
// upstream; empty items are dropped. An empty value gives nil.
func SplitCSV(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
