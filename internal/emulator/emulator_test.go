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
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

const token = "user:42-testToken"

// clock is the fixed time of the tests that check bodies exactly.
var clock = func() time.Time { return time.Date(2025, 1, 1, 12, 13, 14, 0, time.UTC) }

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
	wantOut                  string // not part of the body; empty: not checked
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
			t.Errorf("step %d %s %s: Content-Type %q, want %q", i, ex.method, ex.path, resp.Header.Get("Content-Type"), ex.wantType)
		}
		if ex.wantBody != "" && body != ex.wantBody {
			t.Errorf("step %d %s %s: body\n%s\nwant\n%s", i, ex.method, ex.path, body, ex.wantBody)
		}
		if !strings.Contains(body, ex.wantIn) {
			t.Errorf("step %d %s %s: body %s, want it to contain %s", i, ex.method, ex.path, body, ex.wantIn)
		}
		if ex.wantOut != "" && strings.Contains(body, ex.wantOut) {
			t.Errorf("step %d %s %s: body %s, want it not to contain %s", i, ex.method, ex.path, body, ex.wantOut)
		}
	}
}

// fixture is how the tests that apply to every service reach one of them.
type fixture struct {
	svc         Service
	postPath    func(email string) string
	postBody    func(email, password string) string // a valid body for a new account
	accountPath func(email string) string           // the route of the account of that email
	id          func(email string) string
	created     int // the status of a POST that adds an account
	updated     int // the status of a POST that changes one
	deleted     int // the status of a DELETE
	badLogin    int // the status of a wrong password
}

func emailBody(email, password string) string {
	return fmt.Sprintf(`{"email":%q,"password":%q,"maxJobs":2}`, email, password)
}

var fixtures = []fixture{
	{
		svc: Kling, postPath: func(string) string { return "/v1/kling/accounts" }, postBody: emailBody,
		accountPath: func(e string) string { return "/v1/kling/accounts/" + e }, id: func(e string) string { return e },
		created: 201, updated: 201, deleted: 204, badLogin: 400,
	},
	{
		svc: Runway, postPath: func(e string) string { return "/v1/runwayml/accounts/" + e }, postBody: emailBody,
		accountPath: func(e string) string { return "/v1/runwayml/accounts/" + e }, id: func(e string) string { return e },
		created: 200, updated: 200, deleted: 204, badLogin: 401,
	},
	{
		svc: PixVerse, postPath: func(e string) string { return "/v2/pixverse/accounts/" + e }, postBody: emailBody,
		accountPath: func(e string) string { return "/v2/pixverse/accounts/" + e }, id: func(e string) string { return e },
		created: 201, updated: 201, deleted: 204, badLogin: 400,
	},
	{
		svc: Dreamina, postPath: func(string) string { return "/v1/dreamina/accounts" },
		postBody: func(e, p string) string {
			return fmt.Sprintf(`{"email":%q,"password":%q,"region":"US"}`, e, p)
		},
		// The service's examples send the ID escaped, ':' and '@' included.
		accountPath: func(e string) string { return "/v1/dreamina/accounts/" + url.QueryEscape("US:"+e) },
		id:          func(e string) string { return "US:" + e },
		created:     200, updated: 200, deleted: 200, badLogin: 500,
	},
	{
		svc: Muse, postPath: func(string) string { return "/v1/muse/accounts" },
		postBody:    func(e, p string) string { return fmt.Sprintf(`{"email":%q,"password":%q}`, e, p) },
		accountPath: func(e string) string { return "/v1/muse/accounts/" + e }, id: func(e string) string { return e },
		created: 201, updated: 200, deleted: 204, badLogin: 401,
	},
	{
		svc: ACEMusic, postPath: func(string) string { return "/v1/acemusic/accounts" }, postBody: emailBody,
		accountPath: func(e string) string { return "/v1/acemusic/accounts/" + e }, id: func(e string) string { return e },
		created: 201, updated: 200, deleted: 204, badLogin: 400,
	},
}

// TestFixturesCoverEveryService: fixtures cover the services of email and password, in order, and
// credFixtures (credentials_test.go) those whose accounts are named by their credential, after them.
func TestFixturesCoverEveryService(t *testing.T) {
	t.Parallel()
	services := Services()
	if len(services) != len(fixtures)+len(credFixtures) {
		t.Fatalf("services %v, fixtures for %d and %d", services, len(fixtures), len(credFixtures))
	}
	for i, f := range fixtures {
		if services[i] != f.svc || lookup(f.svc).cred != nil {
			t.Errorf("service %d is %s, fixture %s", i, services[i], f.svc)
		}
	}
	for i, f := range credFixtures {
		if svc := services[len(fixtures)+i]; svc != f.svc || lookup(f.svc).cred == nil {
			t.Errorf("service %d is %s, credential fixture %s", len(fixtures)+i, svc, f.svc)
		}
	}
}

