package main

import (
	"strings"
	"testing"
)

func TestNoDBAndVersionFlags(t *testing.T) {
	url, _, _, stop := start(t, "--no-db", "--version", "1.106.12", "--master-key", "sk-flags-master")
	defer stop()
	if code, body := get(t, url+"/health/readiness", ""); code != 200 || !strings.Contains(body, `"Not connected"`) {
		t.Errorf("readiness = %d %s, want 200 with db Not connected", code, body)
	}
	if code, body := get(t, url+"/health/readiness/details", "sk-flags-master"); code != 200 || !strings.Contains(body, `"1.106.12"`) {
		t.Errorf("details = %d %s, want version 1.106.12", code, body)
	}
	if code, body := get(t, url+"/models", "sk-not-the-master"); code != 400 || !strings.Contains(body, "no_db_connection") {
		t.Errorf("virtual key = %d %s, want 400 no_db_connection", code, body)
	}
	if code, body := get(t, url+"/key/list", "sk-flags-master"); code != 500 || !strings.Contains(body, "Database not connected") {
		t.Errorf("key list = %d %s, want the no-database 500", code, body)
	}
}

func TestVersionFlagRejectsUnknown(t *testing.T) {
	var out, errOut syncBuffer
	if code := run(t.Context(), []string{"--version", "9.9.9"}, &out, &errOut); code != 2 {
		t.Errorf("exit code = %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), "1.88.0") {
		t.Errorf("stderr = %q, want the known versions", errOut.String())
	}
}
