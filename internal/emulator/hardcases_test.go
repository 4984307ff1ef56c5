package emulator

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strings"
	"syscall"
	"testing"
	"time"
)

// answer is what a client got back.
type answer struct {
	status      int
	contentType string
	body        string
}

// send makes one request with the test token (or auth, when given) and reads the whole answer.
func send(ctx context.Context, client *http.Client, method, url, body, auth string) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: string(data)}, err
}

// waitCalls waits until the route has counted a request: the server has begun handling it.
func waitCalls(t *testing.T, s *Server, key string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); s.CallCounts()[key] == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("%s: no request reached the server", key)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func waitIdle(t *testing.T, s *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.WaitIdle(ctx); err != nil {
		t.Fatalf("WaitIdle: %v", err)
	}
}

// giveUpDuringLogin posts a Kling account and goes away once the server has begun the login: a deadline
// of its own could pass before a loaded machine even delivered the request.
func giveUpDuringLogin(t *testing.T, s *Server, url string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := send(ctx, http.DefaultClient, "POST", url+"/v1/kling/accounts", emailBody("a@example.com", "p"), "")
		done <- err
	}()
	waitCalls(t, s, Calls(Kling).Post)
	if got := s.Accounts(token, Kling); len(got) != 0 {
		t.Fatalf("the account was written before the login finished: %+v", got)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("answered before the login finished")
	}
}

func TestLoginDelayFinishesWithoutTheClient(t *testing.T) {
	t.Parallel()
	const delay = 400 * time.Millisecond
	s, srv := newServer(t, Options{})
	s.SetLoginDelay(delay)
	start := time.Now()
	giveUpDuringLogin(t, s, srv.URL)
	waitIdle(t, s)
	if elapsed := time.Since(start); elapsed < delay {
		t.Fatalf("idle after %v, before the login delay of %v", elapsed, delay)
	}
	if got := s.Accounts(token, Kling); len(got) != 1 || got[0].Password != "p" || got[0].MaxJobs != 2 {
		t.Fatalf("the login the client gave up on did not land: %+v", got)
	}
}

func TestLoginDelayLeavesOtherRequestsFree(t *testing.T) {
	t.Parallel()
	const delay = 400 * time.Millisecond
	s, srv := newServer(t, Options{})
	s.AddUser(Kling, "known@example.com", "right")
	s.PutAccount(token, Muse, Account{Email: "m@example.com", Password: "p"})
	s.SetLoginDelay(delay)
	type result struct {
		answer
		took time.Duration
		err  error
	}
	timed := func(method, path, body string) result {
		start := time.Now()
		a, err := send(context.Background(), http.DefaultClient, method, srv.URL+path, body, "")
		return result{a, time.Since(start), err}
	}
	login := make(chan result)
	go func() { login <- timed("POST", "/v1/kling/accounts", emailBody("a@example.com", "p")) }()
	waitCalls(t, s, Calls(Kling).Post)

	// While the login is at the site, the state is not locked and a password-less update does not log in.
	if r := timed("GET", "/v1/kling/accounts", ""); r.err != nil || r.status != 404 || r.took > delay/2 {
		t.Errorf("a list during a login: %d in %v (%v), want the 404 of no account at once", r.status, r.took, r.err)
	}
	if r := timed("POST", "/v1/muse/accounts", `{"email":"m@example.com","maxJobs":3}`); r.err != nil || r.status != 200 || r.took > delay/2 {
		t.Errorf("a password-less Muse update: %d in %v (%v), want 200 at once", r.status, r.took, r.err)
	}
	if r := <-login; r.err != nil || r.status != 201 || r.took < delay {
		t.Errorf("the login: %d in %v (%v), want 201 after %v", r.status, r.took, r.err, delay)
	}
	// A refused login takes as long: the site says no only once it has looked.
	if r := timed("POST", "/v1/kling/accounts", emailBody("known@example.com", "wrong")); r.err != nil || r.status != 400 || r.took < delay {
		t.Errorf("a refused login: %d in %v (%v), want 400 after %v", r.status, r.took, r.err, delay)
	}
	if r := timed("POST", "/v1/muse/accounts", `{"email":"m@example.com","password":"p"}`); r.err != nil || r.status != 200 || r.took < delay {
		t.Errorf("a Muse login: %d in %v (%v), want 200 after %v", r.status, r.took, r.err, delay)
	}
}

