// Sorting and paging of list responses.

package proxytest

import (
	"cmp"
	"slices"
)

// sortRows orders records by the row field sortBy (creation order when
// sortBy is "" or "created_at", and to break ties), descending when desc.
// rec renders a record's row; it is called once a record.
func sortRows[T any](list []T, sortBy string, desc bool, rec func(T) (row map[string]any, seq int64)) {
	type item struct {
		x   T
		row map[string]any
		seq int64
	}
	items := make([]item, len(list))
	for i, x := range list {
		row, seq := rec(x)
		items[i] = item{x, row, seq}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		c := 0
		if sortBy != "" && sortBy != "created_at" {
			c = compareAny(a.row[sortBy], b.row[sortBy])
		}
		if c == 0 {
			c = cmp.Compare(a.seq, b.seq)
		}
		if desc {
			return -c
		}
		return c
	})
	for i, it := range items {
		list[i] = it.x
	}
}

// pageParams returns the page and page size a list request asks for.
func pageParams(page, size *int, defaultSize int) (int, int) {
	p, s := 1, defaultSize
	if page != nil {
		p = *page
	}
	if size != nil {
		s = *size
	}
	return p, s
}

// paginate returns the page (1-based) of xs and the number of pages.
func paginate[T any](xs []T, page, size int) ([]T, int) {
	if size < 1 {
		size = 1
	}
	if page < 1 {
		page = 1
	}
	pages := (len(xs) + size - 1) / size
	start := (page - 1) * size
	if start >= len(xs) {
		return []T{}, pages
	}
	return xs[start:min(start+size, len(xs))], pages
}
