package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const token = "user:42-testToken"

func newServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	s := New(opts)
	s.AddToken(token)
	srv := httptest.NewServer(s)
	t.Cleanup(func() { s.Close(); srv.Close() })
	return s, srv
}

type exchange struct {
	method, path, body, auth string
	wantStatus               int
	wantType                 string // prefix of Content-Type; empty: not checked
	wantBody                 string // exact body; empty: not checked
	wantIn                   string // part of the body
}

func run(t *testing.T, base string, steps []exchange) {
	t.Helper()
	for i, ex := range steps {
		req, _ := http.NewRequest(ex.method, base+ex.path, strings.NewReader(ex.body))
		auth := ex.auth
		if auth == "" {
			auth = "Bearer " + token
		}
		req.Header.Set("Authorization", auth)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		data, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		body := string(data)
		if resp.StatusCode != ex.wantStatus {
			t.Fatalf("step %d %s %s: status %d (%s), want %d", i, ex.method, ex.path, resp.StatusCode, body, ex.wantStatus)
		}
		if ex.wantType != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), ex.wantType) {
			t.Errorf("step %d: Content-Type %q, want %q", i, resp.Header.Get("Content-Type"), ex.wantType)
		}
		if ex.wantBody != "" && body != ex.wantBody {
			t.Errorf("step %d: body %s, want %s", i, body, ex.wantBody)
		}
		if !strings.Contains(body, ex.wantIn) {
			t.Errorf("step %d: body %s, want it to contain %s", i, body, ex.wantIn)
		}
	}
}

func TestWireFormat(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: func() time.Time { return time.Date(2025, 1, 1, 12, 13, 14, 0, time.UTC) }})
	s.AddKlingUser("known@example.com", "right")
	run(t, srv.URL, []exchange{
		{method: "GET", path: RouteAccounts, wantStatus: 404, wantType: "text/plain", wantBody: msgNoConfiguration},
		{method: "GET", path: RouteAccounts, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"Unauthorized","code":401}`},
		{method: "GET", path: RouteAccounts, auth: token, wantStatus: 401},
		{method: "POST", path: RouteAccounts, body: `{"email":"known@example.com","password":"wrong","maxJobs":1}`, wantStatus: 400, wantBody: `{"error":"` + msgBadCredentials + `"}`},
		{method: "POST", path: RouteAccounts, body: `{"email":"a@example.com","password":"p","maxJobs":0}`, wantStatus: 400, wantIn: "maxJobs"},
		{method: "POST", path: RouteAccounts, body: `{"email":"a@example.com","password":"p","maxJobs":11}`, wantStatus: 400, wantIn: "maxJobs"},
		{method: "POST", path: RouteAccounts, body: `{"email":"a@example.com","password":"p"}`, wantStatus: 400, wantIn: "maxJobs is required"},
		{method: "POST", path: RouteAccounts, body: `{"email":"a@example.com","maxJobs":1}`, wantStatus: 400, wantIn: "password is required"},
		{method: "POST", path: RouteAccounts, body: `{"password":"p","maxJobs":1}`, wantStatus: 400, wantIn: "email is required"},
		{method: "POST", path: RouteAccounts, body: `not json`, wantStatus: 400, wantIn: "JSON"},
		{method: "POST", path: RouteAccounts, body: `{"email":"known@example.com","password":"right","maxJobs":5}`, wantStatus: 201, wantType: "application/json",
			wantBody: `{"email":"known@example.com","session":{"userId":"user` + fmt.Sprint(hash("known@example.com")%100_000_000) +
				`","ExpireTime":1738325594000,"ExpireTimeUTC":"2025-01-31T12:13:14.000Z"},"maxJobs":5,"password":"` + PasswordPlaceholder + `"}`},
		{method: "GET", path: "/v1/kling/accounts/known%40example.com", wantStatus: 200, wantIn: `"balance":{"points":[{"orderId":`},
		{method: "GET", path: "/v1/kling/accounts/known@example.com", wantStatus: 200, wantIn: `"tickets":[],"nextApplyTime":1735776000000,"total":56000}`},
		{method: "GET", path: RouteAccounts, wantStatus: 200, wantIn: `{"known@example.com":{"email":"known@example.com"`},
		{method: "GET", path: "/v1/kling/accounts/other@example.com", wantStatus: 404, wantType: "text/plain", wantBody: msgAccountNotFound},
		{method: "DELETE", path: "/v1/kling/accounts/known@example.com", wantStatus: 204},
		{method: "DELETE", path: "/v1/kling/accounts/known@example.com", wantStatus: 404, wantType: "text/plain"},
	})
	s.SetSubscriptionActive(token, false)
	run(t, srv.URL, []exchange{{method: "GET", path: RouteAccounts, wantStatus: 402, wantBody: `{"error":"Subscription required","code":402}`}})
}