func TestKling(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(Kling, "known@example.com", "right")
	const base = "/v1/kling/accounts"
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 404, wantType: "text/plain", wantBody: "Configuration not found. To create configuration use POST /accounts."},
		{method: "POST", path: base, body: `{"email":"known@example.com","password":"wrong","maxJobs":1}`, wantStatus: 400,
			wantBody: `{"error":"Account does not exist or password is incorrect"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"p","maxJobs":0}`, wantStatus: 400, wantBody: `{"error":"Parameter maxJobs (0) valid range: 1…10","code":400}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"p","maxJobs":11}`, wantStatus: 400, wantIn: "maxJobs"},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"p"}`, wantStatus: 400, wantIn: "maxJobs is required"},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":1}`, wantStatus: 400, wantIn: "password is required"},
		{method: "POST", path: base, body: `{"password":"p","maxJobs":1}`, wantStatus: 400, wantIn: "email is required"},
		{method: "POST", path: base, body: `not json`, wantStatus: 400, wantIn: "JSON"},
		{method: "POST", path: base, body: `{"email":"known@example.com","password":"right","maxJobs":5}`, wantStatus: 201, wantType: "application/json",
			wantBody: `{"email":"known@example.com","session":{"userId":"user` + fmt.Sprint(hash("known@example.com")%100_000_000) +
				`","ExpireTime":1738325594000,"ExpireTimeUTC":"2025-01-31T12:13:14.000Z"},"maxJobs":5,"password":"` + PasswordPlaceholder + `"}`},
		{method: "GET", path: base + "/known%40example.com", wantStatus: 200, wantIn: `"balance":{"points":[{"orderId":`},
		{method: "GET", path: base + "/known@example.com", wantStatus: 200, wantIn: `"tickets":[],"nextApplyTime":1735776000000,"total":56000}`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"known@example.com":{"email":"known@example.com"`, wantOut: "balance"},
		{method: "GET", path: base + "/other@example.com", wantStatus: 404, wantType: "text/plain",
			wantBody: "Account configuration not found. To create configuration use POST /accounts."},
		{method: "DELETE", path: base + "/known@example.com", wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: base + "/known@example.com", wantStatus: 404, wantType: "text/plain",
			wantBody: "Account configuration not found. To create configuration use POST /accounts."},
	})

	s.PutAccount(token, Kling, Account{Email: "b@example.com", Password: "p", MaxJobs: 3, Error: "Session expired"})
	s.SetBalance(token, "b@example.com", []Points{{OrderID: "7", Type: "gift", Amount: 10, Balance: 4}})
	run(t, srv.URL, []exchange{
		{method: "GET", path: base + "/b@example.com", wantStatus: 596, wantBody: `{"error":"Session expired","code":596}`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `"password":"` + PasswordPlaceholder + `","error":"Session expired"}`},
		{method: "POST", path: base, body: `{"email":"b@example.com","password":"p","maxJobs":3}`, wantStatus: 201, wantOut: "error"},
		{method: "GET", path: base + "/b@example.com", wantStatus: 200,
			wantIn: `"balance":{"points":[{"orderId":"7","type":"gift","amount":10,"balance":4,"startTime":0,"endTime":0}],"tickets":[],"nextApplyTime":1735776000000,"total":4}`},
		{method: "GET", path: base, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"Unauthorized","code":401}`},
	})
	s.SetSubscriptionActive(token, false)
	run(t, srv.URL, []exchange{{method: "GET", path: base, wantStatus: 402, wantBody: `{"error":"Subscription required","code":402}`}})
}

func TestRunway(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(Runway, "a@example.com", "right")
	s.SuspendUser(Runway, "gone@example.com")
	const base = "/v1/runwayml/accounts"
	const notFound = "Configuration not found. To create configuration use POST /accounts/email."
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "POST", path: base + "/b@example.com", body: `{"email":"a@example.com","password":"right","maxJobs":1}`, wantStatus: 400,
			wantBody: `{"error":"Email in the body does not match the path","code":400}`},
		{method: "POST", path: base + "/a@example.com", body: `{"email":"a@example.com","password":"wrong","maxJobs":1}`, wantStatus: 401,
			wantBody: `{"error":"Wrong username/password combination.","code":401}`},
		{method: "POST", path: base + "/gone@example.com", body: `{"email":"gone@example.com","password":"any","maxJobs":1}`, wantStatus: 401,
			wantBody: `{"error":"This account has been suspended.","code":401}`},
		{method: "POST", path: base + "/a@example.com", body: `{"email":"a@example.com","password":"right","maxJobs":11}`, wantStatus: 400,
			wantBody: `{"error":"Parameter maxJobs (11) valid range: 1…10","code":400}`},
		{method: "POST", path: base + "/a@example.com", body: `{"email":"a@example.com","password":"right"}`, wantStatus: 400, wantIn: "maxJobs is required"},
		{method: "POST", path: base + "/a@example.com", body: `{"email":"a@example.com","password":"right","maxJobs":4}`, wantStatus: 200,
			wantIn: `{"email":"a@example.com","password":"` + PasswordPlaceholder + `","maxJobs":4,"jwt":{"token":"eyJ`},
		{method: "GET", path: base + "/a%40example.com", wantStatus: 200,
			wantIn: `,"exp":1738325594,"iat":1735733594,"id":` + fmt.Sprint(hash("a@example.com")%10_000_000) + "}}"},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"a@example.com":{"email":"a@example.com","password":"`},
		{method: "GET", path: base + "/b@example.com", wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "DELETE", path: base + "/a@example.com", wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: base + "/a@example.com", wantStatus: 404, wantType: "text/plain", wantBody: notFound},
	})
}

