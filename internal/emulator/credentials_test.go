package emulator

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// credFixture is how the tests that apply to every service of the second shape reach one of them.
type credFixture struct {
	svc      Service
	identity func(n int) string                        // the identity of the n-th upstream account
	body     func(s *Server, credential string) string // a POST body adding the account of credential
	// answered is the identity a POST's answer names.
	answered func(t *testing.T, body string) string
	forged   string // a well-formed credential no site issued
	badForm  string // a malformed credential, and a part of its refusal
	badText  string
	created  int // the status of a POST that adds an account
	updated  int // the status of a POST that changes one
	deleted  int // the status of a DELETE
	broken   int // the status of GET of an account in error
}

// forgedURL is a plausible MiniMax url no site issued with a token.
const forgedURL = "https://hailuoai.video/v1/api/multimodal/video/cursor?device_id=1&device_platform=web"

// googleTable is a DevTools cookie table of the named cookies, with a header row and Windows line ends.
func googleTable(names ...string) string {
	rows := []string{"Name\tValue\tDomain\tPath\tExpires / Max-Age\tSize\tHttpOnly\tSecure\tSameSite"}
	for _, n := range names {
		rows = append(rows, n+"\tv-"+n+"-0123456789\t.google.com\t/\t2027-01-01T00:00:00.000Z\t40\t✓\t✓\t")
	}
	return strings.Join(rows, "\r\n")
}

// field decodes body and follows path through its objects, answering the string (or number) it finds.
func field(t *testing.T, body string, path ...string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return ""
		}
		v = m[p]
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	}
	data, _ := json.Marshal(v)
	return string(data)
}

// keys is the sorted keys of the object at path in body.
func keys(t *testing.T, body string, path ...string) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(field(t, body, path...)), &m); len(path) > 0 && err != nil {
		t.Fatalf("%v in %s: %v", path, body, err)
	}
	if len(path) == 0 {
		_ = json.Unmarshal([]byte(body), &m)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sorted(s ...string) []string { slices.Sort(s); return s }

var credFixtures = []credFixture{
	{
		svc:      FlowMusic,
		identity: func(n int) string { return fmt.Sprintf("flow%d@example.com", n) },
		body:     func(_ *Server, c string) string { return fmt.Sprintf(`{"refresh_token":%q}`, c) },
		answered: func(t *testing.T, b string) string { return field(t, b, "email") },
		forged:   "bdykxtrr5eafneverissued",
		badForm:  "short", badText: "at least 10 characters",
		created: 201, updated: 200, deleted: 204, broken: 200,
	},
	{
		svc:      MiniMax,
		identity: func(n int) string { return strconv.Itoa(100200 + n) },
		body: func(s *Server, c string) string {
			return fmt.Sprintf(`{"url":%q,"token":%q,"maxJobs":2}`, cmp.Or(s.CredentialURL(MiniMax, c), forgedURL), c)
		},
		answered: func(t *testing.T, b string) string { return field(t, b, "account") },
		forged:   "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjp7ImlkIjoiMSJ9fQ.c2lnbmF0dXJl",
		badForm:  "not-a-jwt", badText: "JWT",
		created: 201, updated: 201, deleted: 204, broken: 596,
	},
	{
		svc:      GoogleFlow,
		identity: func(n int) string { return fmt.Sprintf("flow.user%d@gmail.com", n) },
		body:     func(_ *Server, c string) string { return fmt.Sprintf(`{"cookies":%q}`, c) },
		answered: func(t *testing.T, b string) string { return field(t, b, "sessionData", "user", "email") },
		forged:   googleTable("SID", "HSID", "__Secure-1PSID", "__Secure-3PSID"),
		badForm:  googleTable("NID", "HSID"), badText: "must hold the Google session cookies",
		created: 201, updated: 200, deleted: 200, broken: 200,
	},
	{
		svc:      GeminiNotebook,
		identity: func(n int) string { return fmt.Sprintf("notebook.user%d@gmail.com", n) },
		body:     func(_ *Server, c string) string { return fmt.Sprintf(`{"cookies":%q}`, c) },
		answered: func(t *testing.T, b string) string { return field(t, b, "email") },
		forged:   googleTable("SID", "HSID", "SSID", "OSID", "LSID"),
		badForm:  googleTable("SID", "HSID"), badText: "must hold the Google cookies SID, HSID, SSID and OSID",
		created: 201, updated: 200, deleted: 204, broken: 200,
	},
	{
		svc:      GoogleVids,
		identity: func(n int) string { return fmt.Sprintf("vids.user%d@gmail.com", n) },
		body:     func(_ *Server, c string) string { return fmt.Sprintf(`{"cookies":%q,"maxJobs":2}`, c) },
		answered: func(t *testing.T, b string) string { return field(t, b, "email") },
		forged:   "SID=g.a000forged0123456789; __Secure-1PSIDTS=sidts-forged0123456789; HSID=AEFforged", // a Cookie header
		badForm:  googleTable("SID", "HSID", "__Secure-1PSID"), badText: "must hold the Google cookies SID and __Secure-1PSIDTS",
		created: 201, updated: 200, deleted: 204, broken: 200,
	},
	{
		svc:      Mureka,
		identity: func(n int) string { return strconv.Itoa(300400500 + n) },
		body: func(s *Server, c string) string {
			return fmt.Sprintf(`{"token":%q,"refresh_token":%q}`, c, s.CredentialRefreshToken(Mureka, c))
		},
		answered: func(t *testing.T, b string) string { return field(t, b, "account") },
		forged:   "eyJhbGciOiJIUzI1NiJ9.eyJ1aWQiOiIxIn0.c2lnbmF0dXJl",
		badForm:  "not-a-jwt", badText: "mureka.ai token",
		created: 201, updated: 201, deleted: 204, broken: 200,
	},
}

func (f credFixture) base() string          { return Calls(f.svc).List[len("GET "):] }
func (f credFixture) path(id string) string { return f.base() + "/" + url.PathEscape(id) }

// do sends one request with the test token and answers what came back.
func do(t *testing.T, base, method, path, body string) answer {
	t.Helper()
	a, err := send(context.Background(), http.DefaultClient, method, base+path, body, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// accountOf is the account of id a token holds of svc.
func accountOf(t *testing.T, s *Server, svc Service, id string) Account {
	t.Helper()
	for _, a := range s.Accounts(token, svc) {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("%s holds no account %s: %+v", svc, id, s.Accounts(token, svc))
	return Account{}
}

// TestCredentialNamesTheAccount: the POST names no account; the credential does, and a credential of
// another account adds that one. A credential no site issued is refused, and so is a malformed one.
func TestCredentialNamesTheAccount(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			one, two := f.identity(1), f.identity(2)
			c1, c2, again := s.IssueCredential(f.svc, one), s.IssueCredential(f.svc, two), s.IssueCredential(f.svc, one)
			if c1 == "" || c1 == c2 || c1 == again {
				t.Fatalf("credentials %q, %q, %q: want each one new", c1, c2, again)
			}
			for i, c := range []string{c1, c2} {
				a := do(t, srv.URL, "POST", f.base(), f.body(s, c))
				if want := f.identity(i + 1); a.status != f.created || f.answered(t, a.body) != want {
					t.Fatalf("POST of %s's credential: %d %s, want %d naming it", want, a.status, a.body, f.created)
				}
			}
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, again)); a.status != f.updated || f.answered(t, a.body) != one {
				t.Fatalf("POST of another credential of %s: %d %s, want %d", one, a.status, a.body, f.updated)
			}
			got := s.Accounts(token, f.svc)
			if len(got) != 2 || got[0].ID != one || got[1].ID != two || got[0].Credential != again || got[1].Credential != c2 ||
				got[0].CredentialPosts != 2 || got[1].CredentialPosts != 1 || got[0].Password != "" {
				t.Fatalf("accounts %+v", got)
			}
			switch {
			case f.svc == MiniMax && (got[0].Email != "" || got[0].Extra != s.CredentialURL(MiniMax, again)),
				f.svc == Mureka && (got[0].Email != "" || got[0].Extra != s.CredentialRefreshToken(Mureka, again) || got[0].AuthMode != "token"),
				f.svc != MiniMax && f.svc != Mureka && (got[0].Email != one || got[0].AuthMode != ""):
				t.Fatalf("account %+v: email, url, refresh token or auth mode", got[0])
			}
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, f.forged)); a.status != 400 {
				t.Fatalf("a credential never issued: %d %s, want 400", a.status, a.body)
			}
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, f.badForm)); a.status != 400 || !strings.Contains(a.body, f.badText) {
				t.Fatalf("a malformed credential: %d %s, want 400 with %q", a.status, a.body, f.badText)
			}
			if got := s.Accounts(token, f.svc); len(got) != 2 || got[0].CredentialPosts != 2 {
				t.Fatalf("refused credentials changed the accounts: %+v", got)
			}
			if s.IssueCredential(Kling, "a@example.com") != "" || s.CredentialURL(FlowMusic, c1) != "" ||
				s.CredentialURL(Mureka, c1) != "" || s.CredentialRefreshToken(MiniMax, c1) != "" {
				t.Fatal("a password service issued a credential, or a service an extra it does not take")
			}
		})
	}
}

