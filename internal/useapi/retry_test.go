package useapi

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		status int // 0: no answer, err instead
		err    error
		want   bool
	}{
		{name: "429", status: 429, want: true},
		{name: "500", status: 500, want: true},
		{name: "502", status: 502, want: true},
		{name: "503", status: 503, want: true},
		{name: "596", status: 596, want: false},
		{name: "501", status: 501, want: false},
		{name: "400", status: 400, want: false},
		{name: "401", status: 401, want: false},
		{name: "404", status: 404, want: false},
		{name: "201", status: 201, want: false},
		{name: "connection reset", err: io.ErrUnexpectedEOF, want: true},
		{name: "connection refused", err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}, want: false},
		{name: "no such host", err: &net.DNSError{Err: "no such host", Name: "api.example.invalid"}, want: false},
		{name: "unknown certificate authority", err: fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), want: false},
		{name: "context cancelled", ctx: cancelled, status: 503, want: false},
	}
	for _, tt := range tests {
		ctx := tt.ctx
		if ctx == nil {
			ctx = context.Background()
		}
		var resp *http.Response
		if tt.status != 0 {
			resp = &http.Response{StatusCode: tt.status}
		}
		if got, _ := retryPolicy(ctx, resp, tt.err); got != tt.want {
			t.Errorf("%s: retry = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{value: "", wantOK: false},
		{value: "0", want: 0, wantOK: true},
		{value: "7", want: 7 * time.Second, wantOK: true},
		{value: "999999", want: time.Hour, wantOK: true},
		{value: "-3", wantOK: false},
		{value: "soon", wantOK: false},
		{value: now.Add(90 * time.Second).Format(http.TimeFormat), want: 90 * time.Second, wantOK: true},
		{value: now.Add(-time.Minute).Format(http.TimeFormat), want: 0, wantOK: true},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.value, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	t.Parallel()
	minWait, maxWait := 100*time.Millisecond, 2*time.Second
	for attempt := range 40 {
		ceiling := min(minWait<<min(attempt, 16), maxWait)
		for range 50 {
			got := backoff(minWait, maxWait, attempt, nil)
			if got < ceiling/2 || got > ceiling {
				t.Fatalf("attempt %d: waited %v, want within [%v, %v]", attempt, got, ceiling/2, ceiling)
			}
		}
	}
	resp := &http.Response{Header: http.Header{"Retry-After": []string{"4"}}}
	if got := backoff(minWait, maxWait, 0, resp); got != 4*time.Second {
		t.Fatalf("with Retry-After: 4, waited %v", got)
	}
}
