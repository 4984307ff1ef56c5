package useapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// ErrNotFound matches, with errors.Is, an answer saying the thing asked for does not exist.
var ErrNotFound = errors.New("not found")

// StatusAccountError is useapi.net's own status for "the account is in an error state; add it again".
const StatusAccountError = 596

// maxMessageBytes keeps a diagnostic readable when the service answers with a whole HTML page.
const maxMessageBytes = 300

// APIError is an answer from the service that was not a success.
type APIError struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Message is the service's own words: the "error" field of a JSON body, or a plain-text body.
	Message string
	// Attempts is how many times the request was sent.
	Attempts int
}

// Error says what the service answered.
func (e *APIError) Error() string {
	msg := fmt.Sprintf("useapi.net answered %d %s", e.StatusCode, statusText(e.StatusCode))
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Is makes errors.Is(err, ErrNotFound) true for a 404.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// Hint tells a person what to do about the error, or is empty when there is nothing general to say.
func (e *APIError) Hint() string {
	switch {
	case e.StatusCode == http.StatusBadRequest:
		return "Check the request: a Kling email and password that log in to Kling, and max_jobs from 1 to 10."
	case e.StatusCode == http.StatusUnauthorized:
		return "Check the useapi.net API token (the provider's api_token or the USEAPI_TOKEN environment variable)."
	case e.StatusCode == http.StatusPaymentRequired:
		return "The useapi.net subscription is missing or has lapsed: renew it at https://useapi.net, then apply again."
	case e.StatusCode == http.StatusTooManyRequests:
		return "useapi.net is rate limiting or at capacity. Wait and apply again, or raise max_retries."
	case e.StatusCode == StatusAccountError:
		return "The Kling account is in an error state at useapi.net. Apply again to add it anew; if that fails, log in to Kling to check the account."
	case e.StatusCode >= 500:
		return "useapi.net had a server error. Apply again later; the operation is safe to repeat."
	}
	return ""
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

// TransportError is a request that got no usable answer: a refused or dropped connection, a timeout,
// an unreadable or oversized body.
type TransportError struct {
	Method, Path string
	Attempts     int
	Err          error
}

// Error says which request failed and how.
func (e *TransportError) Error() string {
	msg := fmt.Sprintf("%s %s: %v", e.Method, e.Path, e.Err)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return msg
}

// Unwrap gives the cause, so errors.Is(err, context.DeadlineExceeded) works.
func (e *TransportError) Unwrap() error { return e.Err }

// MayHaveApplied reports whether a failed write may still have taken effect at the service: only a
// definite rejection (a 4xx other than 408 and 429) proves it did not.
func MayHaveApplied(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return err != nil
	}
	s := apiErr.StatusCode
	return s >= 500 || s == http.StatusRequestTimeout || s == http.StatusTooManyRequests
}
