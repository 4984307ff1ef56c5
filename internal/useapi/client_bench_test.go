package useapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchServer answers every request with a typical account, as the service does.
func benchServer(b *testing.B) *Client {
	b.Helper()
	const account = `{"email":"a@example.com","session":{"userId":"user1","ExpireTime":1798241276680,"ExpireTimeUTC":"2026-12-25T23:27:56.680Z"},"maxJobs":3,"password":"…secured…"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, account)
	}))
	b.Cleanup(srv.Close)
	c, err := New(Config{Token: testToken, BaseURL: srv.URL, UserAgent: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkCreateOrUpdateKlingAccount(b *testing.B) {
	c := benchServer(b)
	in := AccountInput{Email: "a@example.com", Password: "pw", MaxJobs: jobs(3)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Kling().Upsert(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGetKlingAccount(b *testing.B) {
	c := benchServer(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Kling().Get(context.Background(), "a@example.com"); err != nil {
			b.Fatal(err)
		}
	}
}