func TestPixVerse(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(PixVerse, "pix.user@example.com", "right")
	const base = "/v2/pixverse/accounts"
	const notFound = "Configuration not found. To create configuration use POST /accounts/email."
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "POST", path: base + "/pix.user@example.com", body: `{"email":"pix.user@example.com","password":"wrong","maxJobs":1}`, wantStatus: 400,
			wantBody: `{"error":"Unable to sign in to PixVerse: wrong email or password","code":400}`},
		{method: "POST", path: base + "/pix.user@example.com", body: `{"email":"pix.user@example.com","password":"right","maxJobs":9}`, wantStatus: 400,
			wantBody: `{"error":"Parameter maxJobs (9) valid range: 1…8","code":400}`},
		{method: "POST", path: base + "/x@example.com", body: `{"email":"pix.user@example.com","password":"right","maxJobs":1}`, wantStatus: 400,
			wantIn: "does not match"},
		{method: "POST", path: base + "/pix.user@example.com", body: `{"email":"pix.user@example.com","password":"right","maxJobs":8}`, wantStatus: 201,
			wantIn: `{"email":"pix.user@example.com","password":"` + PasswordPlaceholder + `","maxJobs":8,"jwt":{"AccountId":` +
				fmt.Sprint(hash("pix.user@example.com")%100_000_000) + `,"ExpireTime":1738325594,"ExpireTimeUTC":"2025-01-31T12:13:14.000Z","Username":"pix.user","token":"eyJ`},
		{method: "GET", path: base + "/pix.user@example.com", wantStatus: 200, wantIn: `"maxJobs":8,"jwt":{`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"pix.user@example.com":{"email":"pix.user@example.com"`},
		{method: "GET", path: base + "/x@example.com", wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "DELETE", path: base + "/pix.user@example.com", wantStatus: 204},
		{method: "DELETE", path: base + "/pix.user@example.com", wantStatus: 404, wantType: "text/plain", wantBody: notFound},
	})
}

func TestDreamina(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(Dreamina, "a@example.com", "right")
	const base = "/v1/dreamina/accounts"
	const us, ca = "/US%3Aa%40example.com", "/CA:a@example.com" // the service's examples escape; PathValue decodes
	const expires = `"sessionExpires":"2025-03-02T12:13:14.000Z"`
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 400, wantBody: `{"error":"Parameter region is required"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","region":"EU"}`, wantStatus: 400, wantBody: `{"error":"Parameter region must be US or CA"}`},
		{method: "POST", path: base, body: `{"password":"right","region":"US"}`, wantStatus: 400, wantBody: `{"error":"Parameter email is required"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","region":"US"}`, wantStatus: 400, wantBody: `{"error":"Parameter password is required"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","region":"US","maxJobs":51}`, wantStatus: 400, wantIn: "valid range: 1…50"},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"wrong","region":"US"}`, wantStatus: 500,
			wantBody: `{"error":"Login failed: invalid credentials"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","region":"US"}`, wantStatus: 200,
			wantBody: `{"account":"US:a@example.com","email":"a@example.com","region":"US","maxJobs":10,` + expires + `,` +
				`"session":{"expires":"2025-03-02T12:13:14.000Z","lastRefreshed":"2025-01-01T12:13:14.000Z","daysUntilExpiry":60},` +
				`"models":{"image":["seedream-4.0"],"video":["seedance-2.0","dreamina-3.0"]},` +
				`"credits":{"total":500,"vip":200,"gift":200,"purchase":100,"dailyClaimed":false}}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","region":"CA","maxJobs":"5"}`, wantStatus: 200,
			wantIn: `{"account":"CA:a@example.com","email":"a@example.com","region":"CA","maxJobs":5,`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","region":"US"}`, wantStatus: 200,
			wantIn: `"maxJobs":10`}, // an update without maxJobs keeps the account's
		{method: "GET", path: base, wantStatus: 200,
			wantBody: `{"CA:a@example.com":{"account":"CA:a@example.com","email":"a@example.com","region":"CA","maxJobs":5,` + expires + `},` +
				`"US:a@example.com":{"account":"US:a@example.com","email":"a@example.com","region":"US","maxJobs":10,` + expires + `}}`},
		{method: "GET", path: base + us, wantStatus: 200, wantIn: `"dailyClaimed":true}}`},
		{method: "GET", path: base + "/a%40example.com", wantStatus: 400, wantIn: "REGION:email"},
		{method: "DELETE", path: base + "/XX:a@example.com", wantStatus: 400, wantIn: "REGION:email"},
		{method: "GET", path: base + "/US%3Ab%40example.com", wantStatus: 404, wantBody: `{"error":"Unable to find configuration for account US:b@example.com"}`},
		{method: "DELETE", path: base + ca, wantStatus: 200, wantBody: `{"account":"CA:a@example.com","deleted":true,"remaining":1}`},
		{method: "DELETE", path: base + ca, wantStatus: 404, wantBody: `{"error":"Unable to find configuration for account CA:a@example.com"}`},
	})
	if got := s.CreditClaims(token, "US:a@example.com"); got != 1 {
		t.Errorf("credit claims %d, want 1: only the single-account GET claims", got)
	}
	s.SetAccountError(token, Dreamina, "US:a@example.com", "Session expired")
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantIn: expires + `,"error":"Session expired"}}`},
		{method: "GET", path: base + us, wantStatus: 596, wantBody: `{"error":"Session expired"}`},
		{method: "GET", path: base, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"Unauthorized"}`},
	})
	s.SetSubscriptionActive(token, false)
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 402, wantBody: `{"error":"Account has no subscription or subscription expired"}`},
	})
}

func TestMuse(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(Muse, "a@example.com", "right")
	const base = "/v1/muse/accounts"
	const check = "Meta asked for a security check: sign in to meta.ai in a browser once, then add the account again"
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantBody: `{}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":2}`, wantStatus: 400,
			wantBody: `{"error":"Parameter password is required to add an account","code":400}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"wrong"}`, wantStatus: 401,
			wantBody: `{"error":"Unable to sign in to Meta: wrong email or password","code":401}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","maxJobs":6}`, wantStatus: 400, wantIn: "valid range: 1…5"},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 201,
			wantBody: `{"email":"a@example.com","maxJobs":2,"added":"2025-01-01T12:13:14.000Z","updated":"2025-01-01T12:13:14.000Z",` +
				`"sessionExpiresAt":"2025-01-31T12:13:14.000Z","quota":{"tier":"HATCH_FREE","percentUsed":12.5,"resetsAt":"2025-01-02T00:00:00.000Z",` +
				`"quotaStatus":"SUFFICIENT","topupBalance":0,"readAt":"2025-01-01T12:13:14.000Z"},"health":"OK"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","maxJobs":4}`, wantStatus: 200, wantIn: `"maxJobs":4,`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":5}`, wantStatus: 200, wantIn: `"maxJobs":5,`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 200, wantIn: `"maxJobs":5,`},
		{method: "GET", path: base + "/a@example.com", wantStatus: 200, wantIn: `"health":"OK"}`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"a@example.com":{"email":"a@example.com","maxJobs":5,`},
		{method: "GET", path: base + "/x", wantStatus: 404, wantBody: `{"error":"Account x not found","code":404}`},
		{method: "DELETE", path: base + "/not-an-email", wantStatus: 400, wantIn: `"code":400`},
		{method: "DELETE", path: base + "/b@example.com", wantStatus: 404, wantBody: `{"error":"Account b@example.com not found","code":404}`},
	})

	s.RequireSecurityCheck("a@example.com", true)
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 596, wantBody: `{"error":"` + check + `","code":596}`},
		{method: "GET", path: base + "/a@example.com", wantStatus: 200, wantIn: `"health":"` + check + `"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":1}`, wantStatus: 200, wantIn: `"maxJobs":1,`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `"health":"` + check + `"}}`},
	})
	if got := s.Accounts(token, Muse); len(got) != 1 || got[0].Error != check || got[0].MaxJobs != 1 {
		t.Fatalf("a paused account: %+v", got)
	}
	s.RequireSecurityCheck("a@example.com", false)
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 200, wantIn: `"health":"OK"}`},
		{method: "DELETE", path: base + "/a@example.com", wantStatus: 204, wantBody: ""},
		{method: "GET", path: base, wantStatus: 200, wantBody: `{}`},
	})
}

