package output

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
)

func TestTableRender(t *testing.T) {
	t.Parallel()
	newTable := func() *Table {
		tb := &Table{Title: "Models", Columns: []Column{{Header: "Name"}, {Header: "Cost", Align: AlignRight}, {Header: "Note"}}}
		tb.AddRow("gpt-4o", "$0.0100", "a\tb")
		tb.AddRow("m", "$10.0000")
		tb.AddFooter("Total", "2")
		return tb
	}

	ios, _, out, _ := iostreams.Test()
	if err := newTable().Render(ios); err != nil {
		t.Fatal(err)
	}
	wantTSV := "Name\tCost\tNote\ngpt-4o\t$0.0100\ta b\nm\t$10.0000\t\nTotal\t2\t\n"
	if got := out.String(); got != wantTSV {
		t.Errorf("non-TTY render:\n%s\nwant:\n%s", got, wantTSV)
	}

	ios, _, out, _ = iostreams.Test()
	ios.SetStdoutTTY(true)
	if err := newTable().Render(ios); err != nil {
		t.Fatal(err)
	}
	wantTTY := strings.Join([]string{
		"        Models",
		"Name        Cost  Note",
		"------  --------  ----",
		"gpt-4o   $0.0100  a b",
		"m       $10.0000",
		"------  --------  ----",
		"Total          2",
		"",
	}, "\n")
	if got := out.String(); got != wantTTY {
		t.Errorf("TTY render:\n%s\nwant:\n%s", got, wantTTY)
	}
}

func TestNotef(t *testing.T) {
	t.Parallel()
	ios, _, out, errOut := iostreams.Test()
	Notef(ios, "Showing %d\n", 1)
	if out.Len() != 0 || errOut.String() != "Showing 1\n" {
		t.Errorf("non-TTY: out %q, err %q", out, errOut)
	}
	ios.SetStdoutTTY(true)
	Notef(ios, "Showing %d\n", 2)
	if out.String() != "Showing 2\n" {
		t.Errorf("TTY: out %q", out)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	got, err := JSON(json.RawMessage(`{"z":1,"a":{"<b>":[1,2]},"é":"\u00e9"}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"z\": 1,\n  \"a\": {\n    \"<b>\": [\n      1,\n      2\n    ]\n  },\n  \"é\": \"\\u00e9\"\n}\n"
	if string(got) != want {
		t.Errorf("JSON(raw) =\n%s\nwant\n%s", got, want)
	}
	got, err = JSON(map[string]string{"html": "<&>"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"html\": \"<&>\"\n}\n"; string(got) != want {
		t.Errorf("JSON(map) = %q, want %q", got, want)
	}
	if _, err := JSON(json.RawMessage(`{`)); err == nil {
		t.Error("JSON of invalid raw JSON: no error")
	}

	ios, _, out, _ := iostreams.Test()
	ios.SetStdoutTTY(true)
	ios.SetColorEnabled(true)
	if err := PrintJSON(ios, json.RawMessage(`{"k":"v","n":-1.5,"b":true,"z":null}`)); err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{"\x1b[36m\"k\"\x1b[0m", "\x1b[32m\"v\"\x1b[0m", "\x1b[33m-1.5\x1b[0m", "\x1b[1mtrue\x1b[0m", "\x1b[1mnull\x1b[0m"} {
		if !strings.Contains(out.String(), frag) {
			t.Errorf("coloured JSON %q lacks %q", out, frag)
		}
	}
}
