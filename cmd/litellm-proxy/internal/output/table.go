// Package output renders command results: aligned tables, pretty JSON, and
// the value formatters of the upstream CLI (format_timestamp,
// format_iso_datetime_str, format_cost_per_1k_tokens and Python's str()).
package output

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/litellm-go/proxyclient/cmd/litellm-proxy/internal/iostreams"
)

// Align is the alignment of a table column.
type Align int

// Column alignments.
const (
	AlignLeft Align = iota
	AlignRight
)

// Column is one column of a table.
type Column struct {
	Header string
	Align  Align
}

// Table is a titled table, rendered by [Table.Render].
//
// On a terminal it prints the title, a bold header row, a rule and the rows
// with columns aligned by two spaces. Anywhere else (a pipe, a file) it
// prints tab-separated values: the header row and the data rows, no title
// and no colour, so that scripts can cut and sort it. Tabs and newlines
// inside cells are replaced by spaces in both forms, and other control
// characters are escaped ([Escape]), since cells hold the proxy's text.
type Table struct {
	Title   string
	Columns []Column
	Rows    [][]string
	// Footer rows are printed after a rule on a terminal, and as plain rows
	// otherwise (the upstream "Total" row of models import).
	Footer [][]string
}

// NewTable returns a table with left-aligned columns named headers.
func NewTable(title string, headers ...string) *Table {
	t := &Table{Title: title}
	for _, h := range headers {
		t.Columns = append(t.Columns, Column{Header: h})
	}
	return t
}

// AddRow appends a row; missing cells are empty, extra cells are dropped.
func (t *Table) AddRow(cells ...string) {
	t.Rows = append(t.Rows, t.fit(cells))
}

// AddFooter appends a footer row.
func (t *Table) AddFooter(cells ...string) {
	t.Footer = append(t.Footer, t.fit(cells))
}

func (t *Table) fit(cells []string) []string {
	row := make([]string, len(t.Columns))
	for i := range row {
		if i < len(cells) {
			row[i] = cleanCell(cells[i])
		}
	}
	return row
}

var cellReplacer = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ")

func cleanCell(s string) string { return Escape(cellReplacer.Replace(s)) }

// Render writes the table to io.Out in the form that suits it.
func (t *Table) Render(ios *iostreams.IOStreams) error {
	if ios.IsStdoutTTY() {
		return t.RenderTTY(ios.Out, ios.ColorScheme())
	}
	return t.RenderTSV(ios.Out)
}

// RenderTSV writes the header and the rows as tab-separated values.
func (t *Table) RenderTSV(w io.Writer) error {
	var b strings.Builder
	line := func(cells []string) {
		b.WriteString(strings.Join(cells, "\t"))
		b.WriteByte('\n')
	}
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = cleanCell(c.Header)
	}
	line(headers)
	for _, r := range t.Rows {
		line(r)
	}
	for _, r := range t.Footer {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// RenderTTY writes the aligned form, colouring with cs.
func (t *Table) RenderTTY(w io.Writer, cs *iostreams.ColorScheme) error {
	widths := make([]int, len(t.Columns))
	measure := func(cells []string) {
		for i, c := range cells {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		headers[i] = cleanCell(c.Header)
	}
	measure(headers)
	for _, r := range t.Rows {
		measure(r)
	}
	for _, r := range t.Footer {
		measure(r)
	}
	total := 0
	for _, wd := range widths {
		total += wd
	}
	total += 2 * max(len(widths)-1, 0)

	var b strings.Builder
	if t.Title != "" {
		title := t.Title
		if pad := (total - utf8.RuneCountInString(title)) / 2; pad > 0 {
			title = strings.Repeat(" ", pad) + title
		}
		b.WriteString(cs.Bold(title))
		b.WriteByte('\n')
	}
	line := func(cells []string, style func(string) string) {
		var l strings.Builder
		for i, c := range cells {
			if i > 0 {
				l.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			last := i == len(cells)-1
			switch {
			case t.Columns[i].Align == AlignRight:
				l.WriteString(pad)
				l.WriteString(style(c))
			case last:
				l.WriteString(style(c))
			default:
				l.WriteString(style(c))
				l.WriteString(pad)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	rule := func() {
		parts := make([]string, len(widths))
		for i, wd := range widths {
			parts[i] = strings.Repeat("-", wd)
		}
		b.WriteString(strings.Join(parts, "  "))
		b.WriteByte('\n')
	}
	line(headers, cs.Bold)
	rule()
	plain := func(s string) string { return s }
	for _, r := range t.Rows {
		line(r, plain)
	}
	if len(t.Footer) > 0 {
		rule()
		for _, r := range t.Footer {
			line(r, cs.Bold)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Notef writes a human-readable note that belongs next to a table
// ("Showing 3 keys out of 10"): to Out on a terminal, and to ErrOut when Out
// is piped, so that the data stays parseable.
func Notef(ios *iostreams.IOStreams, format string, args ...any) {
	w := ios.ErrOut
	if ios.IsStdoutTTY() {
		w = ios.Out
	}
	fmt.Fprintf(w, format, args...)
}