func TestFlowMusic(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	const base, email = "/v1/flowmusic/accounts", "fm@example.com"
	c := s.IssueCredential(FlowMusic, email)
	tokenBody := func(extra string) string { return `{"refresh_token":"` + c + `"` + extra + `}` }
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`},
		{method: "POST", path: base, body: `{}`, wantStatus: 400, wantBody: `{"error":"Parameter refresh_token is required","code":400}`},
		{method: "POST", path: base, body: `{"maxJobs":2}`, wantStatus: 400, wantIn: "refresh_token is required"},
		{method: "POST", path: base, body: `{"refresh_token":"123456789"}`, wantStatus: 400,
			wantBody: `{"error":"Parameter refresh_token must be at least 10 characters","code":400}`},
		{method: "POST", path: base, body: `{"refresh_token":"0123456789"}`, wantStatus: 400,
			wantBody: `{"error":"Unable to refresh the Flow Music session: the refresh token is invalid or expired","code":400}`},
		{method: "POST", path: base, body: `{"refresh_token":7}`, wantStatus: 400, wantIn: "refresh_token must be a string"},
		{method: "POST", path: base, body: tokenBody(`,"maxJobs":17`), wantStatus: 400, wantIn: "valid range: 1…16"},
		{method: "POST", path: base, body: `{"email":"nobody@example.com","maxJobs":3}`, wantStatus: 404,
			wantBody: `{"error":"Account nobody@example.com not configured","code":404}`},
	})
	a := do(t, srv.URL, "POST", base, tokenBody(""))
	if a.status != 201 {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	if got, want := keys(t, a.body), sorted("email", "tier", "subscription_plan", "provider", "user_id", "maxJobs", "added",
		"refreshed_at", "refreshed_count", "access_token", "access_token_expires_at", "refresh_token", "session_id"); !slices.Equal(got, want) {
		t.Fatalf("the record's fields %v, want %v", got, want)
	}
	for k, want := range map[string]string{"email": email, "tier": "plus", "maxJobs": "4", "added": "2025-01-01T12:13:14.000Z",
		"refreshed_at": "2025-01-01T12:13:14.000Z", "refreshed_count": "0", "access_token_expires_at": "2025-01-01T13:13:14.000Z",
		"refresh_token": c[:3] + "…redacted…" + c[len(c)-3:]} {
		if got := field(t, a.body, k); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	if at := field(t, a.body, "access_token"); !strings.HasPrefix(at, "eyJ…redacted…") || strings.Contains(a.body, c) {
		t.Errorf("access_token %q: want it redacted, and the token nowhere: %s", at, a.body)
	}
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: tokenBody(`,"maxJobs":12`), wantStatus: 200, wantIn: `"maxJobs":12,`},
		{method: "POST", path: base, body: `{"email":"` + email + `","maxJobs":3}`, wantStatus: 200, wantIn: `"maxJobs":3,`},
		{method: "POST", path: base, body: `{"email":"` + email + `"}`, wantStatus: 400, wantIn: "Parameter maxJobs is required"},
		{method: "POST", path: base, body: `{"email":"` + email + `","maxJobs":0}`, wantStatus: 400, wantIn: "valid range: 1…16"},
		{method: "POST", path: base, body: tokenBody(`,"email":"` + email + `","maxJobs":3`), wantStatus: 400,
			wantBody: `{"error":"Send either refresh_token to add or refresh an account, or email and maxJobs alone to change maxJobs","code":400}`},
		{method: "GET", path: base + "/fm%40example.com", wantStatus: 200, wantIn: `,"credits_remaining":5000,"tokens_remaining":60000}`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"fm@example.com":{"email":"fm@example.com","tier":"plus",`, wantOut: "credits_remaining"},
		{method: "GET", path: base + "/x@example.com", wantStatus: 404, wantBody: `{"error":"Account x@example.com not configured","code":404}`},
	})
	if got := accountOf(t, s, FlowMusic, email); got.MaxJobs != 3 || got.CredentialPosts != 2 || got.Credential != c {
		t.Fatalf("an email-only update sent a token or missed maxJobs: %+v", got)
	}

	// The pages take multipart/form-data too.
	status := postMultipart(t, srv.URL+base, map[string]string{"refresh_token": s.IssueCredential(FlowMusic, "multi@example.com"), "maxJobs": "16"})
	if got := accountOf(t, s, FlowMusic, "multi@example.com"); status != 201 || got.MaxJobs != 16 {
		t.Fatalf("multipart: %d, %+v", status, got)
	}
	run(t, srv.URL, []exchange{
		{method: "DELETE", path: base + "/" + email, wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: base + "/" + email, wantStatus: 404, wantIn: "not configured"},
	})
}