func TestLoginDelayDoesNotHangShutdown(t *testing.T) {
	t.Parallel()
	const delay = 300 * time.Millisecond
	t.Run("httptest", func(t *testing.T) {
		t.Parallel()
		s := New(Options{})
		s.AddToken(token)
		s.SetLoginDelay(delay)
		srv := httptest.NewServer(s)
		giveUpDuringLogin(t, s, srv.URL)
		start := time.Now()
		srv.Close()
		if took := time.Since(start); took > delay+2*time.Second {
			t.Fatalf("Close took %v", took)
		}
		if got := s.Accounts(token, Kling); len(got) != 1 {
			t.Fatalf("the login under way at Close did not land: %+v", got)
		}
	})
	t.Run("Serve", func(t *testing.T) {
		t.Parallel()
		s := New(Options{})
		s.AddToken(token)
		s.SetLoginDelay(delay)
		l, err := s.Serve(context.Background(), "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		giveUpDuringLogin(t, s, l.URL)
		start := time.Now()
		if err := l.Stop(); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > delay+2*time.Second {
			t.Fatalf("Stop took %v", took)
		}
		if err := <-l.Done(); !errors.Is(err, http.ErrServerClosed) {
			t.Fatalf("Done: %v", err)
		}
		if got := s.Accounts(token, Kling); len(got) != 1 {
			t.Fatalf("the login under way at Stop did not land: %+v", got)
		}
	})
}

func TestWaitIdleEndsWithItsContext(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	waitIdle(t, s) // nothing under way
	s.FailNext(1, Fault{Kind: Hang})
	clientCtx, cancelClient := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = send(clientCtx, http.DefaultClient, "GET", srv.URL+"/v1/kling/accounts", "", "")
	}()
	waitCalls(t, s, Calls(Kling).List)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := s.WaitIdle(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitIdle with a request held: %v, want the context's end", err)
	}
	cancelClient()
	<-done
	waitIdle(t, s)
}

func TestRefuseFault(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	const path = "/v1/kling/accounts"
	s.FailNext(1, Fault{Kind: LoseAnswer, Method: "POST"})
	s.FailNext(1, Fault{Kind: Refuse, Method: "POST", Status: http.StatusConflict, Message: "Account a@example.com is being added"})
	if a, err := send(context.Background(), http.DefaultClient, "POST", srv.URL+path, emailBody("a@example.com", "p"), ""); err == nil {
		t.Fatalf("a lost answer arrived: %d", a.status)
	}
	a, err := send(context.Background(), http.DefaultClient, "POST", srv.URL+path, `{"email":"a@example.com","password":"p","maxJobs":3}`, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.status != 409 || a.body != `{"error":"Account a@example.com is being added","code":409}` || !strings.HasPrefix(a.contentType, "application/json") {
		t.Fatalf("refusal %d %q %s", a.status, a.contentType, a.body)
	}
	if got := s.Accounts(token, Kling); len(got) != 1 || got[0].MaxJobs != 2 {
		t.Fatalf("accounts %+v: want the first attempt's, the refused one not applied", got)
	}
	s.FailNext(1, Fault{Kind: Refuse, Message: "no status"})
	if a, err := send(context.Background(), http.DefaultClient, "GET", srv.URL+path, "", ""); err != nil || a.status != 500 || !strings.Contains(a.body, "needs a Status") {
		t.Fatalf("a Refuse fault without a status: %d %s (%v), want a 500 saying so", a.status, a.body, err)
	}
}

// refused reports whether nothing listens at addr: the connection is refused, not just slow.
func refused(addr string) (bool, error) {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		_ = c.Close()
		return false, nil
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true, nil
	}
	return false, err
}