// TestACEMusic: Muse's shape with ACE Music's words. A password-less POST changes only maxJobs, a paused
// account reads as stored with health "error" and the reason, and the 404 says "is not configured".
func TestACEMusic(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.AddUser(ACEMusic, "a@example.com", "right")
	const base = "/v1/acemusic/accounts"
	const paused = "ACE Music refused the stored email and password. Update the password with POST /accounts to resume using this account"
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantBody: `{}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":2}`, wantStatus: 400,
			wantBody: `{"error":"Parameter password is required to add an account","code":400}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"wrong"}`, wantStatus: 400,
			wantBody: `{"error":"Unable to sign in to ACE Music: wrong email or password","code":400}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right","maxJobs":5}`, wantStatus: 400, wantIn: "valid range: 1…4"},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 201,
			wantBody: `{"email":"a@example.com","user_id":"` + fmt.Sprint(1_200_000_000+fakeID("a@example.com", 100_000_000)) + `","plan":"free",` +
				`"maxJobs":4,"added":"2025-01-01T12:13:14.000Z","health":"OK"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":2}`, wantStatus: 200, wantIn: `"maxJobs":2,`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"a@example.com":{"email":"a@example.com","user_id":"`},
		{method: "GET", path: base + "/a@example.com", wantStatus: 200, wantIn: `"health":"OK","plan_name":"Free","cycle":"monthly","credits":16}`},
		{method: "GET", path: base + "/x@example.com", wantStatus: 404, wantBody: `{"error":"Account x@example.com is not configured","code":404}`},
		{method: "DELETE", path: base + "/b@example.com", wantStatus: 404, wantBody: `{"error":"Account b@example.com is not configured","code":404}`},
	})

	s.SetAccountError(token, ACEMusic, "a@example.com", paused)
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantIn: `"error":"` + paused + `","health":"error"}}`},
		{method: "GET", path: base + "/a@example.com", wantStatus: 200, wantIn: `"error":"` + paused + `","health":"error"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","maxJobs":3}`, wantStatus: 200, wantIn: `"health":"error"}`},
		{method: "POST", path: base, body: `{"email":"a@example.com","password":"right"}`, wantStatus: 200, wantIn: `"maxJobs":3,`, wantOut: paused},
		{method: "DELETE", path: base + "/a@example.com", wantStatus: 204, wantBody: ""},
		{method: "GET", path: base, wantStatus: 200, wantBody: `{}`},
	})
}