func TestMultipartPost(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("email", "m@example.com")
	_ = mw.WriteField("password", "p")
	_ = mw.WriteField("maxJobs", "7")
	_ = mw.Close()
	req, _ := http.NewRequest("POST", srv.URL+RouteAccounts, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if got := s.Accounts(token); resp.StatusCode != 201 || len(got) != 1 || got[0].MaxJobs != 7 {
		t.Fatalf("status %d, accounts %+v", resp.StatusCode, got)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	_, srv := newServer(t, Options{MaxAccounts: 1, RequireKnownKlingUsers: true})
	run(t, srv.URL, []exchange{
		{method: "POST", path: RouteAccounts, body: `{"email":"x@example.com","password":"p","maxJobs":1}`, wantStatus: 400, wantIn: msgBadCredentials},
	})
	s2, srv2 := newServer(t, Options{MaxAccounts: 1})
	s2.PutAccount(token, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	run(t, srv2.URL, []exchange{
		{method: "POST", path: RouteAccounts, body: `{"email":"a@example.com","password":"p","maxJobs":2}`, wantStatus: 201},
		{method: "POST", path: RouteAccounts, body: `{"email":"b@example.com","password":"p","maxJobs":1}`, wantStatus: 400, wantIn: "up to 1 Kling accounts"},
	})
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.FailNext(1, Fault{Kind: TooManyRequests, RetryAfter: "2"})
	s.FailNext(1, Fault{Kind: UnavailableHTML})
	s.FailNext(1, Fault{Kind: AccountError})
	run(t, srv.URL, []exchange{
		{method: "GET", path: RouteAccounts, wantStatus: 429, wantIn: "Too many requests"},
		{method: "GET", path: RouteAccounts, wantStatus: 503, wantType: "text/html", wantIn: "<html>"},
		{method: "GET", path: RouteAccounts, wantStatus: 596},
		{method: "GET", path: RouteAccounts, wantStatus: 404},
	})

	req, _ := http.NewRequest("POST", srv.URL+RouteAccounts, strings.NewReader(`{"email":"l@example.com","password":"p","maxJobs":1}`))
	req.Header.Set("Authorization", "Bearer "+token)
	s.FailNext(1, Fault{Kind: LoseAnswer})
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Fatal("a lost answer reached the client")
	}
	if got := s.Accounts(token); len(got) != 1 || got[0].Email != "l@example.com" {
		t.Fatalf("the POST whose answer was lost was not applied: %+v", got)
	}
	if got := s.Calls("POST", RouteAccounts); got != 1 {
		t.Fatalf("POST counter %d, want 1", got)
	}
}

func TestFaultsForOneMethod(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.PutAccount(token, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	s.FailNext(1, Fault{Kind: InternalError, Method: "DELETE"})
	run(t, srv.URL, []exchange{
		{method: "GET", path: RouteAccounts, wantStatus: 200},
		{method: "DELETE", path: "/v1/kling/accounts/a@example.com", wantStatus: 500},
		{method: "DELETE", path: "/v1/kling/accounts/a@example.com", wantStatus: 204},
	})
}

func TestHangEndsWithTheClient(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.FailNext(1, Fault{Kind: Hang})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+RouteAccounts, nil)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Fatal("a hung request was answered")
	}
}

func TestFaultRateIsRepeatable(t *testing.T) {
	t.Parallel()
	pattern := func() string {
		s := New(Options{})
		s.SetFaultRate(0.3, 7, Fault{Kind: InternalError})
		var b strings.Builder
		for range 200 {
			_, ok := s.nextFault("GET")
			b.WriteString(map[bool]string{true: "x", false: "."}[ok])
		}
		return b.String()
	}
	a, b := pattern(), pattern()
	faults := strings.Count(a, "x")
	if a != b || faults < 35 || faults > 85 {
		t.Fatalf("fault patterns differ or rate is off (%d of 200):\n%s\n%s", faults, a, b)
	}
}

func TestConcurrentClients(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.SetFaultRate(0.2, 1, Fault{Kind: InternalError}, Fault{Kind: TooManyRequests})
	s.SetLatency(50 * time.Millisecond) // long enough that 50 clients started together overlap
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			email := fmt.Sprintf("u%d@example.com", i)
			body, _ := json.Marshal(map[string]any{"email": email, "password": "p", "maxJobs": 1 + i%10})
			for {
				req, _ := http.NewRequest("POST", srv.URL+RouteAccounts, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				_ = resp.Body.Close()
				if resp.StatusCode == 201 {
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := len(s.Accounts(token)); got != 50 {
		t.Fatalf("%d accounts, want 50", got)
	}
	if s.PeakConcurrency() < 2 {
		t.Fatalf("peak concurrency %d: requests were not served concurrently", s.PeakConcurrency())
	}
}
