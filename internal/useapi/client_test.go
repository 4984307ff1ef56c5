package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const testToken = "user:12345-abcDEF678"

// answer is one canned HTTP answer.
type answer struct {
	status int
	header map[string]string
	body   string
}

// serve answers requests with the given answers in turn (the last one repeats) and counts them.
func serve(t *testing.T, answers ...answer) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		a := answers[min(i, len(answers)-1)]
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func jobs(n int64) *int64 { return &n }

func newTestClient(t *testing.T, baseURL string, retries int) *Client {
	t.Helper()
	c, err := New(Config{Token: testToken, BaseURL: baseURL, UserAgent: "test-agent/1", MaxRetries: retries,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGetKlingAccountAnswers(t *testing.T) {
	t.Parallel()
	const account = `{"email":"a@example.com","session":{"userId":"u1","ExpireTime":123456789,"ExpireTimeUTC":"2025-01-01T12:13:14.000Z"},"maxJobs":5,"password":"…secured…",` +
		`"balance":{"points":[{"orderId":"123","type":"plan","amount":66000,"balance":56000,"startTime":1,"endTime":2}],"tickets":[],"nextApplyTime":3,"total":56000}}`
	tests := []struct {
		name       string
		answer     answer
		wantStatus int    // 0: success expected
		wantInErr  string // part of the error text
		notFound   bool
	}{
		{name: "ok", answer: answer{status: 200, body: account}},
		{name: "401 json", answer: answer{status: 401, body: `{"error":"Unauthorized","code":401}`}, wantStatus: 401, wantInErr: "Unauthorized"},
		{name: "402 json", answer: answer{status: 402, body: `{"error":"Subscription required","code":402}`}, wantStatus: 402, wantInErr: "Subscription required"},
		{name: "404 plain text", answer: answer{status: 404, body: "Account configuration not found. To create configuration use POST /accounts."}, wantStatus: 404, wantInErr: "Account configuration not found", notFound: true},
		{name: "404 of a wrong path", answer: answer{status: 404, body: "404 page not found"}, wantStatus: 404, wantInErr: "page not found"},
		{name: "400 json without code", answer: answer{status: 400, body: `{"error":"Account does not exist or password is incorrect"}`}, wantStatus: 400, wantInErr: "password is incorrect"},
		{name: "500 empty body", answer: answer{status: 500}, wantStatus: 500, wantInErr: "500 Internal Server Error"},
		{name: "503 html page", answer: answer{status: 503, body: "<!DOCTYPE html><html><body>down</body></html>"}, wantStatus: 503, wantInErr: "HTML page"},
		{name: "596 account error", answer: answer{status: 596, body: `{"error":"Account is in an error state","code":596}`}, wantStatus: 596, wantInErr: "error state"},
		{name: "error field not a string", answer: answer{status: 400, body: `{"error":{"reason":"bad"}}`}, wantStatus: 400, wantInErr: `{"reason":"bad"}`},
		{name: "malformed json on success", answer: answer{status: 200, body: `{"email":`}, wantInErr: "cannot read"},
		{name: "wrong json type on success", answer: answer{status: 200, body: `{"maxJobs":"five"}`}, wantInErr: "cannot read"},
		{name: "empty body on success", answer: answer{status: 200}, wantInErr: "empty body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := serve(t, tt.answer)
			got, err := newTestClient(t, srv.URL, 0).Kling().Get(context.Background(), "a@example.com")
			if tt.wantInErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if *got.MaxJobs != 5 || *got.Session.UserID != "u1" || *got.Balance.Total != 56000 || *got.Balance.Points[0].OrderID != "123" {
					t.Fatalf("decoded %+v", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantInErr) {
				t.Fatalf("error %v, want it to contain %q", err, tt.wantInErr)
			}
			var apiErr *APIError
			if gotAPI := errors.As(err, &apiErr); gotAPI != (tt.wantStatus != 0) || (gotAPI && apiErr.StatusCode != tt.wantStatus) {
				t.Fatalf("error %#v, want status %d", err, tt.wantStatus)
			}
			if errors.Is(err, ErrNotFound) != tt.notFound {
				t.Fatalf("errors.Is(err, ErrNotFound) = %v, want %v", !tt.notFound, tt.notFound)
			}
		})
	}
}

func TestAbsentFieldsStayNil(t *testing.T) {
	t.Parallel()
	srv, _ := serve(t, answer{status: 200, body: `{"email":"a@example.com","session":{}}`})
	got, err := newTestClient(t, srv.URL, 0).Kling().Get(context.Background(), "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if got.MaxJobs != nil || got.Balance != nil || got.Session.UserID != nil || got.Session.ExpireTime != nil {
		t.Fatalf("absent fields decoded as values: %+v", got)
	}
}

func TestListKlingAccounts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		answer answer
		want   []string
	}{
		{name: "keyed by email", answer: answer{status: 200, body: `{"b@x.io":{"maxJobs":1},"a@x.io":{"email":"a@x.io","maxJobs":2}}`}, want: []string{"a@x.io", "b@x.io"}},
		{name: "none configured is a 404", answer: answer{status: 404, body: "Configuration not found. To create configuration use POST /accounts."}, want: []string{}},
		{name: "empty object", answer: answer{status: 200, body: `{}`}, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := serve(t, tt.answer)
			got, err := newTestClient(t, srv.URL, 0).Kling().List(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			emails := slices.Sorted(maps.Keys(got))
			if fmt.Sprint(emails) != fmt.Sprint(tt.want) || got == nil {
				t.Fatalf("got %v, want %v", emails, tt.want)
			}
		})
	}
}

func TestDeleteKlingAccount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		answer  answer
		wantErr bool
		// del is the service's delete; nil for Kling's.
		del func(*Client) func(context.Context, string) error
	}{
		{name: "204", answer: answer{status: 204}},
		{name: "200 with a body", answer: answer{status: 200, body: `{"deleted":true}`}},
		{name: "202 plain text", answer: answer{status: 202, body: "ok"}},
		{name: "the service's 404 is already gone", answer: answer{status: 404, body: "Account configuration not found."}},
		{name: "Dreamina's 404 is already gone", answer: answer{status: 404, body: `{"error":"Unable to find configuration for account US:a@example.com"}`},
			del: func(c *Client) func(context.Context, string) error { return c.Dreamina().Delete }},
		{name: "Muse's 404 is already gone", answer: answer{status: 404, body: `{"error":"Account a@example.com not found","code":404}`},
			del: func(c *Client) func(context.Context, string) error { return c.Muse().Delete }},
		{name: "ACE Music's 404 is already gone", answer: answer{status: 404, body: `{"error":"Account a@example.com is not configured","code":404}`},
			del: func(c *Client) func(context.Context, string) error { return c.ACEMusic().Delete }},
		{name: "another service's 404 words are an error", answer: answer{status: 404, body: `{"error":"Account a@example.com not found","code":404}`}, wantErr: true},
		{name: "a router's 404 is an error", answer: answer{status: 404, body: "404 page not found"}, wantErr: true},
		{name: "a proxy's 404 page is an error", answer: answer{status: 404, body: "<html><head><title>Not Found</title></head></html>"}, wantErr: true},
		{name: "401", answer: answer{status: 401, body: `{"error":"Unauthorized","code":401}`}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := serve(t, tt.answer)
			c := newTestClient(t, srv.URL, 0)
			del := c.Kling().Delete
			if tt.del != nil {
				del = tt.del(c)
			}
			err := del(context.Background(), "a@example.com")
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

func TestRequestShape(t *testing.T) {
	t.Parallel()
	var got *http.Request
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		got, body = r, string(data)
		w.WriteHeader(201)
		_, _ = io.WriteString(w, `{"email":"a+b/c?d@example.com","maxJobs":4}`)
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/useapi/", 0) // behind a proxy that serves the API under a path

	if _, err := c.Kling().Upsert(context.Background(), AccountInput{Email: "a+b/c?d@example.com", Password: "pw", MaxJobs: jobs(4)}); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.EscapedPath() != "/useapi/v1/kling/accounts" {
		t.Errorf("request %s %s", got.Method, got.URL.EscapedPath())
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(body), &sent); err != nil || fmt.Sprint(sent) != fmt.Sprint(map[string]any{
		"email": "a+b/c?d@example.com", "password": "pw", "maxJobs": float64(4),
	}) {
		t.Errorf("body %s", body)
	}
	if got.Header.Get("Authorization") != "Bearer "+testToken || got.Header.Get("User-Agent") != "test-agent/1" ||
		got.Header.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v", got.Header)
	}

	if _, err := c.Kling().Get(context.Background(), "a+b/c?d@example.com"); err != nil {
		t.Fatal(err)
	}
	if want := "/useapi/v1/kling/accounts/a+b%2Fc%3Fd@example.com"; got.URL.EscapedPath() != want || got.URL.RawQuery != "" {
		t.Errorf("path %q (query %q), want %q", got.URL.EscapedPath(), got.URL.RawQuery, want)
	}
}

func TestOversizedAnswersAreRefused(t *testing.T) {
	t.Parallel()
	big := `{"email":"` + strings.Repeat("x", MaxResponseBytes) + `"}`
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if !chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(big)))
				}
				_, _ = io.WriteString(w, big)
			}))
			t.Cleanup(srv.Close)
			_, err := newTestClient(t, srv.URL, 0).Kling().Get(context.Background(), "a@example.com")
			if err == nil || !strings.Contains(err.Error(), "bytes") {
				t.Fatalf("err = %v, want a size error", err)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	ok := answer{status: 201, body: `{"email":"a@example.com","maxJobs":1}`}
	tests := []struct {
		name         string
		answers      []answer
		retries      int
		wantAttempts int32
		wantStatus   int // 0: success
	}{
		{name: "429 then success", answers: []answer{{status: 429}, ok}, retries: 3, wantAttempts: 2},
		{name: "500, 502, 503 then success", answers: []answer{{status: 500}, {status: 502}, {status: 503}, ok}, retries: 3, wantAttempts: 4},
		{name: "596 is not retried: only adding the account again cures it", answers: []answer{{status: 596}, ok}, retries: 3, wantAttempts: 1, wantStatus: 596},
		{name: "a 500 refusing the login is final", answers: []answer{{status: 500, body: `{"error":"Login failed: invalid credentials"}`}, ok}, retries: 3, wantAttempts: 1, wantStatus: 500},
		{name: "budget spent", answers: []answer{{status: 503, body: "<html>down</html>"}}, retries: 2, wantAttempts: 3, wantStatus: 503},
		{name: "retries disabled", answers: []answer{{status: 429}}, retries: 0, wantAttempts: 1, wantStatus: 429},
		{name: "400 is not retried", answers: []answer{{status: 400, body: `{"error":"bad"}`}}, retries: 3, wantAttempts: 1, wantStatus: 400},
		{name: "401 is not retried", answers: []answer{{status: 401}}, retries: 3, wantAttempts: 1, wantStatus: 401},
		{name: "501 is not retried", answers: []answer{{status: 501}}, retries: 3, wantAttempts: 1, wantStatus: 501},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, n := serve(t, tt.answers...)
			_, err := newTestClient(t, srv.URL, tt.retries).Kling().Upsert(context.Background(),
				AccountInput{Email: "a@example.com", Password: "pw", MaxJobs: jobs(1)})
			if n.Load() != tt.wantAttempts {
				t.Errorf("%d attempts, want %d", n.Load(), tt.wantAttempts)
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.wantStatus || apiErr.Attempts != int(tt.wantAttempts) {
				t.Fatalf("err = %#v, want status %d after %d attempts", err, tt.wantStatus, tt.wantAttempts)
			}
			if tt.wantAttempts > 1 && !strings.Contains(err.Error(), fmt.Sprintf("after %d attempts", tt.wantAttempts)) {
				t.Errorf("error %q does not say how many attempts were made", err)
			}
		})
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	srv, n := serve(t, answer{status: 429, header: map[string]string{"Retry-After": "1"}}, answer{status: 200, body: `{"email":"a@example.com"}`})
	start := time.Now()
	if _, err := newTestClient(t, srv.URL, 2).Kling().Get(context.Background(), "a@example.com"); err != nil {
		t.Fatal(err)
	}
	// The client's own backoff is a few milliseconds here, so only the header can explain a one-second wait.
	if waited := time.Since(start); waited < time.Second {
		t.Fatalf("retried after %v, before the 1s Retry-After", waited)
	}
	if n.Load() != 2 {
		t.Fatalf("%d attempts, want 2", n.Load())
	}
}