func TestMiniMax(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	const base, id = "/v1/minimax/accounts", "123456"
	const notFound = "Configuration not found. To create configuration use POST /accounts/account."
	c, other := s.IssueCredential(MiniMax, id), s.IssueCredential(MiniMax, "78910")
	u := s.CredentialURL(MiniMax, c)
	if !strings.HasPrefix(c, "eyJ") || strings.Count(c, ".") != 2 || !strings.Contains(u, "device_id=") || u == s.CredentialURL(MiniMax, other) {
		t.Fatalf("token %q and url %q: want a JWT and a url of its own device", c, u)
	}
	body := func(token, url, maxJobs string) string {
		return fmt.Sprintf(`{"url":%q,"token":%q%s}`, url, token, maxJobs)
	}
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "POST", path: base, body: body(c, u, ""), wantStatus: 400, wantBody: `{"error":"Parameter maxJobs is required","code":400}`},
		{method: "POST", path: base, body: `{"token":"` + c + `","maxJobs":1}`, wantStatus: 400, wantBody: `{"error":"Parameter url is required","code":400}`},
		{method: "POST", path: base, body: `{"url":"` + u + `","maxJobs":1}`, wantStatus: 400, wantBody: `{"error":"Parameter token is required","code":400}`},
		{method: "POST", path: base, body: `{"maxJobs":2}`, wantStatus: 400, wantIn: "Parameter token is required"}, // no credential-less update
		{method: "POST", path: base, body: body("abc", u, `,"maxJobs":1`), wantStatus: 400, wantIn: "JWT"},
		{method: "POST", path: base, body: body(c, u, `,"maxJobs":11`), wantStatus: 400, wantIn: "valid range: 1…10"},
		{method: "POST", path: base, body: body(c, s.CredentialURL(MiniMax, other), `,"maxJobs":1`), wantStatus: 400,
			wantBody: `{"error":"Parameter url does not belong to the session of the token","code":400}`},
		{method: "POST", path: base, body: body("eyJa.eyJi.c2ln", u, `,"maxJobs":1`), wantStatus: 400,
			wantBody: `{"error":"Unable to verify the token with MiniMax: sign in to hailuoai.video again and copy a fresh token","code":400}`},
	})
	a := do(t, srv.URL, "POST", base, body(c, u, `,"maxJobs":1`))
	if a.status != 201 {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	if got := keys(t, a.body); !slices.Equal(got, sorted("account", "jwt", "maxJobs")) {
		t.Errorf("fields %v", got)
	}
	if got := keys(t, a.body, "jwt"); !slices.Equal(got, sorted("token", "user", "exp", "iat", "iat_Issued", "exp_Expire", "host", "searchParams")) {
		t.Errorf("jwt's fields %v", got)
	}
	if got := keys(t, a.body, "jwt", "user"); !slices.Equal(got, sorted("id", "name", "deviceID", "isAnonymous", "avatar")) {
		t.Errorf("user's fields %v", got)
	}
	parsed, _ := url.Parse(u)
	for k, want := range map[string]string{"account": id, "maxJobs": "1"} {
		if got := field(t, a.body, k); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	jwt := func(k ...string) string { return field(t, a.body, append([]string{"jwt"}, k...)...) }
	if jwt("token") != c[:3]+"…secured…"+c[len(c)-3:] || jwt("user", "id") != id || jwt("user", "deviceID") != parsed.Query().Get("device_id") ||
		jwt("host") != "hailuoai.video" || jwt("searchParams") != parsed.RawQuery || jwt("iat") != "1735733594" || jwt("exp") != "1738325594" ||
		jwt("iat_Issued") != "2025-01-01T12:13:14.000Z" || jwt("exp_Expire") != "2025-01-31T12:13:14.000Z" || strings.Contains(a.body, c) {
		t.Errorf("answer %s", a.body)
	}
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: body(c, u, `,"maxJobs":5,"email":"x@example.com"`), wantStatus: 201, wantIn: `"maxJobs":5`},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"123456":{"account":"123456","jwt":{"token":"eyJ…secured…`},
		{method: "GET", path: base + "/" + id, wantStatus: 200, wantIn: `"account":"123456"`},
		{method: "GET", path: base + "/78910", wantStatus: 404, wantType: "text/plain", wantBody: notFound},
	})
	if got := accountOf(t, s, MiniMax, id); got.Email != "" || got.MaxJobs != 5 || got.Extra != u || got.Credential != c {
		t.Fatalf("account %+v: an email in the body named it, or maxJobs, token or url is not the one posted", got)
	}
	run(t, srv.URL, []exchange{
		{method: "DELETE", path: base + "/" + id, wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: base + "/" + id, wantStatus: 404, wantType: "text/plain", wantBody: notFound},
		{method: "GET", path: base, wantStatus: 404, wantType: "text/plain", wantBody: notFound},
	})
	// The empty list's other plausible form.
	s.SetEmptyListObject(MiniMax, true)
	run(t, srv.URL, []exchange{{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`}})
	s.SetEmptyListObject(MiniMax, false)
	run(t, srv.URL, []exchange{{method: "GET", path: base, wantStatus: 404, wantBody: notFound}})
}

func TestGoogleFlow(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	const base, email = "/v1/google-flow/accounts", "jo.doe@gmail.com"
	c := s.IssueCredential(GoogleFlow, email)
	for _, name := range []string{"SID", "__Secure-1PSID", "__Secure-3PSID"} {
		if !strings.Contains(c, name+"\t") {
			t.Fatalf("cookie table without %s:\n%s", name, c)
		}
	}
	cookies := func(table string) string { return fmt.Sprintf(`{"cookies":%q}`, table) }
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`},
		{method: "GET", path: base, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"Unauthorized"}`},
		{method: "POST", path: base, body: `{}`, wantStatus: 400, wantBody: `{"error":"Parameter cookies is required"}`},
		{method: "POST", path: base, body: cookies(googleTable("HSID", "SID", "__Secure-3PSID")), wantStatus: 400,
			wantIn: `{"error":"Parameter cookies must hold the Google session cookies SID, __Secure-1PSID and __Secure-3PSID`},
		{method: "POST", path: base, body: cookies(googleTable("SID", "__Secure-1PSID", "__Secure-3PSID")), wantStatus: 400,
			wantBody: `{"error":"Cookies do not hold a signed-in Google session"}`},
	})
	// As pasted from DevTools: a header row, Windows line ends.
	pasted := "Name\tValue\tDomain\tPath\tExpires / Max-Age\r\n" + strings.ReplaceAll(c, "\n", "\r\n")
	a := do(t, srv.URL, "POST", base, cookies(pasted))
	if a.status != 201 {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	if got := keys(t, a.body); !slices.Equal(got, sorted("accountCookies", "sessionCookies", "sessionData", "created", "project", "nextRefresh")) {
		t.Errorf("fields %v", got)
	}
	if got := keys(t, a.body, "sessionData"); !slices.Equal(got, sorted("user", "expires", "access_token")) {
		t.Errorf("sessionData's fields %v", got)
	}
	var answer struct {
		AccountCookies, SessionCookies []struct{ Name, Value string }
		SessionData                    struct {
			AccessToken string `json:"access_token"`
		}
	}
	_ = json.Unmarshal([]byte(a.body), &answer)
	if len(answer.AccountCookies) != len(googleAccountCookies) || len(answer.SessionCookies) == 0 || !strings.HasSuffix(answer.SessionData.AccessToken, "(redacted)") {
		t.Fatalf("answer %s", a.body)
	}
	for _, ck := range append(answer.AccountCookies, answer.SessionCookies...) {
		if !strings.HasSuffix(ck.Value, "...(redacted)") || len(ck.Value) > len("...(redacted)")+3 {
			t.Errorf("cookie %s's value %q: want it redacted", ck.Name, ck.Value)
		}
	}
	for k, want := range map[string]string{"created": "2025-01-01T12:13:14.000Z", "sessionData.expires": "2025-01-02T12:13:14.000Z",
		"nextRefresh.scheduledFor": "2025-01-02T11:13:14.000Z", "sessionData.user.email": email, "project.projectTitle": "Jan 01 - 12:13"} {
		if got := field(t, a.body, strings.Split(k, ".")...); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	if field(t, a.body, "nextRefresh", "messageId") == "" || field(t, a.body, "project", "projectId") == "" {
		t.Errorf("answer %s: want a project and a message id", a.body)
	}
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: `{"cookies":` + strconv.Quote(c) + `,"maxJobs":99}`, wantStatus: 200, wantOut: "maxJobs"}, // no maxJobs: ignored
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"jo.doe@gmail.com":{"email":"jo.doe@gmail.com","created":"2025-01-01T12:13:14.000Z",`,
			wantOut: "Cookies"},
		{method: "GET", path: base, wantStatus: 200, wantIn: `"health":"OK"}}`},
		{method: "GET", path: base + "/" + url.PathEscape(email), wantStatus: 200, wantIn: `"health":"OK","credits":{"credits":1250,`},
		{method: "GET", path: base + "/" + email, wantStatus: 200, wantIn: `"models":{"videoModels":[{`},
		{method: "GET", path: base + "/x@gmail.com", wantStatus: 404, wantBody: `{"error":"Google Flow account x@gmail.com not found"}`},
		{method: "DELETE", path: base + "/" + email, wantStatus: 200, wantBody: `{"message":"Google Flow account jo.doe@gmail.com deleted"}`},
		{method: "DELETE", path: base + "/" + email, wantStatus: 404, wantBody: `{"error":"Google Flow account jo.doe@gmail.com not found"}`},
	})
	if got := s.Accounts(token, GoogleFlow); len(got) != 0 {
		t.Fatalf("accounts %+v", got)
	}
}

func TestGeminiNotebook(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	const base, email = "/v1/gemini-notebook/accounts", "nb.doe@gmail.com"
	c := s.IssueCredential(GeminiNotebook, email)
	for _, name := range geminiNotebookRequired {
		if !strings.Contains(c, name+"\t") {
			t.Fatalf("cookie table without %s:\n%s", name, c)
		}
	}
	cookies := func(table, extra string) string { return fmt.Sprintf(`{"cookies":%q%s}`, table, extra) }
	const notFound = `{"error":"Account nobody@gmail.com not found","code":404}`
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`},
		{method: "GET", path: base, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"useapi.net ⁝ Unauthorized","code":401}`},
		{method: "POST", path: base, body: `{}`, wantStatus: 400, wantBody: `{"error":"Parameter cookies is required","code":400}`},
		{method: "POST", path: base, body: cookies(googleTable("SID", "HSID", "SSID"), ""), wantStatus: 400,
			wantIn: `"Parameter cookies must hold the Google cookies SID, HSID, SSID and OSID`},
		{method: "POST", path: base, body: cookies(googleTable("SID", "HSID", "SSID", "OSID"), ""), wantStatus: 400,
			wantIn: `"Google did not accept the cookies`},
		{method: "POST", path: base, body: cookies(c, `,"maxJobs":11`), wantStatus: 400, wantIn: "valid range: 1…10"},
		{method: "POST", path: base, body: cookies(c, `,"outputLanguage":"English!"`), wantStatus: 400,
			wantBody: `{"error":"Parameter outputLanguage (English!) must be a language code such as en, es or ja","code":400}`},
		{method: "POST", path: base, body: cookies(c, `,"outputLanguage":7`), wantStatus: 400, wantIn: "outputLanguage must be a string"},
		// The settings of an account it does not hold.
		{method: "POST", path: base, body: `{"email":"nobody@gmail.com","outputLanguage":"es"}`, wantStatus: 404, wantBody: notFound},
	})
	if got := s.Accounts(token, GeminiNotebook); len(got) != 0 {
		t.Fatalf("refused POSTs added %+v", got)
	}
	a := do(t, srv.URL, "POST", base, cookies(c, ""))
	if a.status != 201 {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	if got, want := keys(t, a.body), sorted("email", "tier", "googleTier", "googleTierCode", "maxJobs", "outputLanguage", "added",
		"cookies", "cookiesExpireAt", "addedVia", "limits", "health", "runningJobs", "lastKnownQuota"); !slices.Equal(got, want) {
		t.Fatalf("the answer's fields %v, want %v", got, want)
	}
	for k, want := range map[string]string{"email": email, "tier": "pro", "googleTier": "TIER_PRO", "googleTierCode": "2", "maxJobs": "3",
		"outputLanguage": "en", "added": "2025-01-01T12:13:14.000Z", "cookiesExpireAt": "2026-02-05T12:13:14.000Z", "addedVia": "api",
		"limits": `{"notebooks":500,"sourcesPerNotebook":300}`, "health": "OK", "runningJobs": "0",
		"cookies": `["SID","HSID","SSID","APISID","SAPISID","LSID","OSID","__Secure-OSID"]`} {
		if got := field(t, a.body, k); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	for _, row := range parseCookieTable(c) {
		if strings.Contains(a.body, row.value) {
			t.Errorf("the answer shows the value of %s: %s", row.name, a.body)
		}
	}
	// The settings: with the cookies, without them, each alone and both.
	at := base + "/" + url.PathEscape(email)
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: cookies(c, `,"maxJobs":7,"outputLanguage":"ja"`), wantStatus: 200, wantIn: `"maxJobs":7,"outputLanguage":"ja",`},
		{method: "POST", path: base, body: cookies(s.IssueCredential(GeminiNotebook, email), ""), wantStatus: 200, wantIn: `"maxJobs":7,"outputLanguage":"ja",`},
		{method: "POST", path: base, body: `{"email":"` + email + `","maxJobs":5}`, wantStatus: 200, wantIn: `"maxJobs":5,"outputLanguage":"ja",`},
		{method: "POST", path: base, body: `{"email":"` + email + `","outputLanguage":"pt-BR"}`, wantStatus: 200, wantIn: `"maxJobs":5,"outputLanguage":"pt-BR",`},
		{method: "POST", path: base, body: `{"email":"` + email + `","maxJobs":2,"outputLanguage":"es"}`, wantStatus: 200, wantIn: `"maxJobs":2,"outputLanguage":"es",`},
		{method: "POST", path: base, body: `{"email":"` + email + `"}`, wantStatus: 400,
			wantBody: `{"error":"Parameter maxJobs or outputLanguage is required","code":400}`},
		{method: "POST", path: base, body: `{"email":"` + email + `","outputLanguage":"??"}`, wantStatus: 400, wantIn: "must be a language code"},
		{method: "POST", path: base, body: cookies(c, `,"email":"`+email+`"`), wantStatus: 400, wantIn: "Send either cookies to add"},
		{method: "GET", path: base, wantStatus: 200, wantIn: `{"nb.doe@gmail.com":{"email":"nb.doe@gmail.com","tier":"pro",`, wantOut: "outputLanguage"},
		{method: "GET", path: at, wantStatus: 200, wantIn: `"outputLanguage":"es",`},
		{method: "GET", path: at, wantStatus: 200, wantIn: `"quota":{"windows":[{"window":"5h",`},
		{method: "GET", path: base + "/nobody@gmail.com", wantStatus: 404, wantBody: notFound},
	})
	if got := accountOf(t, s, GeminiNotebook, email); got.MaxJobs != 2 || got.Settings["outputLanguage"] != "es" || got.CredentialPosts != 3 {
		t.Fatalf("account %+v", got)
	}
	// A free Google account is taken, on the free plan.
	s.SetFreeAccount(GeminiNotebook, "free@gmail.com", true)
	run(t, srv.URL, []exchange{{method: "POST", path: base, body: cookies(s.IssueCredential(GeminiNotebook, "free@gmail.com"), ""), wantStatus: 201,
		wantIn: `"tier":"free","googleTier":"TIER_FREE","googleTierCode":0,`}})
	// PutAccount takes the settings, as useapi.net's automated setup would leave them.
	s.PutAccount(token, GeminiNotebook, Account{ID: "setup@gmail.com", Settings: map[string]string{"outputLanguage": "de"}})
	run(t, srv.URL, []exchange{{method: "GET", path: base + "/setup@gmail.com", wantStatus: 200, wantIn: `"outputLanguage":"de",`}})
	run(t, srv.URL, []exchange{
		{method: "DELETE", path: base + "/not-an-email", wantStatus: 400, wantBody: `{"error":"Path parameter email (not-an-email) not a valid email","code":400}`},
		{method: "DELETE", path: at, wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: at, wantStatus: 404, wantBody: `{"error":"Account nb.doe@gmail.com not found","code":404}`},
	})
}

func TestGoogleVids(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	const base, email = "/v1/google-vids/accounts", "vids.doe@gmail.com"
	c := s.IssueCredential(GoogleVids, email)
	if !strings.Contains(c, "__Secure-1PSIDTS\tsidts-") {
		t.Fatalf("cookie table without __Secure-1PSIDTS:\n%s", c)
	}
	cookies := func(table, extra string) string { return fmt.Sprintf(`{"cookies":%q%s}`, table, extra) }
	run(t, srv.URL, []exchange{
		{method: "GET", path: base, wantStatus: 200, wantType: "application/json", wantBody: `{}`},
		{method: "GET", path: base, auth: "Bearer nope", wantStatus: 401, wantBody: `{"error":"useapi.net ⁝ Unauthorized","code":401}`},
		{method: "POST", path: base, body: `{"maxJobs":2}`, wantStatus: 400, wantBody: `{"error":"Parameter cookies is required","code":400}`},
		{method: "POST", path: base, body: cookies(googleTable("SID", "HSID", "__Secure-1PSID"), ""), wantStatus: 400,
			wantIn: `"Parameter cookies must hold the Google cookies SID and __Secure-1PSIDTS`},
		{method: "POST", path: base, body: cookies("SID=abc; __Secure-1PSIDTS=def", ""), wantStatus: 400, wantIn: `"Google did not accept the cookies`},
		{method: "POST", path: base, body: cookies(c, `,"maxJobs":0`), wantStatus: 400, wantIn: "valid range: 1…10"},
		{method: "POST", path: base, body: `{"email":"nobody@gmail.com","maxJobs":2}`, wantStatus: 404,
			wantBody: `{"error":"Account nobody@gmail.com not found","code":404}`},
	})
	a := do(t, srv.URL, "POST", base, cookies(c, ""))
	if a.status != 201 {
		t.Fatalf("add: %d %s", a.status, a.body)
	}
	if got, want := keys(t, a.body), sorted("email", "maxJobs", "added", "cookies", "cookiesExpireAt", "vidsDocId", "limits", "health"); !slices.Equal(got, want) {
		t.Fatalf("the answer's fields %v, want %v", got, want)
	}
	doc := field(t, a.body, "vidsDocId")
	for k, want := range map[string]string{"email": email, "maxJobs": "3", "added": "2025-01-01T12:13:14.000Z",
		"cookiesExpireAt": "2025-06-30T12:13:14.000Z", "limits": `{"image":1000,"music":300,"video":10000}`, "health": "OK", // field re-encodes: sorted keys
		"cookies": `["SID","HSID","SSID","APISID","SAPISID","__Secure-1PSIDTS","OSID"]`} {
		if got := field(t, a.body, k); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	if len(doc) != 44 || strings.Contains(a.body, c[5:20]) {
		t.Errorf("vidsDocId %q, answer %s", doc, a.body)
	}
	// Re-adding with new cookies, as a Cookie header, keeps the document, added and maxJobs.
	header := ""
	for _, row := range parseCookieTable(s.IssueCredential(GoogleVids, email)) {
		header += row.name + "=" + row.value + "; "
	}
	at := base + "/" + url.PathEscape(email)
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: `{"email":"` + email + `","maxJobs":6}`, wantStatus: 200, wantIn: `"maxJobs":6,`},
		{method: "POST", path: base, body: cookies(header, ""), wantStatus: 200, wantIn: `"maxJobs":6,`},
		{method: "POST", path: base, body: `{"email":"` + email + `"}`, wantStatus: 400, wantBody: `{"error":"Parameter maxJobs is required","code":400}`},
		{method: "POST", path: base, body: `{"email":"` + email + `","outputLanguage":"es","maxJobs":4}`, wantStatus: 200, wantOut: "outputLanguage"}, // not its setting
		{method: "GET", path: base, wantStatus: 200, wantIn: `"vidsDocId":"` + doc + `","limits":{"video":10000,"image":1000,"music":300},"health":"OK"}}`},
		{method: "GET", path: at, wantStatus: 200, wantIn: `"usage":{`},
	})
	if got := accountOf(t, s, GoogleVids, email); got.MaxJobs != 4 || got.CredentialPosts != 2 || got.Settings != nil {
		t.Fatalf("account %+v", got)
	}

	// A free account is refused, and nothing is stored; on a paid plan it is taken.
	const free = "free.vids@gmail.com"
	s.SetFreeAccount(GoogleVids, free, true)
	freeCookies := cookies(s.IssueCredential(GoogleVids, free), "")
	refused := `{"error":"free.vids@gmail.com is a free Google account: it has no Google Vids allowance (0 seconds of video and 0 images a month). ` +
		`Use an account on a paid Google AI plan","code":400}`
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: freeCookies, wantStatus: 400, wantBody: refused},
		{method: "GET", path: base + "/" + free, wantStatus: 404},
	})
	// An account held that turned free stays as it was when its cookies are posted again.
	s.SetFreeAccount(GoogleVids, email, true)
	run(t, srv.URL, []exchange{
		{method: "POST", path: base, body: cookies(s.IssueCredential(GoogleVids, email), ""), wantStatus: 400, wantIn: "has no Google Vids allowance"},
		{method: "GET", path: at, wantStatus: 200, wantIn: `"health":"OK"`},
	})
	s.SetFreeAccount(GoogleVids, free, false)
	run(t, srv.URL, []exchange{{method: "POST", path: base, body: freeCookies, wantStatus: 201}})

	run(t, srv.URL, []exchange{
		{method: "DELETE", path: base + "/free.vids", wantStatus: 400, wantIn: "not a valid email"},
		{method: "DELETE", path: base + "/" + free, wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: base + "/" + free, wantStatus: 404, wantBody: `{"error":"Account free.vids@gmail.com not found","code":404}`},
	})
}

