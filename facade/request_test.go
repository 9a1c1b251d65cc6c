package facade

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestResult checks the one place that knows ReturnRequest's contract:
// errRequestReturned (wrapped or not) gives the zero result and no error;
// result drops v with any other error, partial keeps it.
func TestResult(t *testing.T) {
	t.Parallel()
	other := errors.New("boom")
	tests := []struct {
		name        string
		err         error
		wantResult  []string
		wantPartial []string
		wantErr     error
	}{
		{"success", nil, []string{"a"}, []string{"a"}, nil},
		{"request returned", errRequestReturned, nil, nil, nil},
		{"request returned, wrapped", fmt.Errorf("GET /x: %w", errRequestReturned), nil, nil, nil},
		{"other error", other, nil, []string{"a"}, other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := result([]string{"a"}, tt.err)
			if diff := cmp.Diff(tt.wantResult, got); diff != "" || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("result = %v, %v; want %v, %v", got, err, tt.wantResult, tt.wantErr)
			}
			got, err = partial([]string{"a"}, tt.err)
			if diff := cmp.Diff(tt.wantPartial, got); diff != "" || !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("partial = %v, %v; want %v, %v", got, err, tt.wantPartial, tt.wantErr)
			}
		})
	}
}

// TestNewRequestBuildError checks that an error of gen's builder is reported
// as the operation's, with secrets redacted, before anything is sent.
func TestNewRequestBuildError(t *testing.T) {
	t.Parallel()
	c, err := New("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	r := newRequest("GET", "/key/info").with(nil, errors.New("bad value sk-test-1234567890abcdef"))
	err = c.doJSON(t.Context(), r, nil, nil)
	if err == nil {
		t.Fatal("doJSON sent a request whose build failed")
	}
	got := err.Error()
	if want := "GET /key/info: build request: "; !strings.HasPrefix(got, want) {
		t.Errorf("error = %q, want prefix %q", got, want)
	}
	if strings.Contains(got, "sk-test-1234567890abcdef") {
		t.Errorf("error shows the key: %q", got)
	}
}
