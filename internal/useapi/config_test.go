package useapi

import (
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw, want, wantErr string
	}{
		{raw: "", want: "https://api.useapi.net"},
		{raw: "https://api.useapi.net/", want: "https://api.useapi.net"},
		{raw: "https://proxy.example.com/useapi", want: "https://proxy.example.com/useapi"},
		{raw: "http://127.0.0.1:8787", want: "http://127.0.0.1:8787"},
		{raw: "http://127.9.9.9", want: "http://127.9.9.9"},
		{raw: "http://[::1]:9000", want: "http://[::1]:9000"},
		{raw: "http://localhost:9000", want: "http://localhost:9000"},
		{raw: "http://api.useapi.net", wantErr: "only for loopback"},
		{raw: "http://10.0.0.1", wantErr: "only for loopback"},
		{raw: "http://localhost.example.com", wantErr: "only for loopback"},
		{raw: "api.useapi.net", wantErr: "not an absolute http(s) URL"},
		{raw: "ftp://api.useapi.net", wantErr: "not an absolute http(s) URL"},
		{raw: "https://", wantErr: "not an absolute http(s) URL"},
		{raw: "::not a url", wantErr: "not an absolute http(s) URL"},
		{raw: "https://user:pw@api.useapi.net", wantErr: "credentials"},
		{raw: "https://api.useapi.net?x=1", wantErr: "query"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := ParseBaseURL(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("got %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "no token", cfg: Config{}, wantErr: "token is empty"},
		{name: "blank token", cfg: Config{Token: "  "}, wantErr: "token is empty"},
		{name: "plain http elsewhere", cfg: Config{Token: testToken, BaseURL: "http://example.com"}, wantErr: "loopback"},
		{name: "negative retries", cfg: Config{Token: testToken, MaxRetries: -1}, wantErr: "zero or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestErrorHints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		want   string
	}{
		{status: 400, want: "password"},
		{status: 401, want: "USEAPI_TOKEN"},
		{status: 402, want: "subscription"},
		{status: 429, want: "max_retries"},
		{status: 500, want: "safe to repeat"},
		{status: 596, want: "error state"},
		{status: 418, want: ""},
	}
	for _, tt := range tests {
		got := (&APIError{StatusCode: tt.status}).Hint()
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("Hint for %d = %q, want it to mention %q", tt.status, got, tt.want)
		}
	}
}

func TestErrorMessageIsClipped(t *testing.T) {
	t.Parallel()
	got := errorMessage([]byte(strings.Repeat("é", 1000)))
	if len(got) > maxMessageBytes+len("…") || !strings.HasSuffix(got, "…") {
		t.Fatalf("message of %d bytes not clipped: %q", len(got), got[:20])
	}
}