// TestRefreshedCredentialGoesStale: the service replaces the credential it holds; the one the user
// pasted is then stale, and posting it breaks the working account until a fresh one is posted.
func TestRefreshedCredentialGoesStale(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			id := f.identity(1)
			pasted := s.IssueCredential(f.svc, id)
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, pasted)); a.status != f.created {
				t.Fatalf("add: %d %s", a.status, a.body)
			}
			if n := s.RefreshCredentials(f.svc, id); n != 1 {
				t.Fatalf("RefreshCredentials refreshed %d accounts, want 1", n)
			}
			held := accountOf(t, s, f.svc, id)
			if held.Credential == pasted || held.Credential == "" || held.Refreshes != 1 || held.Error != "" || held.CredentialPosts != 1 {
				t.Fatalf("after a refresh: %+v", held)
			}
			// The refreshed account works as before.
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.path(id), wantStatus: 200},
				{method: "GET", path: f.base(), wantStatus: 200, wantOut: `"error"`},
			})
			// Posting the pasted credential again breaks it.
			a := do(t, srv.URL, "POST", f.base(), f.body(s, pasted))
			if a.status != 400 {
				t.Fatalf("POST of the stale credential: %d %s, want 400", a.status, a.body)
			}
			broken := accountOf(t, s, f.svc, id)
			if broken.Error != lookup(f.svc).cred.superseded || broken.CredentialPosts != 2 || broken.Credential != pasted {
				t.Fatalf("after the stale POST: %+v", broken)
			}
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.base(), wantStatus: 200, wantIn: `"error":"` + broken.Error + `"`},
				{method: "GET", path: f.path(id), wantStatus: f.broken, wantIn: broken.Error},
			})
			if n := s.RefreshCredentials(f.svc, id); n != 0 {
				t.Fatalf("a broken account was refreshed")
			}
			// Neither it nor the credential useapi.net held before can heal it; a fresh one does.
			for _, c := range []string{pasted, held.Credential} {
				if a := do(t, srv.URL, "POST", f.base(), f.body(s, c)); a.status != 400 {
					t.Fatalf("a POST of a superseded credential: %d %s", a.status, a.body)
				}
			}
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, s.IssueCredential(f.svc, id))); a.status != f.updated || strings.Contains(a.body, broken.Error) {
				t.Fatalf("POST of a fresh credential: %d %s, want %d and healthy", a.status, a.body, f.updated)
			}
			if got := accountOf(t, s, f.svc, id); got.Error != "" || got.CredentialPosts != 5 {
				t.Fatalf("healed: %+v", got)
			}
			if n := s.RefreshCredentials(f.svc, "nobody"); n != 0 || s.RefreshCredentials(Kling, id) != 0 {
				t.Fatal("a refresh of no account refreshed one")
			}
		})
	}
}