func TestRestartFault(t *testing.T) {
	t.Parallel()
	const down = 300 * time.Millisecond
	s := New(Options{})
	s.AddToken(token)
	l, err := s.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Stop() })
	addr := strings.TrimPrefix(l.URL, "http://")
	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	t.Cleanup(client.CloseIdleConnections)
	// reused says whether a GET went over a connection made before.
	reused := func() (bool, answer) {
		var info httptrace.GotConnInfo
		ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { info = i }})
		a, err := send(ctx, client, "GET", l.URL+"/v1/kling/accounts", "", "")
		if err != nil {
			t.Fatal(err)
		}
		return info.Reused, a
	}
	reused() // a keep-alive connection the restart must close
	if again, _ := reused(); !again {
		t.Fatal("the client does not keep connections alive: the test proves nothing")
	}

	for i := range 2 { // twice: the server serves again after each restart
		email := fmt.Sprintf("r%d@example.com", i)
		s.FailNext(1, Fault{Kind: Restart, Down: down, Method: "POST"})
		start := time.Now()
		// Another client's POST, so that the restart meets client's connection idle.
		if a, err := send(context.Background(), &http.Client{Transport: &http.Transport{}}, "POST", l.URL+"/v1/kling/accounts", emailBody(email, "p"), ""); err == nil {
			t.Fatalf("restart %d: the POST was answered %d", i, a.status)
		}
		if ok, err := refused(addr); !ok {
			t.Fatalf("restart %d: a connection right after the restart was not refused (%v)", i, err)
		}
		if got := s.Accounts(token, Kling); len(got) != i+1 || got[i].Email != email {
			t.Fatalf("restart %d: the POST before the restart was not applied: %+v", i, got)
		}
		for {
			ok, err := refused(addr)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if time.Since(start) > down+3*time.Second {
				t.Fatalf("restart %d: still down after %v", i, time.Since(start))
			}
			time.Sleep(10 * time.Millisecond)
		}
		if took := time.Since(start); took < down {
			t.Fatalf("restart %d: listening again after %v, before the %v down", i, took, down)
		}
		if again, a := reused(); again || a.status != 200 {
			t.Fatalf("restart %d: the GET after it answered %d over a connection of before: %v", i, a.status, again)
		}
	}
	select {
	case err := <-l.Done():
		t.Fatalf("a restart ended the server: %v", err)
	default:
	}
	if err := l.Stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-l.Done():
		if !errors.Is(err, http.ErrServerClosed) {
			t.Fatalf("Done: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Done did not report the end")
	}
}