func TestEveryService(t *testing.T) {
	t.Parallel()
	for _, f := range fixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			t.Run("lifecycle and counters", func(t *testing.T) {
				t.Parallel()
				s, srv := newServer(t, Options{})
				run(t, srv.URL, []exchange{
					{method: "POST", path: f.postPath("a@example.com"), body: f.postBody("a@example.com", "p"), wantStatus: f.created},
					{method: "GET", path: f.accountPath("a@example.com"), wantStatus: 200},
					{method: "GET", path: Calls(f.svc).List[len("GET "):], wantStatus: 200, wantIn: `"a@example.com"`},
					{method: "DELETE", path: f.accountPath("a@example.com"), wantStatus: f.deleted},
					{method: "GET", path: f.accountPath("a@example.com"), wantStatus: 404},
				})
				keys := Calls(f.svc)
				want := map[string]int{keys.Post: 1, keys.Get: 2, keys.List: 1, keys.Delete: 1}
				if got := s.CallCounts(); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("counters %v, want %v", got, want)
				}
			})
			t.Run("credentials", func(t *testing.T) {
				t.Parallel()
				s, srv := newServer(t, Options{RequireKnownUsers: true})
				s.AddUser(f.svc, "known@example.com", "right")
				run(t, srv.URL, []exchange{
					{method: "POST", path: f.postPath("stranger@example.com"), body: f.postBody("stranger@example.com", "p"), wantStatus: f.badLogin},
					{method: "POST", path: f.postPath("known@example.com"), body: f.postBody("known@example.com", "wrong"), wantStatus: f.badLogin},
					{method: "POST", path: f.postPath("known@example.com"), body: f.postBody("known@example.com", "right"), wantStatus: f.created},
				})
				s.SuspendUser(f.svc, "known@example.com")
				run(t, srv.URL, []exchange{
					{method: "POST", path: f.postPath("known@example.com"), body: f.postBody("known@example.com", "right"), wantStatus: map[bool]int{true: 401, false: f.badLogin}[f.svc == Runway]},
				})
				if got := s.Accounts(token, f.svc); len(got) != 1 || got[0].Password != "right" || got[0].ID != f.id("known@example.com") {
					t.Fatalf("accounts %+v", got)
				}
			})
			t.Run("error state heals with a POST", func(t *testing.T) {
				t.Parallel()
				s, srv := newServer(t, Options{})
				s.PutAccount(token, f.svc, Account{Email: "a@example.com", Password: "p", Error: "Session expired"})
				brokenRead := 596
				if f.svc == Muse || f.svc == ACEMusic {
					brokenRead = 200 // Muse and ACE Music answer a paused account as stored, its health saying so
				}
				run(t, srv.URL, []exchange{
					{method: "GET", path: Calls(f.svc).List[len("GET "):], wantStatus: 200, wantIn: `"Session expired"`},
					{method: "GET", path: f.accountPath("a@example.com"), wantStatus: brokenRead, wantIn: `"Session expired"`},
					{method: "POST", path: f.postPath("a@example.com"), body: f.postBody("a@example.com", "p"), wantStatus: f.updated,
						wantOut: "Session expired"},
				})
				if got := s.Accounts(token, f.svc); len(got) != 1 || got[0].Error != "" {
					t.Fatalf("accounts %+v", got)
				}
				s.SetAccountError(token, f.svc, f.id("a@example.com"), "Broken")
				if got := s.Accounts(token, f.svc); got[0].Error != "Broken" {
					t.Fatalf("accounts %+v", got)
				}
				s.RemoveAccount(token, f.svc, f.id("a@example.com"))
				if got := s.Accounts(token, f.svc); len(got) != 0 {
					t.Fatalf("accounts %+v after RemoveAccount", got)
				}
			})
			t.Run("account cap", func(t *testing.T) {
				t.Parallel()
				s, srv := newServer(t, Options{MaxAccounts: 1})
				s.PutAccount(token, f.svc, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
				title := lookup(f.svc).title
				run(t, srv.URL, []exchange{
					{method: "POST", path: f.postPath("b@example.com"), body: f.postBody("b@example.com", "p"), wantStatus: 402,
						wantIn: `"error":"Your subscription allows up to 1 ` + title + ` accounts"`},
					{method: "POST", path: f.postPath("a@example.com"), body: f.postBody("a@example.com", "p"), wantStatus: f.updated},
				})
			})
			t.Run("authorization", func(t *testing.T) {
				t.Parallel()
				s, srv := newServer(t, Options{})
				list := Calls(f.svc).List[len("GET "):]
				run(t, srv.URL, []exchange{
					{method: "GET", path: list, auth: "Bearer nope", wantStatus: 401, wantIn: `{"error":"Unauthorized"`},
					{method: "GET", path: list, auth: token, wantStatus: 401},
					{method: "POST", path: f.postPath("a@example.com"), body: f.postBody("a@example.com", "p"), auth: "Bearer nope", wantStatus: 401},
				})
				s.SetSubscriptionActive(token, false)
				run(t, srv.URL, []exchange{
					{method: "GET", path: list, wantStatus: 402, wantIn: `ubscription`},
					{method: "POST", path: f.postPath("a@example.com"), body: f.postBody("a@example.com", "p"), wantStatus: 402},
				})
				if got := s.Accounts(token, f.svc); len(got) != 0 {
					t.Fatalf("a refused POST added %+v", got)
				}
			})
		})
	}
}

func TestCallKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		svc  Service
		want CallKeys
	}{
		{Kling, CallKeys{"POST /v1/kling/accounts", "GET /v1/kling/accounts", "GET /v1/kling/accounts/{email}", "DELETE /v1/kling/accounts/{email}"}},
		{Runway, CallKeys{"POST /v1/runwayml/accounts/{email}", "GET /v1/runwayml/accounts", "GET /v1/runwayml/accounts/{email}", "DELETE /v1/runwayml/accounts/{email}"}},
		{PixVerse, CallKeys{"POST /v2/pixverse/accounts/{email}", "GET /v2/pixverse/accounts", "GET /v2/pixverse/accounts/{email}", "DELETE /v2/pixverse/accounts/{email}"}},
		{Dreamina, CallKeys{"POST /v1/dreamina/accounts", "GET /v1/dreamina/accounts", "GET /v1/dreamina/accounts/{account}", "DELETE /v1/dreamina/accounts/{account}"}},
		{Muse, CallKeys{"POST /v1/muse/accounts", "GET /v1/muse/accounts", "GET /v1/muse/accounts/{email}", "DELETE /v1/muse/accounts/{email}"}},
		{ACEMusic, CallKeys{"POST /v1/acemusic/accounts", "GET /v1/acemusic/accounts", "GET /v1/acemusic/accounts/{email}", "DELETE /v1/acemusic/accounts/{email}"}},
		{FlowMusic, CallKeys{"POST /v1/flowmusic/accounts", "GET /v1/flowmusic/accounts", "GET /v1/flowmusic/accounts/{email}", "DELETE /v1/flowmusic/accounts/{email}"}},
		{MiniMax, CallKeys{"POST /v1/minimax/accounts", "GET /v1/minimax/accounts", "GET /v1/minimax/accounts/{account}", "DELETE /v1/minimax/accounts/{account}"}},
		{GoogleFlow, CallKeys{"POST /v1/google-flow/accounts", "GET /v1/google-flow/accounts", "GET /v1/google-flow/accounts/{email}", "DELETE /v1/google-flow/accounts/{email}"}},
		{GeminiNotebook, CallKeys{"POST /v1/gemini-notebook/accounts", "GET /v1/gemini-notebook/accounts", "GET /v1/gemini-notebook/accounts/{email}", "DELETE /v1/gemini-notebook/accounts/{email}"}},
		{GoogleVids, CallKeys{"POST /v1/google-vids/accounts", "GET /v1/google-vids/accounts", "GET /v1/google-vids/accounts/{email}", "DELETE /v1/google-vids/accounts/{email}"}},
		{Mureka, CallKeys{"POST /v1/mureka/accounts", "GET /v1/mureka/accounts", "GET /v1/mureka/accounts/{account}", "DELETE /v1/mureka/accounts/{account}"}},
		{"suno", CallKeys{}}, // not emulated
	}
	for _, tt := range tests {
		if got := Calls(tt.svc); got != tt.want {
			t.Errorf("Calls(%s) = %+v, want %+v", tt.svc, got, tt.want)
		}
	}
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.PutAccount(token, Kling, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	// A wrong base URL meets the router's own 404, which a client must not take for the service's.
	run(t, srv.URL, []exchange{
		{method: "GET", path: "/api/v1/kling/accounts/a@example.com", wantStatus: 404, wantBody: "404 page not found\n"},
		{method: "DELETE", path: "/v1/klingai/accounts/a@example.com", wantStatus: 404, wantBody: "404 page not found\n"},
		{method: "GET", path: "/v3/account", wantStatus: 404, wantBody: "404 page not found\n"},
	})
	if got := s.Calls("GET", "(no such route)"); got != 2 {
		t.Errorf("unrouted GETs counted %d, want 2", got)
	}
}