// TestRefreshOnRead: with the option, every read of Flow Music and Google Flow refreshes what it reads
// (they refresh stored credentials by themselves); MiniMax does not.
func TestRefreshOnRead(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{RefreshOnRead: true})
			id := f.identity(1)
			pasted := s.IssueCredential(f.svc, id)
			run(t, srv.URL, []exchange{
				{method: "POST", path: f.base(), body: f.body(s, pasted), wantStatus: f.created},
				{method: "GET", path: f.base(), wantStatus: 200},
				{method: "GET", path: f.path(id), wantStatus: 200},
			})
			refreshes := map[bool]int{true: 2, false: 0}[lookup(f.svc).cred.refreshes]
			if got := accountOf(t, s, f.svc, id); got.Refreshes != refreshes || (got.Credential == pasted) != (refreshes == 0) {
				t.Fatalf("after two reads: %+v, want %d refreshes", got, refreshes)
			}
			want := map[bool]int{true: 400, false: f.updated}[refreshes > 0]
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, pasted)); a.status != want {
				t.Fatalf("re-POST of the pasted credential: %d %s, want %d", a.status, a.body, want)
			}
		})
	}
}

// TestAccountAddedWithoutCredential: PutAccount adds an account whose credential nobody outside holds,
// as useapi.net's remote-browser setup does; it can be read, listed, changed where the service has a
// credential-less update, and deleted.
func TestAccountAddedWithoutCredential(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			id := f.identity(7)
			s.PutAccount(token, f.svc, Account{ID: id, MaxJobs: 3})
			got := accountOf(t, s, f.svc, id)
			wantJobs := map[Service]int64{FlowMusic: 3, MiniMax: 3, GoogleFlow: 0, GeminiNotebook: 3, GoogleVids: 3, Mureka: 0}[f.svc]
			if got.Credential == "" || got.CredentialPosts != 0 || got.MaxJobs != wantJobs || got.Error != "" {
				t.Fatalf("put: %+v", got)
			}
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.path(id), wantStatus: 200},
				{method: "GET", path: f.base(), wantStatus: 200, wantIn: strconv.Quote(id) + ":{"},
			})
			switch f.svc {
			case FlowMusic, GeminiNotebook, GoogleVids:
				run(t, srv.URL, []exchange{{method: "POST", path: f.base(), body: `{"email":"` + id + `","maxJobs":9}`, wantStatus: 200, wantIn: `"maxJobs":9,`}})
			case MiniMax: // no credential-less update
				run(t, srv.URL, []exchange{{method: "POST", path: f.base(), body: `{"maxJobs":9}`, wantStatus: 400, wantIn: "token is required"}})
			}
			if got := accountOf(t, s, f.svc, id); got.Credential == "" || got.CredentialPosts != 0 {
				t.Fatalf("after a settings change: %+v", got)
			}
			// By Email where the identity is one; with a credential given, the site takes it as the account's.
			if f.svc != MiniMax {
				s.PutAccount(token, f.svc, Account{Email: f.identity(8)})
				accountOf(t, s, f.svc, f.identity(8))
			}
			given := s.IssueCredential(f.svc, f.identity(9))
			s.PutAccount(token, f.svc, Account{ID: f.identity(9), Credential: given, Extra: s.CredentialURL(f.svc, given)})
			if got := accountOf(t, s, f.svc, f.identity(9)); got.Credential != given {
				t.Fatalf("put with a credential: %+v", got)
			}
			run(t, srv.URL, []exchange{
				{method: "POST", path: f.base(), body: f.body(s, given), wantStatus: f.updated},
				{method: "DELETE", path: f.path(id), wantStatus: f.deleted},
				{method: "GET", path: f.path(id), wantStatus: 404},
			})
			s.PutAccount(token, f.svc, Account{}) // no identity: nothing to add
			if got := len(s.Accounts(token, f.svc)); got != map[bool]int{true: 1, false: 2}[f.svc == MiniMax] {
				t.Fatalf("accounts %+v", s.Accounts(token, f.svc))
			}
		})
	}
}