func TestStopWhileRestarting(t *testing.T) {
	t.Parallel()
	const down = 300 * time.Millisecond
	s := New(Options{})
	s.AddToken(token)
	l, err := s.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.FailNext(1, Fault{Kind: Restart, Down: down})
	if _, err := send(context.Background(), http.DefaultClient, "GET", l.URL+"/v1/kling/accounts", "", ""); err == nil {
		t.Fatal("the restarting request was answered")
	}
	start := time.Now()
	if err := l.Stop(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > down {
		t.Fatalf("Stop during a restart took %v", took)
	}
	select {
	case err := <-l.Done():
		if !errors.Is(err, http.ErrServerClosed) {
			t.Fatalf("Done: %v", err)
		}
	case <-time.After(time.Second):
		t.Fatal("Done did not report the end")
	}
	time.Sleep(down + 200*time.Millisecond)
	if ok, err := refused(strings.TrimPrefix(l.URL, "http://")); !ok {
		t.Fatalf("listening again after Stop (%v)", err)
	}
}

func TestRestartNeedsServe(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.FailNext(1, Fault{Kind: Restart, Down: time.Second})
	a, err := send(context.Background(), http.DefaultClient, "POST", srv.URL+"/v1/kling/accounts", emailBody("a@example.com", "p"), "")
	if err != nil || a.status != 500 || !strings.Contains(a.body, "Server.Serve") {
		t.Fatalf("a Restart fault through httptest: %d %s (%v), want a 500 naming Serve", a.status, a.body, err)
	}
	if got := s.Accounts(token, Kling); len(got) != 0 {
		t.Fatalf("a Restart that could not restart applied the request: %+v", got)
	}
}

// straddles says why the password does not begin before byte echoCut of msg and end after it, "" when it
// does: the client cuts there, and a mask must catch the part that is left. It checks the message also
// as the client folds its white space before it cuts.
func straddles(msg, password string) string {
	fold := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, m := range [][2]string{{msg, password}, {fold(msg), fold(password)}} {
		i := strings.Index(m[0], m[1])
		if i < 0 || i >= echoCut || i+len(m[1]) <= echoCut || len(m[0]) <= echoCut {
			return fmt.Sprintf("password %q at byte %d of %d (message %q)", m[1], i, len(m[0]), m[0])
		}
	}
	return ""
}

func TestEchoPasswordStraddlesTheCut(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"", "Login failed", strings.TrimSpace(strings.Repeat("long words ", 20)), strings.Repeat("x", 299), strings.Repeat("y", 600)} {
		for n := 2; n <= 700; n++ {
			password := strings.Repeat("p", n-1) + "q"
			msg := echoPassword(text, password)
			if why := straddles(msg, password); why != "" {
				t.Fatalf("text of %d bytes, password of %d: %s", len(text), n, why)
			}
			if !strings.Contains(msg, text) {
				t.Fatalf("text of %d bytes, password of %d: the text is lost: %q", len(text), n, msg)
			}
		}
	}
}

