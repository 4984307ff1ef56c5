package emulator

import (
	"maps"
	"testing"
)

func TestCaptchaProviders(t *testing.T) {
	t.Parallel()
	s, srv := newServer(t, Options{})
	const path = "/v1/google-flow/accounts/captcha-providers"
	run(t, srv.URL, []exchange{
		{method: "GET", path: path, auth: "Bearer nope", wantStatus: 401, wantIn: msgUnauthorized},
		{method: "POST", path: path, auth: "Bearer nope", body: `{"CapSolver":"CAP-secret-1"}`, wantStatus: 401},
		{method: "GET", path: path, wantStatus: 200, wantType: "application/json", wantBody: `{"freeCaptchaCredits":300}`},
		{method: "POST", path: path, body: `{"CapSolver":"CAP-secret-1","2Captcha":"twokey-99"}`, wantStatus: 200,
			wantBody: `{"2Captcha":"twoke…","CapSolver":"CAP-s…"}`, wantOut: "secret"},
		{method: "GET", path: path, wantStatus: 200, wantBody: `{"2Captcha":"twoke…","CapSolver":"CAP-s…"}`},
		// Left out keeps its key; an empty string removes.
		{method: "POST", path: path, body: `{"2Captcha":""}`, wantStatus: 200, wantBody: `{"CapSolver":"CAP-s…"}`},
		{method: "POST", path: path, body: `{"Unknown":"x"}`, wantStatus: 400, wantIn: "Unknown captcha provider"},
		{method: "POST", path: path, body: `{"CapSolver":5}`, wantStatus: 400, wantIn: "must be a string"},
		{method: "POST", path: path, body: `{}`, wantStatus: 400},
		{method: "POST", path: path, body: `[1]`, wantStatus: 400},
		{method: "POST", path: path, body: `not json`, wantStatus: 400},
		{method: "GET", path: path, wantStatus: 200, wantBody: `{"CapSolver":"CAP-s…"}`},
		{method: "POST", path: path, body: `{"CapSolver":""}`, wantStatus: 200, wantBody: `{"freeCaptchaCredits":300}`},
	})
	s.SetCaptchaKey(token, "EzCaptcha", "abc")
	s.SetFreeCaptchaCredits(token, 7)
	if got := s.CaptchaKeys(token); !maps.Equal(got, map[string]string{"EzCaptcha": "abc"}) {
		t.Fatalf("keys %v", got)
	}
	run(t, srv.URL, []exchange{{method: "GET", path: path, wantStatus: 200, wantBody: `{"EzCaptcha":"a…"}`}})
	s.SetCaptchaKey(token, "EzCaptcha", "")
	run(t, srv.URL, []exchange{{method: "GET", path: path, wantStatus: 200, wantBody: `{"freeCaptchaCredits":7}`}})

	// Keys are the subscription's: another token sees none.
	s.AddToken("user:43-other")
	s.SetCaptchaKey(token, "CapSolver", "mine-123456")
	run(t, srv.URL, []exchange{{method: "GET", path: path, auth: "Bearer user:43-other", wantStatus: 200, wantBody: `{"freeCaptchaCredits":300}`}})
	s.SetSubscriptionActive(token, false)
	run(t, srv.URL, []exchange{{method: "GET", path: path, wantStatus: 402}})
	if n := s.Calls("GET", "/v1/google-flow/accounts/captcha-providers"); n == 0 {
		t.Fatal("calls not counted")
	}
}

func TestMaskCaptchaKey(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]string{"abc123456": "abc12…", "abcdef": "abcde…", "abcde": "ab…", "a": "…", "ключ-секрет": "ключ-…"} {
		if got := MaskCaptchaKey(key); got != want {
			t.Errorf("MaskCaptchaKey(%q) = %q, want %q", key, got, want)
		}
	}
}
