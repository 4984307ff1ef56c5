package useapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The wire names of the captcha solvers Google Flow takes API keys for, as useapi.net's GET and POST
// /v1/google-flow/accounts/captcha-providers name them
// (https://useapi.net/docs/api-google-flow-v1/get-google-flow-accounts-captcha-providers).
const (
	CaptchaCapSolver    = "CapSolver"
	CaptchaAntiCaptcha  = "AntiCaptcha"
	CaptchaYesCaptcha   = "YesCaptcha"
	CaptchaSolveCaptcha = "SolveCaptcha"
	Captcha2Captcha     = "2Captcha"
	CaptchaCapMonster   = "CapMonster"
	CaptchaEzCaptcha    = "EzCaptcha"
)

// CaptchaProviderNames are every provider's wire name, in the order the docs list them.
var CaptchaProviderNames = []string{
	CaptchaCapSolver, CaptchaAntiCaptcha, CaptchaYesCaptcha, CaptchaSolveCaptcha,
	Captcha2Captcha, CaptchaCapMonster, CaptchaEzCaptcha,
}

// freeCaptchaCreditsField is the field GET answers instead of keys when none is set.
const freeCaptchaCreditsField = "freeCaptchaCredits"

// captchaPath is the endpoint of the subscription's captcha keys.
var captchaPath = []string{"v1", "google-flow", "accounts", "captcha-providers"}

// CaptchaProviders is what useapi.net answers of the subscription's captcha keys.
type CaptchaProviders struct {
	// Masked are the providers set, by wire name, each with its key as the service masks it (its first
	// characters and "…", as in the docs' "abc12…"). The masked form is still a part of the secret: it is
	// never logged.
	Masked map[string]string
	// FreeCaptchaCredits are the free captcha credits left; the service answers them only while no key is
	// set, nil otherwise.
	FreeCaptchaCredits *int64
}

// CaptchaKeyMatches reports whether masked, as the service shows a key, may be key: the characters the
// service shows, once its mask (an ellipsis, dots, asterisks) is cut off, begin key. The mask's form is
// assumed (the docs show "abc12…"), so any of those marks is cut; a mask that shows nothing says nothing,
// and matches.
func CaptchaKeyMatches(masked, key string) bool {
	shown := strings.TrimRight(strings.TrimSpace(masked), "….*")
	return strings.HasPrefix(key, shown)
}

// captchaSecretFields are the fields whose values, keys or their masked forms, no log shows: every
// string, so that a provider this client does not know yet is masked too.
func captchaSecretFields() []string { return append(slices.Clone(CaptchaProviderNames), everyString) }

// UnmarshalJSON reads the answer: one object of wire names to masked keys, or {"freeCaptchaCredits": N}.
// A field of a name this client does not know is kept in Masked when its value is a string, so that a
// provider the service adds later shows as set.
func (p *CaptchaProviders) UnmarshalJSON(data []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	if fields == nil {
		return fmt.Errorf("the captcha providers' answer is not a JSON object")
	}
	p.Masked = map[string]string{}
	p.FreeCaptchaCredits = nil
	for name, raw := range fields {
		if name == freeCaptchaCreditsField {
			var n float64
			if err := json.Unmarshal(raw, &n); err != nil {
				return fmt.Errorf("field %s is not a number", freeCaptchaCreditsField)
			}
			credits := int64(n)
			p.FreeCaptchaCredits = &credits
			continue
		}
		var masked string
		if err := json.Unmarshal(raw, &masked); err != nil {
			continue // not a key: no provider answers one so
		}
		if masked != "" {
			p.Masked[name] = masked
		}
	}
	return nil
}

// ReadBackError is a read that followed a write the service took: the write took effect whatever the
// read's own error says (an interruption before it was sent, say).
type ReadBackError struct{ Err error }

func (e *ReadBackError) Error() string {
	return "useapi.net took the request, but reading the result back failed: " + e.Err.Error()
}

func (e *ReadBackError) Unwrap() error { return e.Err }

// namesAProvider reports whether the answer holds a key of a provider this client knows: an answer of
// another shape (a message, say) is not the keys.
func (p *CaptchaProviders) namesAProvider() bool {
	for _, name := range CaptchaProviderNames {
		if _, ok := p.Masked[name]; ok {
			return true
		}
	}
	return false
}

// CaptchaProviders reads the subscription's captcha keys, masked (GET
// /v1/google-flow/accounts/captcha-providers).
func (c *Client) CaptchaProviders(ctx context.Context) (*CaptchaProviders, error) {
	var out CaptchaProviders
	ctx = withSecretFields(ctx, captchaSecretFields()...)
	if err := c.do(ctx, http.MethodGet, captchaPath, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetCaptchaProviders sets the keys given, by wire name, and removes the providers given an empty key
// (POST /v1/google-flow/accounts/captcha-providers); the service keeps the keys of providers left out.
// The keys are secrets: no log, error or answer shows them. The answer is read as the GET answer; when the
// service answers something else the keys are read back with a GET.
func (c *Client) SetCaptchaProviders(ctx context.Context, keys map[string]string) (*CaptchaProviders, error) {
	if len(keys) == 0 {
		return nil, fmt.Errorf("no captcha provider to set")
	}
	secrets := make([]string, 0, len(keys))
	for name, key := range keys {
		if strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("a captcha provider has no name")
		}
		if key != "" {
			secrets = append(secrets, key)
		}
	}
	body, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("encoding the captcha keys: %w", err)
	}
	ctx = withSecretFields(WithSecrets(ctx, secrets...), captchaSecretFields()...)
	var answer json.RawMessage
	if err := c.do(ctx, http.MethodPost, captchaPath, body, &answer); err != nil {
		return nil, err
	}
	var out CaptchaProviders
	if err := json.Unmarshal(answer, &out); err != nil || (!out.namesAProvider() && out.FreeCaptchaCredits == nil) {
		// The docs do not show the POST's answer (assumed: the GET answer after the change); anything else
		// is no error, since the keys were set: read them back.
		read, err := c.CaptchaProviders(ctx)
		if err != nil {
			return nil, &ReadBackError{Err: err}
		}
		return read, nil
	}
	return &out, nil
}