func TestSubscription(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.SetSubscription(token, Subscription{Email: "you@example.com", Name: "Your Name", Subscriptions: 2, MaxAccountsPerAPI: 6, Renewed: "250405"})
	s.PutAccount(token, Kling, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	s.PutAccount(token, Kling, Account{Email: "b@example.com", Password: "p", MaxJobs: 1, Error: "Session expired"})
	s.PutAccount(token, Dreamina, Account{Email: "a@example.com", Region: "CA", Password: "p"})
	s.PutAccount(token, Muse, Account{Email: "a@example.com", Password: "p"})
	s.SetAccountError(token, Muse, "a@example.com", "Paused")
	id := hash(token) % 100_000
	want := fmt.Sprintf(`{"id":%d,"email":"you@example.com","created":"2024-01-02T12:13:14.000Z","name":"Your Name",`+
		`"subscriptionIsActive":%%t,"subscriptions":2,"maxAccountsPerAPI":6,`+
		`"accounts":{"Dreamina API":{"total":1,"active":1,"error":0},"Kling API":{"total":2,"active":1,"error":1},"Muse API":{"total":1,"active":0,"error":1}},`+
		`"verified":"2024-01-02T12:13:39.000Z","sub":"250405"}`, id)
	run(t, srv.URL, []exchange{
		{method: "GET", path: "/v2/account", wantStatus: 200, wantType: "application/json", wantBody: fmt.Sprintf(want, true)},
		{method: "GET", path: "/v2/account", auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"Unauthorized","code":401}`},
	})
	s.SetSubscriptionActive(token, false)
	run(t, srv.URL, []exchange{{method: "GET", path: "/v2/account", wantStatus: 200, wantBody: fmt.Sprintf(want, false)}})
	if got := s.CallCounts()[CallSubscription]; got != 3 {
		t.Errorf("subscription calls %d, want 3", got)
	}

	// A fresh token reports plausible defaults and no services.
	_, srv2 := newServer(t, Options{Now: clock})
	run(t, srv2.URL, []exchange{{method: "GET", path: "/v2/account", wantStatus: 200,
		wantIn: `"subscriptionIsActive":true,"subscriptions":1,"maxAccountsPerAPI":3,"accounts":{},"verified":"2024-01-02T12:13:39.000Z","sub":"250101"}`}})
}

// postMultipart POSTs fields as multipart/form-data with the test token and returns the status.
func postMultipart(t *testing.T, url string, fields map[string]string) int {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", url, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestMultipartPost(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	post := func(path string, fields map[string]string) int { return postMultipart(t, srv.URL+path, fields) }
	if status := post("/v1/kling/accounts", map[string]string{"email": "m@example.com", "password": "p", "maxJobs": "7"}); status != 201 {
		t.Fatalf("Kling: status %d", status)
	}
	if got := s.Accounts(token, Kling); len(got) != 1 || got[0].MaxJobs != 7 {
		t.Fatalf("Kling accounts %+v", got)
	}
	if status := post("/v1/dreamina/accounts", map[string]string{"email": "m@example.com", "password": "p", "region": "CA"}); status != 200 {
		t.Fatalf("Dreamina: status %d", status)
	}
	if got := s.Accounts(token, Dreamina); len(got) != 1 || got[0].ID != "CA:m@example.com" || got[0].Region != "CA" || got[0].MaxJobs != 10 {
		t.Fatalf("Dreamina accounts %+v", got)
	}
}

func TestSessionTokensDifferPerLogin(t *testing.T) {
	t.Parallel()
	_, srv := newServer(t, Options{Now: clock})
	token := func() string {
		req, _ := http.NewRequest("POST", srv.URL+"/v1/runwayml/accounts/a@example.com", strings.NewReader(emailBody("a@example.com", "p")))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		var out struct{ JWT struct{ Token string } }
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return out.JWT.Token
	}
	first, second := token(), token()
	if !strings.HasPrefix(first, "eyJ") || len(first) < 40 || first == second {
		t.Fatalf("session tokens %q and %q: want secret-looking and new per login", first, second)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	list := Calls(Kling).List[len("GET "):]
	s.FailNext(1, Fault{Kind: TooManyRequests, RetryAfter: "2"})
	s.FailNext(1, Fault{Kind: UnavailableHTML})
	s.FailNext(1, Fault{Kind: AccountError})
	run(t, srv.URL, []exchange{
		{method: "GET", path: list, wantStatus: 429, wantIn: "Too many requests"},
		{method: "GET", path: list, wantStatus: 503, wantType: "text/html", wantIn: "<html>"},
		{method: "GET", path: list, wantStatus: 596},
		{method: "GET", path: list, wantStatus: 404},
	})

	req, _ := http.NewRequest("POST", srv.URL+"/v1/muse/accounts", strings.NewReader(`{"email":"l@example.com","password":"p"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	s.FailNext(1, Fault{Kind: LoseAnswer})
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Fatal("a lost answer reached the client")
	}
	if got := s.Accounts(token, Muse); len(got) != 1 || got[0].Email != "l@example.com" {
		t.Fatalf("the POST whose answer was lost was not applied: %+v", got)
	}
	if got := s.Calls("POST", "/v1/muse/accounts"); got != 1 {
		t.Fatalf("POST counter %d, want 1", got)
	}

	// A bare answer applies the request, and its status says so, but its body names no account.
	s.FailNext(1, Fault{Kind: BareAnswer})
	run(t, srv.URL, []exchange{{method: "POST", path: "/v1/muse/accounts", body: `{"email":"bare@example.com","password":"p"}`,
		wantStatus: 201, wantBody: "{}"}})
	if got := s.Accounts(token, Muse); len(got) != 2 {
		t.Fatalf("the POST with a bare answer was not applied: %+v", got)
	}
}

func TestFaultsForOneMethod(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.PutAccount(token, Runway, Account{Email: "a@example.com", Password: "p", MaxJobs: 1})
	s.FailNext(1, Fault{Kind: InternalError, Method: "DELETE"})
	run(t, srv.URL, []exchange{
		{method: "GET", path: "/v1/runwayml/accounts", wantStatus: 200},
		{method: "DELETE", path: "/v1/runwayml/accounts/a@example.com", wantStatus: 500},
		{method: "DELETE", path: "/v1/runwayml/accounts/a@example.com", wantStatus: 204},
	})
}

func TestLatencyAppliesFirst(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.SetLatency(time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/v1/dreamina/accounts",
		strings.NewReader(`{"email":"a@example.com","password":"p","region":"US"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_ = resp.Body.Close()
		t.Fatal("answered before the latency passed")
	}
	if got := s.Accounts(token, Dreamina); len(got) != 1 {
		t.Fatalf("the POST the client gave up on was not applied: %+v", got)
	}
}

func TestHangEndsWithTheClient(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.FailNext(1, Fault{Kind: Hang})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/v1/kling/accounts", nil)
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
			_, ok := s.nextFault("GET", "")
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
	s.SetLatency(50 * time.Millisecond) // long enough that clients started together overlap
	var wg sync.WaitGroup
	for i := range 10 * len(fixtures) { // ten clients of every service, all started together
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := fixtures[i%len(fixtures)]
			email := fmt.Sprintf("u%d@example.com", i)
			for {
				req, _ := http.NewRequest("POST", srv.URL+f.postPath(email), strings.NewReader(f.postBody(email, "p")))
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				_ = resp.Body.Close()
				if resp.StatusCode == f.created {
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range fixtures { // the services of the second shape: TestConcurrentCredentialClients
		if got := len(s.Accounts(token, f.svc)); got != 10 {
			t.Errorf("%s: %d accounts, want 10", f.svc, got)
		}
	}
	if s.PeakConcurrency() < 2 {
		t.Fatalf("peak concurrency %d: requests were not served concurrently", s.PeakConcurrency())
	}
}
