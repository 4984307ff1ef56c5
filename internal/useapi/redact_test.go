package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

// These tests hold the client to one rule: a secret the request carried (the API token, the password a POST
// sends) never reaches an error, a log line or a decoded account, in any form an answer can give it: as
// sent, JSON-escaped (with or without HTML escaping, or every character as \uXXXX), with its white space
// folded, or cut at the end of a message.

// escapedText is s as a JSON string with every character written as \uXXXX, as any encoder may write it.
func escapedText(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r > 0xffff {
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			continue
		}
		fmt.Fprintf(&b, `\u%04X`, r)
	}
	b.WriteByte('"')
	return b.String()
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// showsSecret names the first form of secret that text holds, or "".
func showsSecret(text, secret string) string {
	for _, f := range leaktest.Forms(secret) {
		if strings.Contains(text, f) {
			return f
		}
	}
	return ""
}

// echoServer answers every request with what reply makes of the password its body carried, as a
// service (or a proxy) that echoes it would; a body that is not JSON goes as text/plain.
func echoServer(t *testing.T, reply func(password string) (int, string)) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Password string `json:"password"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		status, body := reply(in.Password)
		w.Header().Set("Content-Type", "application/json")
		if !json.Valid([]byte(body)) {
			w.Header().Set("Content-Type", "text/plain")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// preamble pads a message so that what follows it starts at byte n.
func preamble(n int) string {
	const words = "The service could not sign in to the site with the credentials it was given "
	return (words + strings.Repeat(".", n))[:n]
}

func TestMaskingEveryForm(t *testing.T) {
	t.Parallel()
	errorJSON := func(html bool) func(string) (int, string) {
		return func(pw string) (int, string) {
			return 400, `{"error":` + leaktest.JSON("Login refused for password "+pw+" at the site", html) + `,"code":400}`
		}
	}
	tests := []struct {
		name, password string
		reply          func(password string) (int, string)
		// success says the POST succeeds: its decoded account's error is checked, not an APIError.
		success bool
		// halves says to check that neither half of the password shows, for one cut in two.
		halves bool
	}{
		{name: "a run of spaces and a tab", password: "pa  ss\tword-1", reply: errorJSON(true)},
		{name: "a run of spaces and a tab, plain text", password: "pa  ss\tword-1", reply: func(pw string) (int, string) {
			return 400, "Login refused for password " + pw + " at the site"
		}},
		{name: "HTML-escaped characters", password: `x&y<z>"q-2`, reply: errorJSON(true)},
		{name: "HTML characters as they are", password: `x&y<z>"q-2`, reply: errorJSON(false)},
		{name: "HTML characters, plain text", password: `x&y<z>"q-2`, reply: func(pw string) (int, string) {
			return 401, "Unauthorized: " + pw
		}},
		{name: "straddles the cut", password: "Straddle-Pa55word-3", halves: true, reply: func(pw string) (int, string) {
			return 400, `{"error":` + leaktest.JSON(preamble(maxMessageBytes-len(pw)/2)+pw+" and more words after it", true) + `}`
		}},
		{name: "straddles the cut once white space is folded", password: "Fold-Straddle-Pa55word-3", halves: true, reply: func(pw string) (int, string) {
			return 400, strings.Repeat("word   ", (maxMessageBytes-len(pw)/2)/len("word ")) + pw + " and more words after it"
		}},
		{name: "error field not a string", password: `quo"te<pw>-4`, reply: func(pw string) (int, string) {
			return 400, `{"error":{"detail":` + leaktest.JSON("refused "+pw, true) + `,"code":"E_LOGIN"}}`
		}},
		{name: "error field not a string, secret as a key", password: `key&pw-4b`, reply: func(pw string) (int, string) {
			return 400, `{"error":{` + leaktest.JSON(pw, true) + `:true}}`
		}},
		{name: "every character escaped", password: "Esc4ped-pw-5", reply: func(pw string) (int, string) {
			return 400, `{"error":` + escapedText("refused "+pw) + `}`
		}},
		{name: "message field", password: "pa  ss\t<&>\"wörd-5b", reply: func(pw string) (int, string) {
			return 502, `{"message":` + leaktest.JSON("upstream said "+pw, true) + `}`
		}},
		{name: "echoed in a success answer's error", password: "pa  ss\t<&>\"wörd-6", success: true, reply: func(pw string) (int, string) {
			return 200, `{"email":"a@example.com","maxJobs":2,"error":` + leaktest.JSON("session warning for "+pw, true) + `}`
		}},
		{name: "echoed in a success answer's error, every character escaped", password: "Esc4ped-pw-7", success: true, reply: func(pw string) (int, string) {
			return 200, `{"email":"a@example.com","maxJobs":2,"error":` + escapedText("session warning for "+pw) + `}`
		}},
		{name: "echoed in a success answer, HTML characters as they are", password: `x&y<z>"q-8`, success: true, reply: func(pw string) (int, string) {
			return 200, `{"email":"a@example.com","maxJobs":2,"error":` + leaktest.JSON("session warning for "+pw, false) + `}`
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := echoServer(t, tt.reply)
			logs := &leaktest.Logger{}
			got, err := newLoggingTestClient(t, srv.URL, logs).Kling().Upsert(context.Background(),
				AccountInput{Email: "a@example.com", Password: tt.password, MaxJobs: jobs(2)})
			var shown, place string
			if tt.success {
				if err != nil {
					t.Fatalf("want a success: %v", err)
				}
				shown, place = got.Error, "the decoded account's error"
				if got.Email != "a@example.com" || got.MaxJobs == nil || *got.MaxJobs != 2 {
					t.Errorf("the answer lost its other fields: %+v", got)
				}
			} else {
				var apiErr *APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("want an APIError, got %v", err)
				}
				shown, place = apiErr.Message+"\n"+err.Error(), "the error"
				if len(apiErr.Message) > maxMessageBytes+len("…") {
					t.Errorf("message of %d bytes", len(apiErr.Message))
				}
			}
			if !strings.Contains(shown, redacted[:6]) {
				t.Errorf("%s does not show the marker, so the check proves nothing: %q", place, shown)
			}
			out := logs.String()
			for what, text := range map[string]string{place: shown, "the log": logs.Fields()} {
				if f := showsSecret(text, tt.password); f != "" {
					t.Errorf("%s shows the password as %q:\n%s", what, f, text)
				}
				if tt.halves {
					for _, half := range []string{tt.password[:len(tt.password)/2], tt.password[len(tt.password)/2:]} {
						if strings.Contains(text, half) {
							t.Errorf("%s shows half of the password, %q:\n%s", what, half, text)
						}
					}
				}
			}
			if !strings.Contains(out, "received answer from useapi.net") || !strings.Contains(out, redacted) {
				t.Errorf("the log lacks the answer or the marker:\n%s", out)
			}
		})
	}
}

