package facade

import (
	"context"
	"iter"
)

// defaultPageSize is the page size All methods ask for when the caller's
// options leave it unset: the largest size the proxy's list endpoints accept.
const defaultPageSize = 100

// pageFetcher fetches one page (numbered from 1) and returns its items and the
// total number of pages the server reports.
type pageFetcher[T any] func(ctx context.Context, page int) (items []T, totalPages int, err error)

// pages iterates over the items of every page, starting at page first (a
// value below 1 means 1). It is the body of the All methods of the services
// whose list endpoints page in the response body (keys, users, teams).
//
// It fetches a page only when the previous one has been consumed, so memory
// stays at one page. It stops after the page numbered totalPages or more, at
// the first empty page, when the consumer stops (a break), or at the first
// error, which it yields as (nil, err) and then stops. A fetch that returns
// errRequestReturned (a ReturnRequest call) ends the iteration at once,
// with nothing yielded (see result). Every yielded pointer points into that page's slice, so the
// consumer may keep it.
func pages[T any](ctx context.Context, first int, fetch pageFetcher[T]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		if first < 1 {
			first = 1
		}
		for page := first; ; page++ {
			if ctx != nil && ctx.Err() != nil {
				yield(nil, ctx.Err())
				return
			}
			items, totalPages, err := fetch(ctx, page)
			if items, err = result(items, err); err != nil {
				yield(nil, err)
				return
			}
			for i := range items {
				if !yield(&items[i], nil) {
					return
				}
			}
			if len(items) == 0 || page >= totalPages {
				return
			}
		}
	}
}
