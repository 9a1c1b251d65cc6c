package facade

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var endpointLine = regexp.MustCompile(`(?m)^Endpoint: (GET|POST|PUT|PATCH|DELETE|ANY) /`)

// TestServiceMethodsNameTheirEndpoint walks the package with go/doc: every
// exported method of a *Service type must document its wire operation in an
// "Endpoint: METHOD /path" line (our version of go-github's //meta:operation),
// and every exported identifier must have a doc comment.
func TestServiceMethodsNameTheirEndpoint(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/litellm-go/proxyclient/facade")
	if err != nil {
		t.Fatal(err)
	}
	// Methods that are helpers, not operations.
	noEndpoint := map[string]bool{"SSOService.LoginURL": true}
	for _, typ := range p.Types {
		if typ.Doc == "" {
			t.Errorf("type %s has no doc comment", typ.Name)
		}
		for _, m := range typ.Methods {
			if m.Doc == "" {
				t.Errorf("%s.%s has no doc comment", typ.Name, m.Name)
			}
			if strings.HasSuffix(typ.Name, "Service") && !noEndpoint[typ.Name+"."+m.Name] && !endpointLine.MatchString(m.Doc) {
				t.Errorf("%s.%s: doc comment lacks an \"Endpoint: METHOD /path\" line", typ.Name, m.Name)
			}
		}
		for _, f := range typ.Funcs {
			if f.Doc == "" {
				t.Errorf("func %s has no doc comment", f.Name)
			}
		}
	}
	for _, f := range p.Funcs {
		if f.Doc == "" {
			t.Errorf("func %s has no doc comment", f.Name)
		}
	}
}
