package emulator

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const murekaBase = "/v1/mureka/accounts"

// murekaNotFoundText is the plain-text 404 of an unknown account and of no accounts.
const murekaNotFoundText = "Configuration not found. To create configuration use POST /accounts."

// movingClock is clock plus the days added to it, safe to move while a server reads it.
func movingClock() (func() time.Time, func(days int64)) {
	var days atomic.Int64
	return func() time.Time { return clock().Add(time.Duration(days.Load()) * 24 * time.Hour) },
		func(n int64) { days.Add(n) }
}

func loginBody(email, password string) string {
	return fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)
}

func tokenBody(token, refresh string) string {
	if refresh == "" {
		return fmt.Sprintf(`{"token":%q}`, token)
	}
	return fmt.Sprintf(`{"token":%q,"refresh_token":%q}`, token, refresh)
}

func TestMurekaAccountID(t *testing.T) {
	t.Parallel()
	id := MurekaAccountID("Jo@Example.com")
	if len(id) != 9 || id[0] == '0' || strings.Trim(id, "0123456789") != "" {
		t.Fatalf("MurekaAccountID = %q, want nine digits without a leading zero", id)
	}
	if id != MurekaAccountID("jo@example.com") || id == MurekaAccountID("other@example.com") {
		t.Fatal("want the id of the lower-cased email, one per email")
	}
}

// TestMurekaRefusals: the bodies the service refuses, and that none of them stores anything.
func TestMurekaRefusals(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock, RequireKnownUsers: true})
	s.AddUser(Mureka, "jo@example.com", "right")
	c := s.IssueCredential(Mureka, "123456789")
	other := s.IssueCredential(Mureka, "123456789")
	r := s.CredentialRefreshToken(Mureka, c)
	if !strings.HasPrefix(c, "eyJ") || strings.Count(c, ".") != 2 || r == "" || r == s.CredentialRefreshToken(Mureka, other) {
		t.Fatalf("token %q and refresh token %q: want a JWT and a refresh token of its own", c, r)
	}
	run(t, srv.URL, []exchange{
		{method: "GET", path: murekaBase, wantStatus: 404, wantType: "text/plain", wantBody: murekaNotFoundText},
		{method: "POST", path: murekaBase, body: `{}`, wantStatus: 400,
			wantBody: `{"error":"Parameter email and password, or token, is required","code":400}`},
		{method: "POST", path: murekaBase, body: `{"maxJobs":3}`, wantStatus: 400, wantIn: "or token, is required"},
		{method: "POST", path: murekaBase, body: `{"email":"jo@example.com"}`, wantStatus: 400,
			wantBody: `{"error":"Parameter password is required","code":400}`},
		{method: "POST", path: murekaBase, body: `{"password":"right"}`, wantStatus: 400,
			wantBody: `{"error":"Parameter email is required","code":400}`},
		{method: "POST", path: murekaBase, body: `{"email":"jo@example.com","password":"right","token":"` + c + `"}`, wantStatus: 400,
			wantBody: `{"error":"Send either email and password, or token (with refresh_token), not both","code":400}`},
		{method: "POST", path: murekaBase, body: `{"password":"right","refresh_token":"` + r + `"}`, wantStatus: 400, wantIn: "not both"},
		{method: "POST", path: murekaBase, body: `{"refresh_token":"` + r + `"}`, wantStatus: 400,
			wantBody: `{"error":"Parameter token is required with refresh_token","code":400}`},
		{method: "POST", path: murekaBase, body: tokenBody("abc", ""), wantStatus: 400, wantIn: "must be the mureka.ai token"},
		{method: "POST", path: murekaBase, body: tokenBody("eyJa.eyJi.c2ln", ""), wantStatus: 400,
			wantBody: `{"error":"Unable to verify the token with Mureka: sign in at mureka.ai again and copy a fresh token","code":400}`},
		{method: "POST", path: murekaBase, body: tokenBody(c, s.CredentialRefreshToken(Mureka, other)), wantStatus: 400,
			wantBody: `{"error":"Parameter refresh_token does not belong to the token","code":400}`},
		{method: "POST", path: murekaBase, body: tokenBody(c, "mrt_forged"), wantStatus: 400, wantIn: "does not belong"},
		// The documented refusal of the site's login, for a wrong password and for an unknown email.
		{method: "POST", path: murekaBase, body: loginBody("jo@example.com", "wrong"), wantStatus: 401,
			wantBody: `{"error":"Wrong username/password combination.","code":401}`},
		{method: "POST", path: murekaBase, body: loginBody("stranger@example.com", "p"), wantStatus: 401, wantIn: "Wrong username/password"},
	})
	if got := s.Accounts(token, Mureka); len(got) != 0 {
		t.Fatalf("a refused POST stored %+v", got)
	}
	// With EchoSecrets, the refusal of a login embeds the password across the client's cut.
	s.EchoSecrets(true)
	if a := do(t, srv.URL, "POST", murekaBase, loginBody("jo@example.com", "wrong-but-long")); a.status != 401 ||
		straddles(field(t, a.body, "error"), "wrong-but-long") != "" {
		t.Errorf("an echoed refusal: %d %s", a.status, a.body)
	}
	s.EchoSecrets(false)
	run(t, srv.URL, []exchange{{method: "POST", path: murekaBase, body: loginBody("jo@example.com", "right"), wantStatus: 201}})
	s.SuspendUser(Mureka, "jo@example.com")
	run(t, srv.URL, []exchange{{method: "POST", path: murekaBase, body: loginBody("jo@example.com", "right"), wantStatus: 401}})
}

