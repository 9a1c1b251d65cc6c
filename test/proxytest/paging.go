// Sorting and paging of list responses.

package proxytest

import (
	"cmp"
	"slices"
)

// sortRows orders records by the row field sortBy (creation order when
// sortBy is "" or "created_at", and to break ties), descending when desc.
func sortRows[T any](list []T, sortBy string, desc bool, rec func(T) (row map[string]any, seq int64)) {
	slices.SortStableFunc(list, func(a, b T) int {
		ra, sa := rec(a)
		rb, sb := rec(b)
		c := 0
		if sortBy != "" && sortBy != "created_at" {
			c = compareAny(ra[sortBy], rb[sortBy])
		}
		if c == 0 {
			c = cmp.Compare(sa, sb)
		}
		if desc {
			return -c
		}
		return c
	})
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