func TestCancellationStopsWaiting(t *testing.T) {
	t.Parallel()
	srv, _ := serve(t, answer{status: 429, header: map[string]string{"Retry-After": "3600"}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := newTestClient(t, srv.URL, 5).Kling().Get(ctx, "a@example.com")
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the client kept waiting for Retry-After after its context was cancelled")
	}
}

func TestRequestTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	c, err := New(Config{Token: testToken, BaseURL: srv.URL, RequestTimeout: 100 * time.Millisecond, MaxRetries: 1,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Kling().Get(context.Background(), "a@example.com")
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 2 || !strings.Contains(err.Error(), "no answer within the request timeout of 100ms") {
		t.Fatalf("err = %v, want a timeout after 2 attempts", err)
	}
}

func TestMayHaveApplied(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want bool
	}{
		{err: nil, want: false},
		{err: &APIError{StatusCode: 400}, want: false},
		{err: &APIError{StatusCode: 401}, want: false},
		{err: &APIError{StatusCode: 402}, want: false},
		{err: &APIError{StatusCode: 429}, want: true},
		{err: &APIError{StatusCode: 503}, want: true},
		{err: &APIError{StatusCode: 596}, want: true},
		{err: &TransportError{Err: io.ErrUnexpectedEOF}, want: true},
		{err: &TransportError{Err: &NotSentError{Err: errors.New("connection refused")}}, want: false},
		{err: &APIError{StatusCode: 500, Message: "Login failed: invalid credentials"}, want: false},
		{err: &APIError{StatusCode: 500, Message: "Internal server error"}, want: true},
		{err: context.DeadlineExceeded, want: true},
	}
	for _, tt := range tests {
		if got := MayHaveApplied(tt.err); got != tt.want {
			t.Errorf("MayHaveApplied(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestRetryAfterPastTheDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	srv, n := serve(t, answer{status: 429, header: map[string]string{"Retry-After": "120"}, body: `{"error":"Too many requests","code":429}`})
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	start := time.Now()
	_, err := newTestClient(t, srv.URL, 5).Kling().Get(ctx, "a@example.com")
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("waited %v before failing; the wait asked for could never fit", elapsed)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.RetryAfter != 2*time.Minute || n.Load() != 1 {
		t.Fatalf("err = %v after %d attempts, want the 429 with its Retry-After", err, n.Load())
	}
	if !strings.Contains(err.Error(), "Too many requests; it asked to wait 2m0s, more than the 6s this operation had left") {
		t.Fatalf("error %q does not say what the service asked", err)
	}
}

func TestDeadlineBetweenAttemptsKeepsTheLastAnswer(t *testing.T) {
	t.Parallel()
	srv, _ := serve(t, answer{status: 503, body: `{"error":"Service overloaded"}`})
	c, err := New(Config{Token: testToken, BaseURL: srv.URL, MaxRetries: 10, RetryWaitMin: 200 * time.Millisecond, RetryWaitMax: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = c.Kling().Get(ctx, "a@example.com")
	var te *TransportError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) || te.Last == nil || te.Last.StatusCode != 503 {
		t.Fatalf("err = %#v, want the deadline with the last answer", err)
	}
	if !strings.Contains(err.Error(), "the last answer was 503 Service Unavailable: Service overloaded") {
		t.Fatalf("error %q does not carry the service's last words", err)
	}
}

func TestUnreachableHostFailsFastAndWasNotSent(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now: connections are refused
	start := time.Now()
	_, err = newTestClient(t, "http://"+addr, 5).Kling().Upsert(context.Background(), AccountInput{Email: "a@example.com", Password: "pw"})
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v to report a refused connection", elapsed)
	}
	var notSentErr *NotSentError
	if !errors.As(err, &notSentErr) || MayHaveApplied(err) {
		t.Fatalf("err = %#v, want a request that was not sent", err)
	}
}

func TestCheckToken(t *testing.T) {
	t.Parallel()
	for token, want := range map[string]string{
		"user:1-abc":    "",
		"":              "empty",
		"   ":           "empty",
		"user:1-abc\n":  "line break",
		"user:1-a\x00b": "control character",
	} {
		err := CheckToken(token)
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("CheckToken(%q) = %v, want %q", token, err, want)
		}
	}
}
