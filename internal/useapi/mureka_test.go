package useapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// TestMurekaAgainstEmulator: both ways of adding an account, as the provider sends them, their
// answers, switching ways, a refused login, and that no secret reaches the log.
func TestMurekaAgainstEmulator(t *testing.T) {
	t.Parallel()
	emu, c, logs := startLogged(t)
	ctx, api := context.Background(), c.Mureka()
	const email, password = "jo@example.com", "correct-horse-battery"
	emu.AddUser(emulator.Mureka, email, password)
	id := emulator.MurekaAccountID(email)

	if got, err := api.List(ctx); err != nil || len(got) != 0 {
		t.Fatalf("empty list: %v, %v", got, err)
	}
	a, err := api.Upsert(ctx, useapi.AccountInput{Email: email, Password: password})
	if err != nil || a.Account != id || a.AuthMode == nil || *a.AuthMode != "email" || a.Email == nil || *a.Email != email ||
		a.HasAutoRefresh == nil || !*a.HasAutoRefresh || a.TokenIssuedDaysAgo == nil || *a.TokenIssuedDaysAgo != 0 ||
		a.UpdatedUTC == nil || a.Error != "" {
		t.Fatalf("add by email: %+v, %v", a, err)
	}

	// A wrong password is the site refusing the login, not useapi.net refusing the API token.
	_, err = api.Upsert(ctx, useapi.AccountInput{Email: email, Password: "wrong-password-here"})
	var apiErr *useapi.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || apiErr.Message != "Wrong username/password combination." ||
		apiErr.Reason() != useapi.ReasonLoginRejected || strings.Contains(err.Error(), "wrong-password-here") {
		t.Fatalf("a wrong password: %v (reason %v), want the login refused", err, reasonOf(err))
	}

	// The token way, without a refresh token (not sent when empty), then with one for the same account.
	bare := emu.IssueCredential(emulator.Mureka, "222333444")
	a, err = api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"token": bare, "refresh_token": ""}})
	if err != nil || a.Account != "222333444" || *a.AuthMode != "token" || a.Email != nil || *a.HasAutoRefresh {
		t.Fatalf("add by a token alone: %+v, %v", a, err)
	}
	tok := emu.IssueCredential(emulator.Mureka, id)
	refresh := emu.CredentialRefreshToken(emulator.Mureka, tok)
	a, err = api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"token": tok, "refresh_token": refresh}})
	if err != nil || a.Account != id || *a.AuthMode != "token" || a.Email != nil || !*a.HasAutoRefresh {
		t.Fatalf("switch to token: %+v, %v", a, err)
	}
	if got := emu.Accounts(token, emulator.Mureka); len(got) != 2 || got[1].ID != id || got[1].Extra != refresh || got[0].Extra != "" {
		t.Fatalf("held: %+v", got)
	}
	list, err := api.List(ctx)
	if err != nil || len(list) != 2 || list[id].Account != id || *list["222333444"].AuthMode != "token" {
		t.Fatalf("list: %+v, %v", list, err)
	}
	emu.SetAccountError(token, emulator.Mureka, "222333444", "Session refresh failed, manual update required")
	if got, err := api.Get(ctx, "222333444"); err != nil || got.Error != "Session refresh failed, manual update required" {
		t.Fatalf("get of an account in error: %+v, %v; want it as stored", got, err)
	}
	for _, key := range []string{id, "222333444"} {
		for range 2 {
			if err := api.Delete(ctx, key); err != nil {
				t.Fatalf("delete: %v", err)
			}
		}
		if _, err := api.Get(ctx, key); !errors.Is(err, useapi.ErrNotFound) {
			t.Fatalf("get after delete: %v", err)
		}
	}
	for _, object := range []bool{false, true} {
		emu.SetEmptyListObject(emulator.Mureka, object)
		if got, err := api.List(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty list (as {}: %v): %v, %v", object, got, err)
		}
	}
	out := logs.String()
	for _, secret := range []string{password, "wrong-password-here", bare, tok, refresh} {
		if strings.Contains(out, secret) {
			t.Fatalf("the log shows %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "[REDACTED]") || !strings.Contains(out, id) {
		t.Fatalf("the log shows nothing:\n%s", out)
	}
}

// murekaListExample is the list page's example (January 20, 2026): an account added through Google's
// sign-in, with its session cookie, and one in error.
const murekaListExample = `{
  "123456789": {"account": "123456789", "token": "abc…secured…xyz", "updated": 1724514995,
    "updatedUTC": "2024-10-24T15:56:35.000Z", "tokenIssuedDaysAgo": 29, "hasAutoRefresh": true, "email": "user@example.com",
    "sessionCookie": {"name": "__Secure-3PSID", "value": "g.a000abc…secured…12345", "domain": ".google.com", "path": "/"}},
  "987654321": {"account": 987654321, "token": "def…secured…uvw", "updated": 1724514995,
    "updatedUTC": "2024-10-24T15:56:35.000Z", "tokenIssuedDaysAgo": 1, "hasAutoRefresh": false,
    "error": "Session refresh failed 2026-01-19T14:31:15.000Z, manual update required"}
}`

// TestMurekaAccountDecoding: the account id as a string or a number, the earlier pages' objects, and
// the secret fields masked in the log.
func TestMurekaAccountDecoding(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(murekaListExample))
	}))
	t.Cleanup(srv.Close)
	logs := &leaktest.Logger{}
	c, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL, Logger: logs})
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.Mureka().List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	one, two := list["123456789"], list["987654321"]
	if one.Account != "123456789" || two.Account != "987654321" || one.AuthMode != nil || *one.Email != "user@example.com" ||
		!*one.HasAutoRefresh || *one.TokenIssuedDaysAgo != 29 || *two.UpdatedUTC != "2024-10-24T15:56:35.000Z" ||
		two.Email != nil || *two.HasAutoRefresh || !strings.HasPrefix(two.Error, "Session refresh failed") {
		t.Fatalf("list: %+v", list)
	}
	for _, shown := range []string{"abc…secured…xyz", "def…secured…uvw", "g.a000abc"} {
		if strings.Contains(logs.String(), shown) {
			t.Fatalf("the log shows %q:\n%s", shown, logs.String())
		}
	}
	var a useapi.MurekaAccount
	if err := json.Unmarshal([]byte(`{"account":true}`), &a); err == nil {
		t.Fatalf("an account id that is neither a string nor a number: %+v", a)
	}
	if err := json.Unmarshal([]byte(`{"account":null,"authMode":"email"}`), &a); err != nil || a.Account != "" || *a.AuthMode != "email" {
		t.Fatalf("no account id: %+v, %v", a, err)
	}
}

