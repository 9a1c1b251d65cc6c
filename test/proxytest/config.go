package proxytest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/litellm-go/proxyclient/internal/yamljson"
)

// A LiteLLMConfig is what the emulator takes from a LiteLLM proxy config file
// (the YAML given to `litellm --config`), as [LoadLiteLLMConfig] reads it.
type LiteLLMConfig struct {
	// Models are the deployments of model_list, in file order. A deployment
	// without model_info.id gets the id the proxy computes (the SHA-256 of
	// the model name and litellm_params), so ids match a real proxy started
	// from the same file.
	Models []Model
	// MasterKey is general_settings.master_key with an "os.environ/NAME"
	// value resolved, else the environment variable LITELLM_MASTER_KEY, else
	// "" (the server then keeps its own master key).
	MasterKey string
	// StoreModelInDB is general_settings.store_model_in_db, else the
	// environment variable STORE_MODEL_IN_DB. Without it, like the proxy,
	// the server refuses /model/new, /model/delete and PATCH
	// /model/{id}/update.
	StoreModelInDB bool
	// Guardrails are the entries of guardrails: (guardrail_name,
	// litellm_params, guardrail_info): GET /guardrails/list lists them, and
	// POST /guardrails/apply_guardrail runs them.
	Guardrails []ConfigGuardrail
	// Ignored lists the settings present in the file that the emulator
	// does not emulate ("litellm_settings", "general_settings.database_url",
	// ...), for a caller that wants to warn about them.
	Ignored []string
}

// LoadLiteLLMConfig reads a LiteLLM proxy config file: model_list (model_name,
// litellm_params, model_info), general_settings.master_key (a value, or
// "os.environ/NAME"), environment_variables (set for resolving os.environ/
// references, not in the process environment) and include (files relative
// to path, merged as the proxy merges them). Other settings are ignored and
// listed in Ignored. Its errors name the file and the offending entry.
func LoadLiteLLMConfig(path string) (*LiteLLMConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("proxytest: read LiteLLM config: %w", err)
	}
	cfg, err := parseLiteLLMConfig(data, filepath.Dir(path), os.LookupEnv)
	if err != nil {
		return nil, fmt.Errorf("proxytest: LiteLLM config %s: %w", path, err)
	}
	return cfg, nil
}

// ParseLiteLLMConfig is [LoadLiteLLMConfig] for a config held in memory; an
// include directive is an error, having no directory to resolve against.
func ParseLiteLLMConfig(data []byte) (*LiteLLMConfig, error) {
	cfg, err := parseLiteLLMConfig(data, "", os.LookupEnv)
	if err != nil {
		return nil, fmt.Errorf("proxytest: LiteLLM config: %w", err)
	}
	return cfg, nil
}

// Option returns the server option that applies the config: [WithModels]
// with its models (none when the file has no model_list, as for the proxy),
// [WithMasterKey] with its master key when it has one, and
// unless StoreModelInDB, no storing of models (as a proxy started with the
// file answers /model/new with HTTP 500).
func (c *LiteLLMConfig) Option() Option {
	models := WithModels(c.Models...)
	key, store, guardrails := c.MasterKey, c.StoreModelInDB, c.Guardrails
	return func(cfg *config) {
		models(cfg)
		if key != "" {
			cfg.masterKey = key
		}
		cfg.noModelStore = !store
		cfg.guardrails = guardrails
	}
}

// WithLiteLLMConfig configures the server from a LiteLLM proxy config file
// (see [LoadLiteLLMConfig]): its model_list replaces the default models and
// its master key, if any, replaces the master key. It panics if the file
// cannot be read or is not a valid config; use LoadLiteLLMConfig to handle
// that error.
func WithLiteLLMConfig(path string) Option {
	cfg, err := LoadLiteLLMConfig(path)
	if err != nil {
		panic(err.Error())
	}
	return cfg.Option()
}

// lookupFunc is os.LookupEnv.
type lookupFunc func(string) (string, bool)