// TestMurekaBothWays: an account added by email and by token, their answers, list, GET and DELETE, and
// that switching ways keeps the account id and changes authMode.
func TestMurekaBothWays(t *testing.T) {
	t.Parallel()
	now, pass := movingClock()
	s, srv := newServer(t, Options{Now: now})
	const email, password = "Jo@Example.com", "hunter2-secret"
	id := MurekaAccountID(email)
	var bodies []string // every answer, to be searched for secrets

	a := do(t, srv.URL, "POST", murekaBase, `{"email":"`+email+`","password":"`+password+`","maxJobs":7}`) // no maxJobs: ignored
	bodies = append(bodies, a.body)
	if a.status != 201 {
		t.Fatalf("add by email: %d %s", a.status, a.body)
	}
	if got, want := keys(t, a.body), sorted("account", "authMode", "email", "password", "token", "hasAutoRefresh",
		"tokenIssuedDaysAgo", "updated", "updatedUTC"); !slices.Equal(got, want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	for k, want := range map[string]string{"account": id, "authMode": "email", "email": email, "password": "********",
		"hasAutoRefresh": "true", "tokenIssuedDaysAgo": "0", "updated": "1735733594", "updatedUTC": "2025-01-01T12:13:14.000Z"} {
		if got := field(t, a.body, k); got != want {
			t.Errorf("%s is %q, want %q", k, got, want)
		}
	}
	session := field(t, a.body, "token")
	if !strings.HasPrefix(session, "eyJ…secured…") || len(session) != len("eyJ…secured…abc") {
		t.Errorf("token %q: want the session shortened", session)
	}
	if got := accountOf(t, s, Mureka, id); got.AuthMode != "email" || got.Password != password || got.Email != email ||
		got.Credential != "" || got.MaxJobs != 0 || got.CredentialPosts != 1 {
		t.Fatalf("account %+v", got)
	}

	// A token issued for the same Mureka account switches it to token mode, under the same id.
	pass(3)
	c := s.IssueCredential(Mureka, id)
	r := s.CredentialRefreshToken(Mureka, c)
	a = do(t, srv.URL, "POST", murekaBase, tokenBody(c, r))
	bodies = append(bodies, a.body)
	if a.status != 201 || field(t, a.body, "account") != id || field(t, a.body, "authMode") != "token" ||
		field(t, a.body, "token") != c[:3]+"…secured…"+c[len(c)-3:] || field(t, a.body, "hasAutoRefresh") != "true" ||
		strings.Contains(a.body, `"email"`) || strings.Contains(a.body, `"password"`) {
		t.Fatalf("switch to token: %d %s", a.status, a.body)
	}
	if got := accountOf(t, s, Mureka, id); got.AuthMode != "token" || got.Credential != c || got.Extra != r ||
		got.Password != "" || got.Email != "" || got.CredentialPosts != 2 {
		t.Fatalf("account %+v", got)
	}
	// Without a refresh token, the token lives on its own.
	bare := s.IssueCredential(Mureka, "222333444")
	a = do(t, srv.URL, "POST", murekaBase, tokenBody(bare, ""))
	bodies = append(bodies, a.body)
	if a.status != 201 || field(t, a.body, "hasAutoRefresh") != "false" || field(t, a.body, "authMode") != "token" {
		t.Fatalf("a token alone: %d %s", a.status, a.body)
	}
	pass(2)
	for _, ex := range []exchange{
		{method: "GET", path: murekaBase, wantStatus: 200, wantIn: `"` + id + `":{"account":"` + id + `","authMode":"token",`},
		{method: "GET", path: murekaBase, wantStatus: 200, wantIn: `"222333444":{"account":"222333444","authMode":"token",`},
		{method: "GET", path: murekaBase + "/" + id, wantStatus: 200, wantIn: `"tokenIssuedDaysAgo":2,`},
		{method: "GET", path: murekaBase + "/999999999", wantStatus: 404, wantType: "text/plain", wantBody: murekaNotFoundText},
	} {
		got := do(t, srv.URL, ex.method, ex.path, "")
		bodies = append(bodies, got.body)
		run(t, srv.URL, []exchange{ex})
	}

	// The email and password again switch it back.
	a = do(t, srv.URL, "POST", murekaBase, loginBody(email, password))
	bodies = append(bodies, a.body)
	if a.status != 201 || field(t, a.body, "account") != id || field(t, a.body, "authMode") != "email" || field(t, a.body, "email") != email {
		t.Fatalf("switch to email: %d %s", a.status, a.body)
	}
	if got := s.Accounts(token, Mureka); len(got) != 2 || got[0].ID != "222333444" || got[1].AuthMode != "email" || got[1].CredentialPosts != 3 {
		t.Fatalf("accounts %+v", got)
	}

	// Multipart carries either way too.
	status := postMultipart(t, srv.URL+murekaBase, map[string]string{"email": "multi@example.com", "password": password})
	if got := accountOf(t, s, Mureka, MurekaAccountID("multi@example.com")); status != 201 || got.AuthMode != "email" {
		t.Fatalf("multipart: %d, %+v", status, got)
	}

	for _, body := range bodies {
		for _, secret := range []string{password, c, r, bare} {
			if strings.Contains(body, secret) {
				t.Errorf("an answer shows the secret %q: %s", secret, body)
			}
		}
	}
	run(t, srv.URL, []exchange{
		{method: "DELETE", path: murekaBase + "/" + id, wantStatus: 204, wantBody: ""},
		{method: "DELETE", path: murekaBase + "/" + id, wantStatus: 404, wantType: "text/plain", wantBody: murekaNotFoundText},
		{method: "DELETE", path: murekaBase + "/222333444", wantStatus: 204},
		{method: "DELETE", path: murekaBase + "/" + MurekaAccountID("multi@example.com"), wantStatus: 204},
		{method: "GET", path: murekaBase, wantStatus: 404, wantBody: murekaNotFoundText},
	})
	s.SetEmptyListObject(Mureka, true)
	run(t, srv.URL, []exchange{{method: "GET", path: murekaBase, wantStatus: 200, wantType: "application/json", wantBody: `{}`}})
}

// TestMurekaRefresh: a refresh replaces a token-mode account's token (and refresh token), so that the
// token posted goes stale, while an email-mode account gets a new session and its password stays good.
func TestMurekaRefresh(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock, RequireKnownUsers: true})
	const email, password = "jo@example.com", "right"
	s.AddUser(Mureka, email, password)
	id := MurekaAccountID(email)
	first := do(t, srv.URL, "POST", murekaBase, loginBody(email, password))
	if n := s.RefreshCredentials(Mureka, id); n != 1 {
		t.Fatalf("RefreshCredentials refreshed %d, want 1", n)
	}
	if got := accountOf(t, s, Mureka, id); got.Password != password || got.Refreshes != 1 || got.AuthMode != "email" {
		t.Fatalf("after a refresh: %+v", got)
	}
	run(t, srv.URL, []exchange{{method: "GET", path: murekaBase + "/" + id, wantStatus: 200, wantOut: field(t, first.body, "token")}})
	run(t, srv.URL, []exchange{{method: "POST", path: murekaBase, body: loginBody(email, password), wantStatus: 201, wantOut: `"error"`}})
	if got := accountOf(t, s, Mureka, id); got.Error != "" || got.CredentialPosts != 2 {
		t.Fatalf("the password posted again: %+v", got)
	}

	// Token mode, without a refresh token: the token is replaced, and none is gained.
	const other = "444555666"
	c := s.IssueCredential(Mureka, other)
	run(t, srv.URL, []exchange{{method: "POST", path: murekaBase, body: tokenBody(c, ""), wantStatus: 201}})
	s.RefreshCredentials(Mureka, other)
	held := accountOf(t, s, Mureka, other)
	if held.Credential == c || held.Extra != "" || held.Refreshes != 1 {
		t.Fatalf("after a refresh: %+v", held)
	}
	run(t, srv.URL, []exchange{
		{method: "GET", path: murekaBase + "/" + other, wantStatus: 200, wantIn: `"hasAutoRefresh":false`},
		{method: "POST", path: murekaBase, body: tokenBody(c, ""), wantStatus: 400, wantIn: "Unable to verify the token"},
		{method: "GET", path: murekaBase + "/" + other, wantStatus: 200, wantIn: `"error":"Session refresh failed, manual update required"}`},
	})
	// The email and password of the same account heal it, as a fresh token would.
	s.AddUser(Mureka, "other@example.com", "pw")
	s.PutAccount(token, Mureka, Account{Email: "other@example.com", Password: "pw", ID: other})
	if got := accountOf(t, s, Mureka, other); got.Error != "" || got.AuthMode != "email" {
		t.Fatalf("put by email: %+v", got)
	}
}

