package proxyclient

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// TestREADMEBlocksAreExamples keeps the README's Go snippets compiled and
// run: each must be the body of an Example function (which go test runs
// against proxytest and checks with // Output:).
func TestREADMEBlocksAreExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlock.FindAllSubmatch(readme, -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go blocks")
	}
	var bodies []string
	fset := token.NewFileSet()
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if ok && strings.HasPrefix(fn.Name.Name, "Example") && fn.Body != nil {
				body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
				body, _, _ = strings.Cut(body, "// Output:")
				bodies = append(bodies, squash(body))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		block := squash(string(b[1]))
		found := false
		for _, body := range bodies {
			if block == body {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("README Go block matches no Example function body:\n%s", b[1])
		}
	}
}

// squash removes all white space, so indentation does not matter.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}