// TestCredentialAccountErrorState: SetAccountError breaks an account as each service reports it (Flow
// Music's error, MiniMax's 596, Google Flow's health), and posting a fresh credential heals it.
func TestCredentialAccountErrorState(t *testing.T) {
	t.Parallel()
	const reason = "Session expired"
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			id := f.identity(1)
			s.PutAccount(token, f.svc, Account{ID: id, Error: reason})
			listed := map[Service]string{FlowMusic: `"error":"` + reason + `"}`, MiniMax: `"error":"` + reason + `"}`,
				GoogleFlow:     `"health":"` + reason + `","error":"` + reason + `"}`,
				GeminiNotebook: `"health":"` + reason + `","error":"` + reason + `",`,
				GoogleVids:     `"health":"` + reason + `","error":"` + reason + `"}`, Mureka: `"error":"` + reason + `"}`}[f.svc]
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.base(), wantStatus: 200, wantIn: listed},
				// An account in error cannot be asked for its live credits, usage or allowances.
				{method: "GET", path: f.path(id), wantStatus: f.broken, wantIn: reason, wantOut: cmp.Or(map[Service]string{
					GeminiNotebook: `"quota"`, GoogleVids: `"usage"`}[f.svc], "credits")},
			})
			if f.svc == MiniMax {
				run(t, srv.URL, []exchange{{method: "GET", path: f.path(id), wantStatus: 596, wantBody: `{"error":"` + reason + `","code":596}`}})
			}
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, s.IssueCredential(f.svc, id))); a.status != f.updated || strings.Contains(a.body, reason) {
				t.Fatalf("POST of a fresh credential: %d %s", a.status, a.body)
			}
			if got := accountOf(t, s, f.svc, id); got.Error != "" {
				t.Fatalf("not healed: %+v", got)
			}
			s.SetAccountError(token, f.svc, id, "Broken")
			run(t, srv.URL, []exchange{{method: "GET", path: f.base(), wantStatus: 200, wantIn: `"Broken"`}})
			s.SetAccountError(token, f.svc, id, "")
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.base(), wantStatus: 200, wantOut: "Broken"},
				{method: "GET", path: f.path(id), wantStatus: 200, wantOut: "Broken"},
			})
		})
	}
}