// TestMurekaPutAccount: PutAccount's three forms.
func TestMurekaPutAccount(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{Now: clock})
	s.PutAccount(token, Mureka, Account{Email: "a@example.com", Password: "pa"})
	if got := accountOf(t, s, Mureka, MurekaAccountID("a@example.com")); got.AuthMode != "email" || got.Password != "pa" || got.Email != "a@example.com" {
		t.Fatalf("by email: %+v", got)
	}
	c := s.IssueCredential(Mureka, "111222333")
	s.PutAccount(token, Mureka, Account{ID: "111222333", Credential: c, Extra: s.CredentialRefreshToken(Mureka, c)})
	if got := accountOf(t, s, Mureka, "111222333"); got.AuthMode != "token" || got.Credential != c || got.Extra == "" {
		t.Fatalf("by token: %+v", got)
	}
	s.PutAccount(token, Mureka, Account{ID: "777888999", Error: "Session refresh failed 2026-01-19T14:31:15.000Z, manual update required"})
	got := accountOf(t, s, Mureka, "777888999")
	if got.AuthMode != "token" || got.Credential == "" || got.Extra == "" || got.Error == "" {
		t.Fatalf("by neither: %+v", got)
	}
	run(t, srv.URL, []exchange{
		{method: "POST", path: murekaBase, body: tokenBody(c, s.CredentialRefreshToken(Mureka, c)), wantStatus: 201},
		// An account in error is answered as stored.
		{method: "GET", path: murekaBase + "/777888999", wantStatus: 200,
			wantIn: `"hasAutoRefresh":true,"tokenIssuedDaysAgo":0,"updated":1735733594,"updatedUTC":"2025-01-01T12:13:14.000Z","error":"Session refresh failed 2026-01-19T14:31:15.000Z, manual update required"}`},
		{method: "GET", path: "/v2/account", wantStatus: 200, wantIn: `"Mureka API":{"total":3,"active":2,"error":1}`},
	})
}

