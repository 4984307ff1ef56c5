package useapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

func TestLogsRedactSecrets(t *testing.T) {
	t.Parallel()
	const password = "kling-Pa55word!"
	// The server echoes the token and the password back, as a misbehaving proxy might; the log must hide both.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"error":"bad token `+testToken+` or password `+password+`","password":"`+password+`","echo":`+string(data)+`}`)
	}))
	t.Cleanup(srv.Close)

	logs := &leaktest.Logger{}
	ctx := context.Background()
	_, err := newLoggingTestClient(t, srv.URL, logs).Kling().Upsert(ctx,
		AccountInput{Email: "a@example.com", Password: password, MaxJobs: jobs(2)})
	if err == nil {
		t.Fatal("want the 400 as an error")
	}

	out := logs.String()
	for _, needle := range []string{"sending request to useapi.net", "received answer from useapi.net", `"status":400`, "a@example.com", redacted} {
		if !strings.Contains(out, needle) {
			t.Errorf("log lacks %q; the redaction check would prove nothing:\n%s", needle, out)
		}
	}
	for _, secret := range []string{password, testToken, strings.SplitN(testToken, "-", 2)[1]} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains the secret %q:\n%s", secret, out)
		}
		// The error becomes a Terraform diagnostic, so it must not carry what the service echoed either.
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error contains the secret %q: %v", secret, err)
		}
	}
	if !strings.Contains(err.Error(), "bad token "+redacted) {
		t.Errorf("error lost the service's words: %v", err)
	}
}

// fieldMasker masks no value, only the fields a service names as secret.
func fieldMasker(fields ...string) *masker {
	return newMasker(nil, withSecretFields(context.Background(), fields...))
}

func TestRedactRequestBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fields   []string
		in, want string
	}{
		{[]string{"password"}, `{"email":"a@b.c","password":"x","maxJobs":1}`, `{"email":"a@b.c","maxJobs":1,"password":"[REDACTED]"}`},
		// The service's description names its secret fields, at any depth and in any case.
		{[]string{"password", "refresh_token"}, `{"nested":{"Password":"x"},"list":[{"refresh_token":"y","email":"e"}]}`,
			`{"list":[{"email":"e","refresh_token":"[REDACTED]"}],"nested":{"Password":"[REDACTED]"}}`},
		{[]string{"cookies"}, `{"cookies":"SID\tabc","maxJobs":1}`, `{"cookies":"[REDACTED]","maxJobs":1}`},
		{[]string{"password"}, `email=a%40b.c&password=x`, "(body not logged)"},
		{[]string{"password"}, `--boundary\r\nContent-Disposition: form-data; name="password"\r\n\r\nx`, "(body not logged)"},
		{[]string{"password"}, ``, ``},
	}
	for _, tt := range tests {
		if got := fieldMasker(tt.fields...).requestBody([]byte(tt.in)); got != tt.want {
			t.Errorf("requestBody(%s) with secret fields %v = %s, want %s", tt.in, tt.fields, got, tt.want)
		}
	}
}

func newLoggingTestClient(t *testing.T, baseURL string, logger Logger) *Client {
	t.Helper()
	c, err := New(Config{Token: testToken, BaseURL: baseURL, Logger: logger, RetryWaitMin: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestServiceTokensAreRedacted(t *testing.T) {
	t.Parallel()
	const jwt = "eyJhbGciOiJIUzI1NiJ9.secret-runway-session"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"email":"a@example.com","maxJobs":2,"jwt":{"token":"`+jwt+`","exp":1.5,"id":7}}`)
	}))
	t.Cleanup(srv.Close)
	logs := &leaktest.Logger{}
	got, err := newLoggingTestClient(t, srv.URL, logs).Runway().Upsert(context.Background(), AccountInput{Email: "a@example.com", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	if *got.JWT.ID != 7 {
		t.Fatalf("decoded %+v", got.JWT)
	}
	if out := logs.String(); strings.Contains(out, jwt) || !strings.Contains(out, `\"id\":7`) {
		t.Fatalf("the log shows the Runway token, or no body at all:\n%s", out)
	}
}