// TestCredentialServicesLifecycle: the generic calls, their counters, and the 401 and 402.
func TestCredentialServicesLifecycle(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			id := f.identity(1)
			body := f.body(s, s.IssueCredential(f.svc, id))
			run(t, srv.URL, []exchange{
				{method: "POST", path: f.base(), body: body, wantStatus: f.created},
				{method: "GET", path: f.path(id), wantStatus: 200},
				{method: "GET", path: f.base(), wantStatus: 200, wantIn: strconv.Quote(id)},
				{method: "DELETE", path: f.path(id), wantStatus: f.deleted},
				{method: "GET", path: f.path(id), wantStatus: 404},
			})
			keys := Calls(f.svc)
			if want := map[string]int{keys.Post: 1, keys.Get: 2, keys.List: 1, keys.Delete: 1}; fmt.Sprint(s.CallCounts()) != fmt.Sprint(want) {
				t.Errorf("counters %v, want %v", s.CallCounts(), want)
			}
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.base(), auth: "Bearer nope", wantStatus: 401, wantIn: `Unauthorized"`},
				{method: "POST", path: f.base(), body: body, auth: "Bearer nope", wantStatus: 401},
			})
			s.SetSubscriptionActive(token, false)
			run(t, srv.URL, []exchange{
				{method: "GET", path: f.base(), wantStatus: 402, wantIn: "ubscription"},
				{method: "POST", path: f.base(), body: body, wantStatus: 402},
			})
			if got := s.Accounts(token, f.svc); len(got) != 0 {
				t.Fatalf("a refused POST added %+v", got)
			}
		})
	}
}

// TestCredentialSubscriptionAndCap: GET /v2/account counts the accounts of the second shape under their
// display names, and Options.MaxAccounts caps them.
func TestCredentialSubscriptionAndCap(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{MaxAccounts: 1})
	for _, f := range credFixtures {
		s.PutAccount(token, f.svc, Account{ID: f.identity(1)})
		title := lookup(f.svc).title
		run(t, srv.URL, []exchange{
			{method: "POST", path: f.base(), body: f.body(s, s.IssueCredential(f.svc, f.identity(2))), wantStatus: 402,
				wantIn: `"error":"Your subscription allows up to 1 ` + title + ` accounts"`},
			{method: "POST", path: f.base(), body: f.body(s, s.IssueCredential(f.svc, f.identity(1))), wantStatus: f.updated},
		})
	}
	s.SetAccountError(token, GoogleFlow, credFixtures[2].identity(1), "Session expired")
	run(t, srv.URL, []exchange{{method: "GET", path: "/v2/account", wantStatus: 200,
		wantIn: `"accounts":{"Flow Music API":{"total":1,"active":1,"error":0},"Gemini Notebook API":{"total":1,"active":1,"error":0},` +
			`"Google Flow API":{"total":1,"active":0,"error":1},"Google Vids API":{"total":1,"active":1,"error":0},` +
			`"MiniMax API":{"total":1,"active":1,"error":0},"Mureka API":{"total":1,"active":1,"error":0}}`}})
}