func parseLiteLLMConfig(data []byte, dir string, lookup lookupFunc) (*LiteLLMConfig, error) {
	root, err := yamlMapping(data)
	if err != nil {
		return nil, err
	}
	if err := mergeIncludes(root, dir); err != nil {
		return nil, err
	}
	cfg := &LiteLLMConfig{}
	env := map[string]string{}
	if n := mapValue(root, "environment_variables"); n != nil {
		if n.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("line %d: environment_variables must be a mapping", n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			env[n.Content[i].Value] = n.Content[i+1].Value
		}
	}
	getenv := func(ref string) (string, error) {
		name := strings.TrimPrefix(ref, "os.environ/")
		if v, ok := env[name]; ok && !strings.HasPrefix(v, "os.environ/") {
			return v, nil
		}
		if v, ok := lookup(name); ok {
			return v, nil
		}
		return "", fmt.Errorf("environment variable %s is not set", name)
	}

	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		switch k {
		case "model_list":
			models, err := parseModelList(v)
			if err != nil {
				return nil, err
			}
			cfg.Models = models
		case "general_settings":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.MappingNode {
				return nil, fmt.Errorf("line %d: general_settings must be a mapping", v.Line)
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				gk, gv := v.Content[j].Value, v.Content[j+1]
				switch gk {
				case "master_key":
					if gv.Kind != yaml.ScalarNode {
						return nil, fmt.Errorf("line %d: general_settings.master_key must be a string", gv.Line)
					}
					key := gv.Value
					if strings.HasPrefix(key, "os.environ/") {
						if key, err = getenv(key); err != nil {
							return nil, fmt.Errorf("line %d: general_settings.master_key: %w", gv.Line, err)
						}
					}
					cfg.MasterKey = key
				case "store_model_in_db":
					b, err := yamlBool(gv, lookup)
					if err != nil {
						return nil, fmt.Errorf("line %d: general_settings.store_model_in_db: %w", gv.Line, err)
					}
					cfg.StoreModelInDB = b
				default:
					cfg.Ignored = append(cfg.Ignored, "general_settings."+gk)
				}
			}
		case "guardrails":
			gs, err := parseConfigGuardrails(v)
			if err != nil {
				return nil, err
			}
			cfg.Guardrails = gs
		case "environment_variables":
		default:
			cfg.Ignored = append(cfg.Ignored, k)
		}
	}
	if cfg.MasterKey == "" {
		if v, ok := lookup("LITELLM_MASTER_KEY"); ok {
			cfg.MasterKey = v
		}
	}
	if v, ok := lookup("STORE_MODEL_IN_DB"); ok && !cfg.StoreModelInDB {
		cfg.StoreModelInDB, _ = yamlBool(&yaml.Node{Value: v}, lookup)
	}
	return cfg, nil
}

// yamlMapping parses a YAML document whose top level is a mapping (an empty
// document is an empty mapping).
func yamlMapping(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML: %w", err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: the top level must be a mapping (model_list:, general_settings:, ...)", root.Line)
	}
	return root, nil
}

// mergeIncludes merges the files of an include list into root, as the proxy
// does: lists are extended, other values replaced.
func mergeIncludes(root *yaml.Node, dir string) error {
	inc := mapValue(root, "include")
	if inc == nil {
		return nil
	}
	if inc.Kind != yaml.SequenceNode {
		return fmt.Errorf("line %d: include must be a list of file paths", inc.Line)
	}
	if dir == "" {
		return errors.New("include needs a config file to resolve paths against (use LoadLiteLLMConfig)")
	}
	for _, f := range inc.Content {
		p := filepath.Join(dir, f.Value)
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("line %d: include: %w", f.Line, err)
		}
		sub, err := yamlMapping(data)
		if err != nil {
			return fmt.Errorf("included file %s: %w", p, err)
		}
		for i := 0; i+1 < len(sub.Content); i += 2 {
			k, v := sub.Content[i], sub.Content[i+1]
			if cur := mapValue(root, k.Value); cur != nil {
				if cur.Kind == yaml.SequenceNode && v.Kind == yaml.SequenceNode {
					cur.Content = append(cur.Content, v.Content...)
				} else {
					*cur = *v
				}
				continue
			}
			root.Content = append(root.Content, k, v)
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "include" {
			root.Content = append(root.Content[:i], root.Content[i+2:]...)
			break
		}
	}
	return nil
}