func TestEchoSecrets(t *testing.T) {
	t.Parallel()
	const password = "pa  ss\t<&>\"wörd"
	const escaped = `pa  ss\t\u003c\u0026\u003e\"wörd` // as encoding/json writes it
	const other = "user:43-otherToken"
	s, srv := newServer(t, Options{MaxAccounts: 2})
	s.AddToken(other)
	s.SetSubscriptionActive(other, false)
	s.AddUser(Kling, "known@example.com", "right")
	s.AddUser(Dreamina, "known@example.com", "right")
	s.RequireSecurityCheck("checked@example.com", true)
	s.PutAccount(token, Runway, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	s.PutAccount(token, Runway, Account{Email: "b@example.com", Password: "p", MaxJobs: 1})

	type refusal struct {
		name, method, path, body, auth string
		status                         int
		fault                          *Fault
	}
	kling := func(email string, maxJobs int) string {
		return fmt.Sprintf(`{"email":%q,"password":%q,"maxJobs":%d}`, email, password, maxJobs)
	}
	refusals := []refusal{
		{name: "login refused", path: "/v1/kling/accounts", body: kling("known@example.com", 1), status: 400},
		{name: "Dreamina's login refused", path: "/v1/dreamina/accounts",
			body: fmt.Sprintf(`{"email":"known@example.com","password":%q,"region":"US"}`, password), status: 500},
		{name: "maxJobs", path: "/v1/kling/accounts", body: kling("a@example.com", 11), status: 400},
		{name: "email mismatch", path: "/v1/runwayml/accounts/x@example.com", body: kling("a@example.com", 1), status: 400},
		{name: "account cap", path: "/v1/runwayml/accounts/c@example.com", body: kling("c@example.com", 1), status: 402},
		{name: "security check", path: "/v1/muse/accounts", body: fmt.Sprintf(`{"email":"checked@example.com","password":%q}`, password), status: 596},
		{name: "bad token", path: "/v1/kling/accounts", body: kling("a@example.com", 1), auth: "Bearer nope", status: 401},
		{name: "lapsed subscription", path: "/v1/kling/accounts", body: kling("a@example.com", 1), auth: "Bearer " + other, status: 402},
		{name: "Refuse fault", path: "/v1/kling/accounts", body: kling("a@example.com", 1), status: 409,
			fault: &Fault{Kind: Refuse, Status: 409, Message: "Account a@example.com is being added"}},
		{name: "InternalError fault", path: "/v1/kling/accounts", body: kling("a@example.com", 1), status: 500, fault: &Fault{Kind: InternalError}},
	}
	do := func(t *testing.T, r refusal) answer {
		t.Helper()
		if r.fault != nil {
			s.FailNext(1, *r.fault)
		}
		a, err := send(context.Background(), http.DefaultClient, cmp.Or(r.method, "POST"), srv.URL+r.path, r.body, r.auth)
		if err != nil {
			t.Fatal(err)
		}
		if a.status != r.status {
			t.Fatalf("%s: %d %s, want %d", r.name, a.status, a.body, r.status)
		}
		return a
	}
	message := func(t *testing.T, a answer) string {
		t.Helper()
		var body struct{ Error string }
		if err := json.Unmarshal([]byte(a.body), &body); err != nil {
			t.Fatalf("%s: %v", a.body, err)
		}
		return body.Error
	}

	// Off, as by default, no refusal carries it.
	for _, r := range refusals {
		if a := do(t, r); strings.Contains(a.body, "wörd") {
			t.Errorf("%s: echoed while off: %s", r.name, a.body)
		}
	}

	s.EchoSecrets(true)
	for _, r := range refusals {
		a := do(t, r)
		if !strings.Contains(a.body, escaped) || !strings.HasPrefix(a.contentType, "application/json") {
			t.Errorf("%s: %s body %s: want JSON with %s", r.name, a.contentType, a.body, escaped)
			continue
		}
		if why := straddles(message(t, a), password); why != "" {
			t.Errorf("%s: %s", r.name, why)
		}
	}

	// The errors stored for an account: Muse's security check, and SetAccountError after a login.
	a, _ := send(context.Background(), http.DefaultClient, "GET", srv.URL+"/v1/muse/accounts/checked@example.com", "", "")
	var muse struct{ Health string }
	if err := json.Unmarshal([]byte(a.body), &muse); err != nil || straddles(muse.Health, password) != "" {
		t.Errorf("the health of a paused Muse account: %s (%v)", a.body, err)
	}
	run(t, srv.URL, []exchange{{method: "POST", path: "/v1/kling/accounts", body: kling("broken@example.com", 1), wantStatus: 201}})
	s.SetAccountError(token, Kling, "broken@example.com", "Session expired")
	run(t, srv.URL, []exchange{{method: "GET", path: "/v1/kling/accounts", wantStatus: 200, wantIn: `"error":"Session expired (debug`}})
	a = do(t, refusal{name: "GET of a broken account", method: "GET", path: "/v1/kling/accounts/broken@example.com", status: 596})
	if why := straddles(message(t, a), password); why != "" {
		t.Errorf("GET of a broken account: %s", why)
	}
	if got := s.Accounts(token, Kling); len(got) != 1 || !strings.Contains(got[0].Error, password) {
		t.Errorf("accounts %+v: want the error to embed the password", got)
	}

	// Plain text: the same texts, the password raw.
	s.EchoSecretsPlain(true)
	for _, r := range append(refusals, refusal{name: "GET of a broken account", method: "GET", path: "/v1/kling/accounts/broken@example.com", status: 596}) {
		a := do(t, r)
		if !strings.HasPrefix(a.contentType, "text/plain") {
			t.Errorf("%s: %s body %s, want text/plain", r.name, a.contentType, a.body)
			continue
		}
		if why := straddles(a.body, password); why != "" {
			t.Errorf("%s: %s", r.name, why)
		}
	}

	s.EchoSecretsPlain(false)
	if a := do(t, refusals[0]); a.body != `{"error":"Account does not exist or password is incorrect"}` {
		t.Errorf("echo off again: %s", a.body)
	}
}