// TestCredentialFaults: faults meet the services of the second shape as the others, and a POST carrying
// a credential waits out the login delay while a credential-less update does not.
func TestCredentialFaults(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	s.AddToken(token)
	l, err := s.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Stop(); s.Close() })
	flow, mini, google := credFixtures[0], credFixtures[1], credFixtures[2]

	s.FailNext(1, Fault{Kind: LoseAnswer, Call: Calls(FlowMusic).Post})
	if _, err := send(context.Background(), http.DefaultClient, "POST", l.URL+flow.base(), flow.body(s, s.IssueCredential(FlowMusic, "lost@example.com")), ""); err == nil {
		t.Fatal("a lost answer reached the client")
	}
	accountOf(t, s, FlowMusic, "lost@example.com")

	s.FailNext(1, Fault{Kind: Refuse, Method: "POST", Status: 409, Message: "busy"})
	if a := do(t, l.URL, "POST", mini.base(), mini.body(s, s.IssueCredential(MiniMax, "42"))); a.status != 409 || len(s.Accounts(token, MiniMax)) != 0 {
		t.Fatalf("a refused POST: %d %s, accounts %+v", a.status, a.body, s.Accounts(token, MiniMax))
	}
	s.FailNext(1, Fault{Kind: InternalError, Call: Calls(GoogleFlow).List})
	if a := do(t, l.URL, "GET", google.base(), ""); a.status != 500 {
		t.Fatalf("an internal error: %d", a.status)
	}

	const delay = 300 * time.Millisecond
	s.SetLoginDelay(delay)
	start := time.Now()
	if a := do(t, l.URL, "POST", flow.base(), `{"email":"lost@example.com","maxJobs":2}`); a.status != 200 || time.Since(start) > delay/2 {
		t.Fatalf("a credential-less update: %d in %v, want 200 at once", a.status, time.Since(start))
	}
	start = time.Now()
	if a := do(t, l.URL, "POST", flow.base(), flow.body(s, s.IssueCredential(FlowMusic, "lost@example.com"))); a.status != 200 || time.Since(start) < delay {
		t.Fatalf("a POST with a token: %d in %v, want 200 after %v", a.status, time.Since(start), delay)
	}
	s.SetLoginDelay(0)

	// Last, as it closes the connections the other requests kept.
	client := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	t.Cleanup(client.CloseIdleConnections)
	s.FailNext(1, Fault{Kind: Restart, Down: 100 * time.Millisecond, Call: Calls(GoogleFlow).Post})
	if _, err := send(context.Background(), client, "POST", l.URL+google.base(), google.body(s, s.IssueCredential(GoogleFlow, "r@gmail.com")), ""); err == nil {
		t.Fatal("a restart answered")
	}
	accountOf(t, s, GoogleFlow, "r@gmail.com")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if a, err := send(context.Background(), client, "GET", l.URL+google.base(), "", ""); err == nil && a.status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not serving again after the restart")
		}
	}

}

// TestCredentialEcho: with EchoSecrets, refusals of a POST that carried a credential embed it across the
// client's cut, as do the errors stored for an account: a stale credential's and SetAccountError's.
func TestCredentialEcho(t *testing.T) {
	t.Parallel()
	for _, f := range credFixtures {
		t.Run(string(f.svc), func(t *testing.T) {
			t.Parallel()
			s, srv := newServer(t, Options{})
			s.EchoSecrets(true)
			message := func(a answer) string {
				var body struct{ Error string }
				_ = json.Unmarshal([]byte(a.body), &body)
				return body.Error
			}
			// The cookie table holds tabs and line ends: JSON escapes them, so the message is decoded first.
			for name, c := range map[string]string{"never issued": f.forged, "malformed": f.badForm} {
				a := do(t, srv.URL, "POST", f.base(), f.body(s, c))
				if why := straddles(message(a), c); a.status != 400 || why != "" {
					t.Errorf("%s: %d %s: %s", name, a.status, a.body, why)
				}
			}
			s.FailNext(1, Fault{Kind: InternalError})
			c := s.IssueCredential(f.svc, f.identity(1))
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, c)); a.status != 500 || straddles(message(a), c) != "" {
				t.Errorf("a fault: %d %s", a.status, a.body)
			}
			run(t, srv.URL, []exchange{{method: "POST", path: f.base(), body: f.body(s, c), wantStatus: f.created}})
			s.RefreshCredentials(f.svc, f.identity(1))
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, c)); a.status != 400 || straddles(message(a), c) != "" {
				t.Errorf("a stale credential: %d %s", a.status, a.body)
			}
			if got := accountOf(t, s, f.svc, f.identity(1)); straddles(got.Error, c) != "" {
				t.Errorf("the stored error of a stale credential: %q", got.Error)
			}
			fresh := s.IssueCredential(f.svc, f.identity(1))
			run(t, srv.URL, []exchange{{method: "POST", path: f.base(), body: f.body(s, fresh), wantStatus: f.updated}})
			s.SetAccountError(token, f.svc, f.identity(1), "Session expired")
			if got := accountOf(t, s, f.svc, f.identity(1)); straddles(got.Error, fresh) != "" {
				t.Errorf("SetAccountError's error: %q", got.Error)
			}
			s.EchoSecretsPlain(true)
			if a := do(t, srv.URL, "POST", f.base(), f.body(s, f.forged)); !strings.HasPrefix(a.contentType, "text/plain") || straddles(a.body, f.forged) != "" {
				t.Errorf("plain: %s %s", a.contentType, a.body)
			}
		})
	}
}

// TestConcurrentCredentialClients is TestConcurrentClients for the second shape.
func TestConcurrentCredentialClients(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	s.SetFaultRate(0.2, 1, Fault{Kind: InternalError}, Fault{Kind: TooManyRequests})
	s.SetLatency(50 * time.Millisecond)
	var wg sync.WaitGroup
	for i := range 10 * len(credFixtures) {
		f := credFixtures[i%len(credFixtures)]
		body := f.body(s, s.IssueCredential(f.svc, f.identity(i)))
		wg.Go(func() {
			for {
				a, err := send(context.Background(), http.DefaultClient, "POST", srv.URL+f.base(), body, "")
				if err != nil {
					t.Error(err)
					return
				}
				if a.status == f.created {
					return
				}
			}
		})
	}
	wg.Wait()
	for _, f := range credFixtures {
		if got := len(s.Accounts(token, f.svc)); got != 10 {
			t.Errorf("%s: %d accounts, want 10", f.svc, got)
		}
	}
}