// mapValue returns the value of key in the mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// yamlBool reads a YAML boolean, or a string the proxy takes for one
// ("True", "os.environ/STORE_MODEL_IN_DB").
func yamlBool(n *yaml.Node, lookup lookupFunc) (bool, error) {
	v := n.Value
	if strings.HasPrefix(v, "os.environ/") {
		v, _ = lookup(strings.TrimPrefix(v, "os.environ/"))
	}
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean", n.Value)
}

func parseModelList(n *yaml.Node) ([]Model, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return []Model{}, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("line %d: model_list must be a list", n.Line)
	}
	models := make([]Model, 0, len(n.Content))
	ids := map[string]int{}
	for i, e := range n.Content {
		if e.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("line %d: model_list[%d] must be a mapping", e.Line, i)
		}
		var m Model
		var order []string // litellm_params keys in file order, for the id
		for j := 0; j+1 < len(e.Content); j += 2 {
			k, v := e.Content[j].Value, e.Content[j+1]
			switch k {
			case "model_name":
				if v.Kind != yaml.ScalarNode || v.Value == "" {
					return nil, fmt.Errorf("line %d: model_list[%d].model_name must be a non-empty string", v.Line, i)
				}
				m.Name = v.Value
			case "litellm_params", "model_info":
				if v.Kind != yaml.MappingNode {
					return nil, fmt.Errorf("line %d: model_list[%d].%s must be a mapping", v.Line, i, k)
				}
				var val map[string]any
				if err := v.Decode(&val); err != nil {
					return nil, fmt.Errorf("line %d: model_list[%d].%s: %w", v.Line, i, k, err)
				}
				val = yamljson.Values(val).(map[string]any)
				if k == "model_info" {
					m.Info = val
					continue
				}
				m.Params = val
				for p := 0; p+1 < len(v.Content); p += 2 {
					order = append(order, v.Content[p].Value)
				}
			}
		}
		switch {
		case m.Name == "":
			return nil, fmt.Errorf("line %d: model_list[%d] has no model_name", e.Line, i)
		case m.Params == nil:
			return nil, fmt.Errorf("line %d: model_list[%d] (%s) has no litellm_params", e.Line, i, m.Name)
		case str(m.Params["model"]) == "":
			return nil, fmt.Errorf("line %d: model_list[%d] (%s) has no litellm_params.model", e.Line, i, m.Name)
		}
		if m.Info == nil {
			m.Info = map[string]any{}
		}
		if str(m.Info["id"]) == "" {
			m.Info["id"] = configModelID(m.Name, m.Params, order)
		}
		id := str(m.Info["id"])
		if j, dup := ids[id]; dup {
			return nil, fmt.Errorf("line %d: model_list[%d] has the same id as model_list[%d] (%s)", e.Line, i, j, id)
		}
		ids[id] = i
		models = append(models, m)
	}
	return models, nil
}

// configModelID is the id the proxy's router gives a deployment without
// model_info.id: the hex SHA-256 of the model name followed by each
// litellm_params key and value (str() of a value, json.dumps of a dict), in
// the file's order.
func configModelID(name string, params map[string]any, order []string) string {
	var b strings.Builder
	b.WriteString(name)
	for _, k := range order {
		b.WriteString(k)
		b.WriteString(pyStr(params[k]))
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// pyStr renders a value as Python's str() does (json.dumps for a dict).
func pyStr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e16 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case map[string]any:
		data, _ := json.Marshal(x)
		return pyJSONSpacing(string(data))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if s, ok := e.(string); ok {
				parts[i] = pyRepr(s)
			} else {
				parts[i] = pyStr(e)
			}
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// pyJSONSpacing adds the spaces of json.dumps' default separators (", " and
// ": ") to compact JSON.
func pyJSONSpacing(s string) string {
	var b strings.Builder
	inStr, esc := false, false
	for _, r := range s {
		b.WriteRune(r)
		switch {
		case esc:
			esc = false
		case inStr && r == '\\':
			esc = true
		case r == '"':
			inStr = !inStr
		case !inStr && (r == ',' || r == ':'):
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// WithEnterprise makes the server behave as a proxy with an Enterprise
// licence (LITELLM_LICENSE): /key/regenerate works, and keys may set the
// Enterprise-only fields (tags, guardrails, prompts, ...) and model_max_budget.
// Without it, like an open-source proxy, the server refuses them.
func WithEnterprise() Option {
	return func(c *config) { c.enterprise = true }
}
