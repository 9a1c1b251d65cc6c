package main

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/litellm-go/proxyclient/facade"
	"github.com/litellm-go/proxyclient/test/proxytest"
)

// TestProvision runs the example against the built-in emulator and checks
// that it used and deleted everything it created.
func TestProvision(t *testing.T) {
	t.Setenv("LITELLM_PROXY_URL", "")
	var out bytes.Buffer
	if err := run(t.Context(), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{"on budget provision-budget-", "$25.00, members ", "(user)", "2 calls, $",
		"deleted 2 keys", "deleted tag provision-tag-", "deleted team", "deleted organization", "deleted budget", "Done."} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "sk-") {
		t.Errorf("output shows a key:\n%s", got)
	}
}

// TestProvisionTearsDownAfterAFailure makes a step fail half-way and checks
// that what was created before it is deleted, and that nothing else is.
func TestProvisionTearsDownAfterAFailure(t *testing.T) {
	srv := proxytest.NewServer(proxytest.WithFault(proxytest.Fault{Route: "tagNew", Kind: proxytest.FaultError, Status: http.StatusServiceUnavailable}))
	defer srv.Close()
	c, err := facade.New(srv.URL, facade.WithAPIKey(srv.MasterKey), facade.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = provisionAll(t.Context(), c, &out)
	if err == nil || !strings.Contains(err.Error(), "create tag") {
		t.Fatalf("err = %v, want the tag step's error\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{"deleted team", "deleted users", "deleted organization", "deleted budget"} {
		if !strings.Contains(got, want) {
			t.Errorf("teardown lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{"deleted tag", "keys", "Done."} {
		if strings.Contains(got, unwanted) {
			t.Errorf("output has %q:\n%s", unwanted, got)
		}
	}
	var deletes []string
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "delete") {
			deletes = append(deletes, r.Path)
		}
	}
	if want := []string{"/team/delete", "/user/delete", "/organization/delete", "/budget/delete"}; !slices.Equal(deletes, want) {
		t.Errorf("delete calls %v, want %v", deletes, want)
	}
}
