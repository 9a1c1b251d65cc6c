package facade

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPages(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	// book has three pages of two items; fetching page 4 or later fails the test.
	book := map[int][]int{1: {1, 2}, 2: {3, 4}, 3: {5, 6}}
	tests := []struct {
		name       string
		first      int
		totalPages int
		failAt     int // page whose fetch fails, 0 for none
		emptyAt    int // page that comes back empty, 0 for none
		stopAfter  int // consumer breaks after this many items, 0 for never
		wantItems  []int
		wantPages  []int
		wantErr    error
	}{
		{name: "every page", totalPages: 3, wantItems: []int{1, 2, 3, 4, 5, 6}, wantPages: []int{1, 2, 3}},
		{name: "first below 1 means 1", first: -3, totalPages: 3, wantItems: []int{1, 2, 3, 4, 5, 6}, wantPages: []int{1, 2, 3}},
		{name: "from page 2", first: 2, totalPages: 3, wantItems: []int{3, 4, 5, 6}, wantPages: []int{2, 3}},
		{name: "one page", totalPages: 1, wantItems: []int{1, 2}, wantPages: []int{1}},
		{name: "no total means one page", totalPages: 0, wantItems: []int{1, 2}, wantPages: []int{1}},
		{name: "empty page stops", totalPages: 9, emptyAt: 2, wantItems: []int{1, 2}, wantPages: []int{1, 2}},
		{name: "break stops fetching", totalPages: 3, stopAfter: 3, wantItems: []int{1, 2, 3}, wantPages: []int{1, 2}},
		{name: "break at a page end", totalPages: 3, stopAfter: 2, wantItems: []int{1, 2}, wantPages: []int{1}},
		{name: "error mid-way", totalPages: 3, failAt: 2, wantItems: []int{1, 2}, wantPages: []int{1, 2}, wantErr: errBoom},
		{name: "error first", totalPages: 3, failAt: 1, wantPages: []int{1}, wantErr: errBoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fetched []int
			fetch := func(ctx context.Context, page int) ([]int, int, error) {
				fetched = append(fetched, page)
				if page > 3 {
					t.Fatalf("fetched page %d", page)
				}
				switch page {
				case tt.failAt:
					return nil, 0, errBoom
				case tt.emptyAt:
					return nil, tt.totalPages, nil
				}
				return append([]int(nil), book[page]...), tt.totalPages, nil
			}
			var items []int
			var errs []error
			for it, err := range pages(t.Context(), tt.first, fetch) {
				if err != nil {
					if it != nil {
						t.Errorf("item %v with error %v", *it, err)
					}
					errs = append(errs, err)
					continue
				}
				items = append(items, *it)
				if tt.stopAfter > 0 && len(items) == tt.stopAfter {
					break
				}
			}
			if diff := cmp.Diff(tt.wantItems, items); diff != "" {
				t.Errorf("items (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPages, fetched); diff != "" {
				t.Errorf("pages fetched (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == nil && len(errs) > 0:
				t.Errorf("errors = %v, want none", errs)
			case tt.wantErr != nil && (len(errs) != 1 || !errors.Is(errs[0], tt.wantErr)):
				t.Errorf("errors = %v, want exactly %v", errs, tt.wantErr)
			}
		})
	}
}

func TestPages_pointersStayValid(t *testing.T) {
	t.Parallel()
	fetch := func(ctx context.Context, page int) ([]string, int, error) {
		return []string{"a" + string(rune('0'+page)), "b" + string(rune('0'+page))}, 2, nil
	}
	var kept []*string
	for it, err := range pages(t.Context(), 1, fetch) {
		if err != nil {
			t.Fatal(err)
		}
		kept = append(kept, it)
	}
	var got []string
	for _, p := range kept {
		got = append(got, *p)
	}
	if diff := cmp.Diff([]string{"a1", "b1", "a2", "b2"}, got); diff != "" {
		t.Errorf("kept items (-want +got):\n%s", diff)
	}
}

func TestPages_canceledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	calls := 0
	fetch := func(ctx context.Context, page int) ([]int, int, error) {
		calls++
		cancel() // the consumer's context ends while it reads page 1
		return []int{1}, 5, nil
	}
	var errs []error
	n := 0
	for _, err := range pages(ctx, 1, fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	if calls != 1 || n != 1 {
		t.Errorf("fetches = %d, items = %d; want 1 and 1", calls, n)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("errors = %v, want [context.Canceled]", errs)
	}
}