func TestMurekaProfile(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	ctx := context.Background()

	if _, err := c.MurekaProfile(ctx, "123456789"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("none configured: %v", err)
	}
	emu.PutAccount(token, emulator.Mureka, emulator.Account{ID: "123456789"})
	got, err := c.MurekaProfile(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	u := got.User
	if u == nil || *u.ID != "123456789" || *u.StageName == "" || !*u.IsVIP || *u.VIPName != "Monthly Pro" || *u.VIPLevelName != "basic" ||
		*u.VIPPeriodName != "month" || u.VIPEndUTC == nil || *got.Credits != 500 || *got.CreditsSilver != 4 || *got.CountryCode != "US" {
		t.Fatalf("profile: %+v (user %+v)", got, u)
	}
	emu.PutAccount(token, emulator.Mureka, emulator.Account{Email: "b@example.com", Password: "p"})
	if got, err := c.MurekaProfile(ctx, emulator.MurekaAccountID("b@example.com")); err != nil || *got.User.ID != emulator.MurekaAccountID("b@example.com") {
		t.Fatalf("the other account's profile: %+v, %v", got, err)
	}
	if _, err := c.MurekaProfile(ctx, "999"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	emu.SetAccountError(token, emulator.Mureka, "123456789", "Session refresh failed 2026-01-19T14:31:15.000Z, manual update required")
	_, err = c.MurekaProfile(ctx, "123456789")
	wantAccountError(t, err, "Session refresh failed 2026-01-19T14:31:15.000Z, manual update required")
	if n := emu.CallCounts()[emulator.CallMurekaProfile]; n != 5 {
		t.Fatalf("%s counted %d, want 5", emulator.CallMurekaProfile, n)
	}
}

// reasonOf is err's Reason, or -1 when it is no APIError.
func reasonOf(err error) useapi.Reason {
	var apiErr *useapi.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Reason()
	}
	return -1
}