func TestMurekaProfile(t *testing.T) {
	t.Parallel()
	s, base := liveServer(t)
	const path = "/v1/mureka/profile/"
	run(t, base, []exchange{
		{method: "GET", path: path, wantStatus: 404, wantType: "text/plain", wantBody: murekaNotFoundText},
		{method: "GET", path: path + "?account=123456789", auth: "Bearer nope", wantStatus: 401},
	})
	s.PutAccount(token, Mureka, Account{ID: "123456789"})
	want := `{"user":{"id":"123456789","user_id":123456789,"stage_name":"User 123456789","is_vip":true,"vip_level":2,` +
		`"created_on":1735733594,"vip_end":1738411994,"vip_name":"Monthly Pro","vip_level_name":"basic","vip_period_name":"month",` +
		`"created_on_UTC":"2025-01-01T12:13:14.000Z","vip_end_UTC":"2025-02-01T12:13:14.000Z"},` +
		`"country_code":"US","credits":500,"credits_silver":4,"feed_list_count":574}`
	run(t, base, []exchange{
		{method: "GET", path: path + "?account=123456789", wantStatus: 200, wantType: "application/json", wantBody: want},
		{method: "GET", path: path, wantStatus: 200, wantBody: want}, // the only account
		{method: "GET", path: path + "?account=999", wantStatus: 404, wantBody: murekaNotFoundText},
		{method: "GET", path: path + "x?account=123456789", wantStatus: 404},
	})
	s.PutAccount(token, Mureka, Account{Email: "b@example.com", Password: "p"})
	other := MurekaAccountID("b@example.com")
	run(t, base, []exchange{
		{method: "GET", path: path, wantStatus: 400, wantBody: `{"error":"Parameter account is required when more than one account is configured","code":400}`},
		{method: "GET", path: path + "?account=" + other, wantStatus: 200, wantIn: `{"user":{"id":"` + other + `","user_id":` + other + `,`},
	})
	s.SetAccountError(token, Mureka, "123456789", "Session expired")
	run(t, base, []exchange{
		{method: "GET", path: path + "?account=123456789", wantStatus: 596, wantBody: `{"error":"Session expired","code":596}`},
	})
	if n := s.CallCounts()[CallMurekaProfile]; n != 9 {
		t.Errorf("%s counted %d, want 9", CallMurekaProfile, n)
	}
}
