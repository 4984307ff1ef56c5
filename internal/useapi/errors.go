package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrNotFound matches, with errors.Is, the service's own answer that an account does not exist. A 404
// from anything else (a wrong base URL path, a proxy's page) does not match: it says nothing of the account.
var ErrNotFound = errors.New("not found")

// StatusAccountError is useapi.net's own status for "the account is in an error state; add it again".
const StatusAccountError = 596

// maxMessageBytes keeps a diagnostic readable when the service answers with a whole HTML page.
const maxMessageBytes = 300

// serviceNotFound matches the texts useapi.net's account APIs answer a 404 with: "Account configuration not
// found…" and "Configuration not found…" (Kling, Runway, PixVerse), "Unable to find configuration for
// account…" (Dreamina) and "Account a@example.com not found" (Muse).
var serviceNotFound = regexp.MustCompile(`(?i)^(account )?configuration not found\b|^unable to find configuration for account\b|^account \S+ not found$`)

// Reason is what an error answer means, read from the status and the service's own words.
type Reason int

// The reasons an answer can give. They speak of the service, not of any caller's settings.
const (
	ReasonOther Reason = iota
	// ReasonNotFound is the service's own "no such account".
	ReasonNotFound
	// ReasonNotTheService is a 404 in words the service does not use: the URL reached something else.
	ReasonNotTheService
	// ReasonBadToken is a 401 that refuses the useapi.net API token.
	ReasonBadToken
	// ReasonLoginRejected is the AI site refusing the account's own login (wrong password, suspended).
	ReasonLoginRejected
	// ReasonNoSubscription is a missing or lapsed useapi.net subscription.
	ReasonNoSubscription
	// ReasonAccountLimit is a subscription that holds as many accounts as it may.
	ReasonAccountLimit
	// ReasonBadRequest is any other refusal of the request as sent.
	ReasonBadRequest
	// ReasonRateLimited is a 429: too many requests, or all capacity in use.
	ReasonRateLimited
	// ReasonAccountError is the service's 596: the account is in an error state until it is added again.
	ReasonAccountError
	// ReasonServer is a 5xx fault of the service.
	ReasonServer
)

// APIError is an answer from the service that was not a success.
type APIError struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Message is the service's own words: the "error" field of a JSON body, or a plain-text body.
	Message string
	// Attempts is how many times the request was sent.
	Attempts int
	// RetryAfter and TimeLeft are set when the service asked to wait longer than the operation had left.
	RetryAfter, TimeLeft time.Duration
}

// Error says what the service answered.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("useapi.net answered %d %s", e.StatusCode, statusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf("; it asked to wait %s, more than the %s this operation had left",
			e.RetryAfter.Round(time.Second), e.TimeLeft.Round(time.Second))
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Is makes errors.Is(err, ErrNotFound) true for the service's own not-found answer only.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.Reason() == ReasonNotFound
}

// Reason reads the answer's meaning from its status and words, so that a caller's advice follows what the
// service actually said: a 402 about an account cap is not a lapsed subscription, and a 401 about the
// site's login is not a bad API token.
func (e *APIError) Reason() Reason {
	lower := strings.ToLower(e.Message)
	switch s := e.StatusCode; {
	case s == StatusAccountError:
		return ReasonAccountError
	case s == http.StatusNotFound && serviceNotFound.MatchString(e.Message):
		return ReasonNotFound
	case s == http.StatusNotFound:
		return ReasonNotTheService
	case isLoginRejection(s, lower):
		return ReasonLoginRejected
	case s == http.StatusUnauthorized:
		return ReasonBadToken
	// The service's words past the account cap are not documented; "allows up to N accounts" is assumed
	// (the emulator answers so). Any other 402 reads as a subscription problem.
	case (s == http.StatusPaymentRequired || s == http.StatusBadRequest) && strings.Contains(lower, "allows up to"):
		return ReasonAccountLimit
	case s == http.StatusPaymentRequired:
		return ReasonNoSubscription
	case s == http.StatusTooManyRequests:
		return ReasonRateLimited
	case s >= 500:
		return ReasonServer
	case s >= 400:
		return ReasonBadRequest
	}
	return ReasonOther
}