// TestTransportErrorsAreMasked: what Go's HTTP client says of a request that got no answer, and the last
// answer of one that ran out of time, are masked as the service's words are.
func TestTransportErrorsAreMasked(t *testing.T) {
	t.Parallel()
	const password = "pa  ss\t<&>\"wörd-9"
	t.Run("transport error", func(t *testing.T) {
		t.Parallel()
		logs := &leaktest.Logger{}
		c, err := New(Config{Token: testToken, BaseURL: "http://127.0.0.1:1", Logger: logs, MaxRetries: 0,
			Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				return nil, fmt.Errorf("the proxy refused %s for %s", password, testToken)
			})})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Kling().Upsert(context.Background(), AccountInput{Email: "a@example.com", Password: password})
		var te *TransportError
		if !errors.As(err, &te) || !strings.Contains(err.Error(), "the proxy refused "+redacted) {
			t.Fatalf("err = %v, want the transport's words, masked", err)
		}
		for _, secret := range []string{password, testToken} {
			for what, text := range map[string]string{"the error": err.Error(), "the log": logs.Fields()} {
				if f := showsSecret(text, secret); f != "" {
					t.Errorf("%s shows %q:\n%s", what, f, text)
				}
			}
		}
	})
	t.Run("last answer", func(t *testing.T) {
		t.Parallel()
		srv := echoServer(t, func(pw string) (int, string) {
			return 503, `{"error":` + leaktest.JSON(preamble(maxMessageBytes-len(pw)/2)+pw+" and after it", true) + `}`
		})
		c, err := New(Config{Token: testToken, BaseURL: srv.URL, MaxRetries: 10, RetryWaitMin: 200 * time.Millisecond, RetryWaitMax: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err = c.Kling().Upsert(ctx, AccountInput{Email: "a@example.com", Password: password})
		var te *TransportError
		if !errors.As(err, &te) || te.Last == nil || !strings.Contains(te.Last.Message, redacted[:6]) {
			t.Fatalf("err = %v, want the deadline with the last answer, masked", err)
		}
		for _, half := range append(leaktest.Forms(password), password[:len(password)/2], password[len(password)/2:]) {
			if strings.Contains(err.Error(), half) {
				t.Errorf("the error shows %q: %v", half, err)
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzMasking builds answers of several shapes that echo a secret between prefix and suffix, and checks
// that neither the error, nor the logged bodies, nor the decoded account shows the secret in any form.
func FuzzMasking(f *testing.F) {
	for _, seed := range [][3]string{
		{"pa  ss\t<&>\"wörd-1", "Login refused for ", " at the site"},
		{`x&y<z>"q  r-2`, preamble(290), " and more"},
		{"Straddle-Pa55word-3", preamble(291), ""},
		{"  lead and trail  ", "a\t\tb ", "\n\nc"},
		{`back\slash\"quote`, `{"x":`, `}`},
		{"\u2028line-sep\u2029", "", ""},
		{"<!DOCTYPE html>", "", ""},
		{"ünï©ødé-🔑", strings.Repeat("é", 160), "…"},
		{"a\x00b\x1fc\x7fd", "ctl ", ""},
		{"\xff\xfeinvalid", "x", "y"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, secret, prefix, suffix string) {
		if meaningless(secret, prefix, suffix) {
			t.Skip()
		}
		checkMasking(t, secret, prefix, suffix)
	})
}

// checkMasking is FuzzMasking's check of one input.
func checkMasking(t *testing.T, secret, prefix, suffix string) {
	t.Helper()
	text := prefix + secret + suffix
	shapes := []struct {
		name    string
		status  int
		body    string
		success bool
	}{
		{"error string", 400, `{"error":` + leaktest.JSON(text, true) + `,"code":400}`, false},
		{"error string without HTML escaping", 400, `{"error":` + leaktest.JSON(text, false) + `}`, false},
		{"error string, every character escaped", 596, `{"error":` + escapedText(text) + `}`, false},
		{"nested error object", 400, `{"error":{"detail":` + leaktest.JSON(text, true) + `,` + leaktest.JSON(text, false) + `:1}}`, false},
		{"plain text", 400, text, false},
		{"account with an error", 200, `{"email":"a@example.com","maxJobs":1,"error":` + leaktest.JSON(text, true) + `}`, true},
		{"account with an error, every character escaped", 200, `{"email":"a@example.com","error":` + escapedText(text) + `}`, true},
	}
	for _, shape := range shapes {
		logs := &leaktest.Logger{}
		c, err := New(Config{Token: testToken, BaseURL: "http://127.0.0.1:1", Logger: logs, MaxRetries: 0,
			Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if r.Body != nil {
					_, _ = io.Copy(io.Discard, r.Body)
				}
				return &http.Response{StatusCode: shape.status, Header: http.Header{}, Request: r,
					Body: io.NopCloser(strings.NewReader(shape.body)), ContentLength: int64(len(shape.body))}, nil
			})})
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Kling().Upsert(context.Background(), AccountInput{Email: "a@example.com", Password: secret})
		var shown string
		var apiErr *APIError
		switch {
		case shape.success && err == nil:
			shown = got.Error
		case shape.success:
			t.Fatalf("%s: %v", shape.name, err)
		case errors.As(err, &apiErr):
			shown = apiErr.Message
		default:
			t.Fatalf("%s: want an APIError, got %v", shape.name, err)
		}
		for what, out := range map[string]string{"the message": shown, "the log": logs.Fields()} {
			if form := showsSecret(out, secret); form != "" {
				t.Fatalf("%s: %s shows the secret %q as %q:\n%s", shape.name, what, secret, form, out)
			}
		}
	}
}

// meaningless says the check of a secret would prove nothing: a secret too short or all white space, or
// one that a text the client itself writes holds (the marker with the words around it, or a fixed text).
func meaningless(secret, prefix, suffix string) bool {
	if len(secret) < 4 || strings.TrimSpace(secret) == "" {
		return true
	}
	fixed := []string{prefix + redacted + suffix, "(an HTML page instead of an API answer)", "(body not logged)"}
	for _, form := range leaktest.Forms(secret) {
		if strings.Contains(form, "…") {
			return true // a message cut short ends in "…", which could finish the form
		}
		for _, text := range fixed {
			if strings.Contains(text, form) {
				return true
			}
		}
	}
	return false
}
