package emulator

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestServeListensOnLoopbackOnly(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	s.AddToken("user:1-x")
	if _, err := s.Serve(context.Background(), "0.0.0.0:0"); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("Serve on every interface: %v", err)
	}
	l, err := s.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, l.URL+"/v1/kling/accounts", nil)
	req.Header.Set("Authorization", "Bearer user:1-x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound { // none configured: the service's own 404
		t.Fatalf("status %d", resp.StatusCode)
	}
	if err := l.Stop(); err != nil {
		t.Fatal(err)
	}
}