// isLoginRejection recognises the AI site refusing an account's credentials, in the words each service
// uses: Kling's 400, Runway's two 401s, Dreamina's 500 "Login failed", and the assumed texts of PixVerse
// and Muse. Any other 401 is the API token's.
func isLoginRejection(status int, lower string) bool {
	switch {
	case status >= 500:
		return strings.HasPrefix(lower, "login failed")
	case status == http.StatusUnauthorized, status == http.StatusBadRequest:
		for _, words := range loginRefusals {
			if strings.Contains(lower, words) {
				return true
			}
		}
	}
	return false
}

// loginRefusals are the services' words for a refused site login, lower-cased.
var loginRefusals = []string{
	"password is incorrect",      // Kling
	"wrong username/password",    // Runway
	"account has been suspended", // Runway
	"wrong email or password",    // PixVerse and Muse, assumed
	"unable to sign in",          // PixVerse and Muse, assumed
}

func statusText(code int) string {
	if code == StatusAccountError {
		return "Account Error"
	}
	return http.StatusText(code)
}

// newAPIError reads the service's words from a JSON {"error": "..."} body or a plain-text one.
func newAPIError(status int, body []byte, attempts int) *APIError {
	return &APIError{StatusCode: status, Message: errorMessage(body), Attempts: attempts}
}

func errorMessage(body []byte) string {
	text := strings.TrimSpace(string(body))
	if text == "" {
		return ""
	}
	var payload struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &payload) == nil {
		var s string
		switch {
		case json.Unmarshal(payload.Error, &s) == nil && s != "":
			return clip(s)
		case len(payload.Error) > 0 && string(payload.Error) != "null":
			return clip(string(payload.Error))
		case payload.Message != "":
			return clip(payload.Message)
		}
	}
	if looksLikeHTML(text) {
		return "(an HTML page instead of an API answer)"
	}
	return clip(text)
}

func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 64)])
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<head")
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxMessageBytes {
		return s
	}
	cut := maxMessageBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// TransportError is a request that got no usable answer: a refused or dropped connection, a timeout, an
// interruption, an unreadable or oversized body.
type TransportError struct {
	Method, Path string
	Attempts     int
	Err          error
	// Last is the last error answer the service gave before the request ran out of time, if any.
	Last *APIError
}

// Error says which request failed and how.
func (e *TransportError) Error() string {
	msg := fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	if e.Last != nil {
		msg += fmt.Sprintf("; the last answer was %d %s", e.Last.StatusCode, statusText(e.Last.StatusCode))
		if e.Last.Message != "" {
			msg += ": " + e.Last.Message
		}
	}
	return msg
}

// Unwrap gives the cause, so errors.Is(err, context.DeadlineExceeded) works.
func (e *TransportError) Unwrap() error { return e.Err }

// NotSentError is a request that could not leave this machine, so the service never saw it: a value
// that cannot go in an HTTP header, a host name that does not resolve, a connection that was refused.
type NotSentError struct {
	Err error
}

// Error says why the request was not sent.
func (e *NotSentError) Error() string { return e.Err.Error() }

// Unwrap gives the cause.
func (e *NotSentError) Unwrap() error { return e.Err }

// notSent reports whether err proves the request never reached the service.
func notSent(err error) bool {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr):
		return true
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return true
	}
	return false
}

// MayHaveApplied reports whether a failed write may still have taken effect at the service: only a
// definite rejection (a 4xx other than 408 and 429, or a refused site login), or a request that never
// left, proves it did not.
func MayHaveApplied(err error) bool {
	var apiErr *APIError
	var notSentErr *NotSentError
	switch {
	case err == nil, errors.As(err, &notSentErr):
		return false
	case errors.As(err, &apiErr):
		if apiErr.Reason() == ReasonLoginRejected {
			return false // the site refused the login, so nothing was saved, whatever the status (Dreamina's 500)
		}
		s := apiErr.StatusCode
		return s >= 500 || s == http.StatusRequestTimeout || s == http.StatusTooManyRequests
	}
	return true
}

// Interrupted reports whether err is the caller cancelling the request (Terraform stopping on Ctrl-C),
// as opposed to running out of time.
func Interrupted(err error) bool {
	return errors.Is(err, context.Canceled)
}
