package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

func TestCredentialMark(t *testing.T) {
	t.Parallel()
	c := miniMaxService.credential
	given := func(token, url string) givenCredential {
		return givenCredential{set: true, known: true, values: map[string]string{"token": token, "url": url}}
	}
	mark := c.markOf(given("a.b.c", "https://x/1"))
	if again := c.markOf(given("a.b.c", "https://x/1")); bytes.Equal(mark, again) {
		t.Error("two marks of one credential are equal: the salt is not fresh")
	}
	if bytes.Contains(mark, []byte("a.b.c")) || bytes.Contains(mark, []byte("https://x/1")) {
		t.Errorf("the mark %s holds the credential", mark)
	}
	tests := []struct {
		name  string
		mark  []byte
		given givenCredential
		want  bool
	}{
		{"the same credential", mark, given("a.b.c", "https://x/1"), true},
		{"another token", mark, given("a.b.d", "https://x/1"), false},
		{"another url", mark, given("a.b.c", "https://x/2"), false},
		// Length-prefixed parts: moving a character from one part to the other is another credential.
		{"the same characters split differently", mark, given("a.b.ch", "ttps://x/1"), false},
		{"a corrupt mark", []byte(`{"salt":"zz","sha256":"00"}`), given("a.b.c", "https://x/1"), false},
		{"not JSON", []byte("true"), given("a.b.c", "https://x/1"), false},
	}
	for _, tt := range tests {
		if got := c.matches(tt.mark, tt.given); got != tt.want {
			t.Errorf("%s: matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCredentialMarkOfTheEmailWay: the mark of Mureka's email way is of the email alone, never of the
// password, which a digest could give away; removing the optional refresh token alone is no change.
func TestCredentialMarkOfTheEmailWay(t *testing.T) {
	t.Parallel()
	c := murekaService.credential
	byEmail := func(email, password string) givenCredential {
		return givenCredential{set: true, known: true, login: true, values: map[string]string{"email": email, "password": password}}
	}
	mark := c.markOf(byEmail("a@example.com", "pw-one"))
	if !c.matches(mark, byEmail("a@example.com", "another password")) {
		t.Error("the mark depends on the password, so a digest of it is in state")
	}
	if c.matches(mark, byEmail("b@example.com", "pw-one")) {
		t.Error("another email matches the mark")
	}
	byToken := func(token, refresh string) givenCredential {
		return givenCredential{set: true, known: true, values: map[string]string{"token": token, "refresh_token": refresh}}
	}
	withRefresh := c.markOf(byToken("a.b.c", "r1"))
	for _, tt := range []struct {
		name  string
		given givenCredential
		want  bool
	}{
		{"the same", byToken("a.b.c", "r1"), true},
		{"the refresh token removed", byToken("a.b.c", ""), true},
		{"another refresh token", byToken("a.b.c", "r2"), false},
		{"another token without the refresh token", byToken("a.b.d", ""), false},
		{"the email way", byEmail("a@example.com", "pw-one"), false},
	} {
		if got := c.matches(withRefresh, tt.given); got != tt.want {
			t.Errorf("%s: matches = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// fakePrivate is a private state with one credential mark, or none.
type fakePrivate struct{ mark []byte }

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	if key == credentialKey {
		return p.mark, nil
	}
	return nil, nil
}

// TestCredentialUse is the rule of when a credential is sent, as plan and apply both decide it.
func TestCredentialUse(t *testing.T) {
	t.Parallel()
	sent := givenCredential{set: true, known: true, values: map[string]string{"refresh_token": "token-one-0123"}}
	other := givenCredential{set: true, known: true, values: map[string]string{"refresh_token": "token-two-0123"}}
	unknown := givenCredential{set: true, values: map[string]string{"refresh_token": ""}}
	none := givenCredential{values: map[string]string{}}
	healthy := accountArgs{ID: types.StringValue("a@example.com"), MaxJobs: types.Int64Value(2), Error: types.StringNull(), PasswordWOVersion: types.Int64Null()}
	with := func(a accountArgs, edit func(*accountArgs)) accountArgs { edit(&a); return a }
	broken := with(healthy, func(a *accountArgs) { a.Error = types.StringValue("Session expired") })
	pending := with(broken, func(a *accountArgs) { a.ID = types.StringValue("") })
	v1 := with(healthy, func(a *accountArgs) { a.PasswordWOVersion = types.Int64Value(1) })
	v2 := with(healthy, func(a *accountArgs) { a.PasswordWOVersion = types.Int64Value(2) })
	jobs3 := with(healthy, func(a *accountArgs) { a.MaxJobs = types.Int64Value(3) })

	tests := []struct {
		name               string
		svc                *accountService
		prior, planned     accountArgs
		given              givenCredential
		marked             bool
		write, send, fatal bool
		missing            bool
	}{
		{name: "nothing changed", svc: flowMusicService, prior: healthy, planned: healthy, given: sent, marked: true},
		{name: "moved to the write-only form", svc: flowMusicService, prior: healthy, planned: v1, given: sent, marked: true},
		{name: "a new value", svc: flowMusicService, prior: healthy, planned: healthy, given: other, marked: true, write: true, send: true},
		{name: "a value not known at plan", svc: flowMusicService, prior: healthy, planned: healthy, given: unknown, marked: true, write: true, send: true},
		{name: "a version bump of the same value", svc: flowMusicService, prior: v1, planned: v2, given: sent, marked: true, write: true, send: true},
		{name: "imported: the configured one is taken as held", svc: flowMusicService, prior: healthy, planned: healthy, given: other},
		{name: "max_jobs alone, with an update without it", svc: flowMusicService, prior: healthy, planned: jobs3, given: sent, marked: true, write: true},
		{name: "max_jobs alone, without a credential", svc: flowMusicService, prior: healthy, planned: jobs3, given: none, write: true},
		{name: "max_jobs, where it needs the credential", svc: miniMaxService, prior: healthy, planned: jobs3, given: sent, marked: true, write: true, send: true},
		{name: "max_jobs needs one and none is given", svc: miniMaxService, prior: healthy, planned: jobs3, given: none, write: true, send: true, missing: true, fatal: true},
		{name: "broken: added again", svc: flowMusicService, prior: broken, planned: healthy, given: sent, marked: true, write: true, send: true},
		{name: "broken without a credential: left, with a warning", svc: flowMusicService, prior: broken, planned: healthy, given: none, missing: true},
		{name: "pending without a credential", svc: flowMusicService, prior: pending, planned: pending, given: none, write: true, send: true, missing: true, fatal: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			r := &accountResource{svc: tt.svc}
			var private fakePrivate
			if tt.marked {
				private.mark = tt.svc.credential.markOf(sent)
			}
			got := r.useOf(context.Background(), tt.prior, tt.planned, tt.given, private, &diags)
			if got.write != tt.write || got.send != tt.send || got.fatal != tt.fatal || (got.missing != "") != tt.missing {
				t.Errorf("useOf = %+v, want write %v, send %v, missing %v, fatal %v", got, tt.write, tt.send, tt.missing, tt.fatal)
			}
		})
	}
}

// TestSecretValidatorsDoNotEcho: a refused credential is described, never shown: a token read from a
// file with its line break, or a url without its scheme, must not reach a diagnostic.
func TestSecretValidatorsDoNotEcho(t *testing.T) {
	t.Parallel()
	const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2VjcmV0LXNpZ25hdHVyZQ\n"
	const url = "hailuoai.video/v1/api/cursor?device_id=998877665544332211"
	check := func(name, value string, validators []validator.String) {
		for _, v := range validators {
			var resp validator.StringResponse
			v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(name), ConfigValue: types.StringValue(value)}, &resp)
			for _, d := range resp.Diagnostics {
				for _, form := range leaktest.Forms(strings.TrimSpace(value)) {
					if strings.Contains(d.Summary()+d.Detail(), form) {
						t.Errorf("%s: the diagnostic %q shows the value", name, d.Detail())
					}
				}
			}
		}
	}
	spec := miniMaxService.credential
	check("token", token, spec.validators)
	check("url", url, spec.parts[0].validators)
	var refused int
	for _, v := range spec.validators {
		var resp validator.StringResponse
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("token"), ConfigValue: types.StringValue(token)}, &resp)
		refused += resp.Diagnostics.ErrorsCount()
	}
	if refused == 0 {
		t.Error("a token with a line break was not refused, so this test proves nothing")
	}
}
