package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// The counter keys of the captcha providers' endpoint, as CallCounts reports them.
const (
	CallCaptchaProvidersGet  = http.MethodGet + " /v1/google-flow/accounts/captcha-providers"
	CallCaptchaProvidersPost = http.MethodPost + " /v1/google-flow/accounts/captcha-providers"
)

// CaptchaProviders are the wire names of the captcha solvers Google Flow takes keys for, as GET
// /v1/google-flow/accounts/captcha-providers names them (useapi.net's docs list these seven).
var CaptchaProviders = []string{"CapSolver", "AntiCaptcha", "YesCaptcha", "CapMonster", "SolveCaptcha", "2Captcha", "EzCaptcha"}

// DefaultFreeCaptchaCredits is what a new token has of the free captcha credits useapi.net grants
// (assumed: the docs' example shows 100, other material says 300; the number only has to be plausible).
const DefaultFreeCaptchaCredits = 300

// MaskCaptchaKey is the form GET answers a key in: its first five characters and "…", as the docs'
// example shows ("abc12…"). A key of five characters or fewer is masked to its first half and "…"
// (assumed: the docs do not say), so that no key is ever answered whole. The client depends on no such
// rule: useapi.CaptchaKeyMatches takes any mask that keeps a key's first characters.
func MaskCaptchaKey(key string) string {
	r := []rune(key)
	n := 5
	if len(r) <= n {
		n = len(r) / 2
	}
	return string(r[:n]) + "…"
}

// captchaState is one token's captcha keys and free credits; the caller holds s.mu.
type captchaState struct {
	keys map[string]string
	free int
}

func (s *Server) captchaOf(token string) *captchaState {
	if s.captcha == nil {
		s.captcha = map[string]*captchaState{}
	}
	c := s.captcha[token]
	if c == nil {
		c = &captchaState{keys: map[string]string{}, free: DefaultFreeCaptchaCredits}
		s.captcha[token] = c
	}
	return c
}

// routeCaptcha registers the captcha providers' endpoint.
func (s *Server) routeCaptcha() {
	s.mux.HandleFunc(CallCaptchaProvidersGet, s.getCaptchaProviders)
	s.mux.HandleFunc(CallCaptchaProvidersPost, s.postCaptchaProviders)
}

// CaptchaKeys are a token's captcha keys as they are stored, unmasked, by wire name.
func (s *Server) CaptchaKeys(token string) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.captchaOf(token).keys)
}

// SetCaptchaKey sets a token's key of a provider (a wire name) out of band, as another client would; an
// empty key removes it.
func (s *Server) SetCaptchaKey(token, provider, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.captchaOf(token)
	if key == "" {
		delete(c.keys, provider)
		return
	}
	c.keys[provider] = key
}

// SetFreeCaptchaCredits sets a token's free captcha credits left.
func (s *Server) SetFreeCaptchaCredits(token string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.captchaOf(token).free = n
}

// captchaAnswer is the GET answer: every key set, masked, or the free credits when none is.
func captchaAnswer(c *captchaState) map[string]any {
	out := map[string]any{}
	for name, key := range c.keys {
		out[name] = MaskCaptchaKey(key)
	}
	if len(out) == 0 {
		out["freeCaptchaCredits"] = c.free
	}
	return out
}

// captchaToken is the caller's token, once the request showed a usable subscription; else false, with
// the 401 or 402 answered. The caller holds s.mu.
func (s *Server) captchaToken(w http.ResponseWriter, r *http.Request) (string, bool) {
	sub := s.caller(r)
	switch {
	case sub == nil:
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: msgUnauthorized, Code: http.StatusUnauthorized})
		return "", false
	case !sub.active:
		writeJSON(w, http.StatusPaymentRequired, errorBody{Error: msgNoSubscription, Code: http.StatusPaymentRequired})
		return "", false
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return token, true
}

func (s *Server) getCaptchaProviders(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	token, ok := s.captchaToken(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, captchaAnswer(s.captchaOf(token)))
}

// postCaptchaProviders sets the keys a body names; an empty string removes the provider, a provider the
// body leaves out keeps its key. The docs say the body is an object of provider names to keys; that an
// unknown name, a value that is not a string, or an empty body are refused with 400 is assumed (their
// words too), and so is that the answer is the GET answer after the change.
func (s *Server) postCaptchaProviders(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	s.mu.Lock()
	defer s.mu.Unlock()
	token, ok := s.captchaToken(w, r)
	if !ok {
		return
	}
	var in map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err != nil || dec.Decode(&in) != nil || in == nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "Request body must be a JSON object", Code: http.StatusBadRequest})
		return
	}
	if len(in) == 0 {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "At least one captcha provider is required", Code: http.StatusBadRequest})
		return
	}
	keys := map[string]string{}
	for name, v := range in {
		if !slices.Contains(CaptchaProviders, name) {
			writeJSON(w, http.StatusBadRequest, errorBody{Error: "Unknown captcha provider " + name + "; supported: " + strings.Join(CaptchaProviders, ", "), Code: http.StatusBadRequest})
			return
		}
		key, isString := v.(string)
		if !isString {
			writeJSON(w, http.StatusBadRequest, errorBody{Error: "Captcha provider " + name + " API key must be a string", Code: http.StatusBadRequest})
			return
		}
		keys[name] = key
	}
	c := s.captchaOf(token)
	for name, key := range keys {
		if key == "" {
			delete(c.keys, name)
		} else {
			c.keys[name] = key
		}
	}
	writeJSON(w, http.StatusOK, captchaAnswer(c))
}
