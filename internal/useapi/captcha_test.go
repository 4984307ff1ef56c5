package useapi_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

func TestCaptchaProvidersAgainstEmulator(t *testing.T) {
	t.Parallel()
	emu, c, logs := startLogged(t)
	ctx := context.Background()

	got, err := c.CaptchaProviders(ctx)
	if err != nil || len(got.Masked) != 0 || got.FreeCaptchaCredits == nil || *got.FreeCaptchaCredits != emulator.DefaultFreeCaptchaCredits {
		t.Fatalf("none set: %+v, %v", got, err)
	}
	const capKey, twoKey = "CAP-7f3e9a1b2c", "2cap-0a9b8c7d6e"
	got, err = c.SetCaptchaProviders(ctx, map[string]string{useapi.CaptchaCapSolver: capKey, useapi.Captcha2Captcha: twoKey, useapi.CaptchaEzCaptcha: ""})
	if err != nil || got.FreeCaptchaCredits != nil {
		t.Fatalf("set: %+v, %v", got, err)
	}
	want := map[string]string{useapi.CaptchaCapSolver: emulator.MaskCaptchaKey(capKey), useapi.Captcha2Captcha: emulator.MaskCaptchaKey(twoKey)}
	if !maps.Equal(got.Masked, want) {
		t.Fatalf("masked %v, want %v", got.Masked, want)
	}
	if keys := emu.CaptchaKeys(token); !maps.Equal(keys, map[string]string{"CapSolver": capKey, "2Captcha": twoKey}) {
		t.Fatalf("service holds %v", keys)
	}
	if got, err = c.CaptchaProviders(ctx); err != nil || !maps.Equal(got.Masked, want) {
		t.Fatalf("get: %+v, %v", got, err)
	}
	if _, err := c.SetCaptchaProviders(ctx, map[string]string{"Bogus": capKey}); err == nil {
		t.Fatal("an unknown provider was accepted")
	} else if strings.Contains(err.Error(), capKey) {
		t.Fatalf("the error shows the key: %v", err)
	}
	if _, err := c.SetCaptchaProviders(ctx, nil); err == nil {
		t.Fatal("an empty body was sent")
	}
	all := map[string]string{}
	for _, name := range useapi.CaptchaProviderNames {
		all[name] = ""
	}
	if got, err = c.SetCaptchaProviders(ctx, all); err != nil || len(got.Masked) != 0 || got.FreeCaptchaCredits == nil {
		t.Fatalf("remove all: %+v, %v", got, err)
	}
	// Neither a key nor its masked form is logged: the masked form is a part of the key.
	text := logs.String()
	for _, secret := range []string{capKey, twoKey, emulator.MaskCaptchaKey(capKey), emulator.MaskCaptchaKey(twoKey)} {
		if strings.Contains(text, secret) {
			t.Errorf("the log shows %q:\n%s", secret, text)
		}
	}
	if !strings.Contains(text, "captcha-providers") {
		t.Errorf("the requests were not logged:\n%s", text)
	}
}

func TestCaptchaAnswers(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, get, post string
		wantMasked      map[string]string
		wantCredits     int64 // -1: nil
		wantErr         bool
	}{
		{name: "free credits", get: `{"freeCaptchaCredits":100}`, wantMasked: map[string]string{}, wantCredits: 100},
		{name: "masked keys", get: `{"CapSolver":"abc12…","AntiCaptcha":"def34…"}`,
			wantMasked: map[string]string{"CapSolver": "abc12…", "AntiCaptcha": "def34…"}, wantCredits: -1},
		{name: "a new provider is kept, a non-string ignored", get: `{"NewCaptcha":"xyz12…","flag":true}`,
			wantMasked: map[string]string{"NewCaptcha": "xyz12…"}, wantCredits: -1},
		{name: "not an object", get: `[1]`, wantErr: true},
		{name: "credits not a number", get: `{"freeCaptchaCredits":"many"}`, wantErr: true},
		{name: "post answers nothing useful: read back", post: `{"success":true}`, get: `{"CapSolver":"abc12…"}`,
			wantMasked: map[string]string{"CapSolver": "abc12…"}, wantCredits: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if r.Method == http.MethodPost {
					_, _ = w.Write([]byte(tc.post))
					return
				}
				_, _ = w.Write([]byte(tc.get))
			}))
			t.Cleanup(srv.Close)
			c, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			var got *useapi.CaptchaProviders
			if tc.post != "" {
				got, err = c.SetCaptchaProviders(context.Background(), map[string]string{"CapSolver": "abc123456"})
			} else {
				got, err = c.CaptchaProviders(context.Background())
			}
			if tc.wantErr {
				if err == nil {
					t.Fatalf("no error: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got.Masked, tc.wantMasked) {
				t.Errorf("masked %v, want %v", got.Masked, tc.wantMasked)
			}
			switch {
			case tc.wantCredits < 0 && got.FreeCaptchaCredits != nil:
				t.Errorf("credits %d, want none", *got.FreeCaptchaCredits)
			case tc.wantCredits >= 0 && (got.FreeCaptchaCredits == nil || *got.FreeCaptchaCredits != tc.wantCredits):
				t.Errorf("credits %v, want %d", got.FreeCaptchaCredits, tc.wantCredits)
			}
		})
	}
}

func TestCaptchaKeyMatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		masked, key string
		want        bool
	}{
		{"abc12…", "abc12345", true},
		{"abc12...", "abc12345", true},
		{"abc12***", "abc12345", true},
		{"abc12…", "abc99345", false},
		{"abc12…", "ab", false},
		// A mask that shows nothing cannot tell a change: it matches rather than report drift forever.
		{"…", "anything", true},
		{"", "anything", true},
	}
	for _, tt := range tests {
		if got := useapi.CaptchaKeyMatches(tt.masked, tt.key); got != tt.want {
			t.Errorf("CaptchaKeyMatches(%q, %q) = %v, want %v", tt.masked, tt.key, got, tt.want)
		}
	}
}

// TestCaptchaLogMasksUnknownProviders: the log of the captcha endpoint shows no string value, not even
// the masked key of a provider this client does not know.
func TestCaptchaLogMasksUnknownProviders(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"CapSolver":"CAP-1…","NewSolver":"NEW-9…"}`))
	}))
	t.Cleanup(srv.Close)
	log := &leaktest.Logger{}
	c, err := useapi.New(useapi.Config{Token: "user:1-abcdefghij", BaseURL: srv.URL, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.CaptchaProviders(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.Masked["NewSolver"] != "NEW-9…" {
		t.Fatalf("the answer was not decoded: %+v", got.Masked)
	}
	for _, shown := range []string{"CAP-1", "NEW-9"} {
		if strings.Contains(log.Fields(), shown) {
			t.Errorf("the log shows the masked key %q:\n%s", shown, log.Fields())
		}
	}
	if !strings.Contains(log.Fields(), "REDACTED") {
		t.Fatalf("the log shows no answer at all, so this test proves nothing:\n%s", log.Fields())
	}
}
