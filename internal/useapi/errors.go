package useapi

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// ErrNotFound matches, with errors.Is, the service's own answer that an account does not exist. A 404
// from anything else (a wrong base URL path, a proxy's page) does not match: it says nothing of the account.
var ErrNotFound = errors.New("not found")

// StatusAccountError is useapi.net's own status for "the account is in an error state; add it again".
const StatusAccountError = 596

// maxMessageBytes keeps a diagnostic readable when the service answers with a whole HTML page.
const maxMessageBytes = 300

// Reason is what an error answer means, read from the status and the service's own words.
type Reason int

// The reasons an answer can give. They speak of the service, not of any caller's settings.
const (
	// ReasonOther is an answer whose words the service does not document: its status and words are all
	// there is to say.
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
	// ReasonBadRequest is a 400 that is not a refused login: the request as sent was refused.
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
	// notFound says the words of a 404 are the service's own "no such account", as the account API that
	// made the request describes them (accountsAPI.notFound); any other 404 is not the service's.
	notFound bool
	// Outcome is what all the attempts together tell of whether the request took effect; zero when the
	// error was not made by a Client, and then this answer alone decides (see OutcomeOf).
	Outcome Outcome
	// body is the answer as it came, until the Client has masked the request's secrets in Message from it
	// (see masked): masking the message once it is folded and cut would miss them.
	body []byte
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

// Reason reads the answer's meaning from its status and the service's own words. A reason that calls
// for advice (a bad API token, a refused site login, a lapsed subscription) is given only for the words
// the service documents for it; any other answer of that status is ReasonOther or a reason of its status
// alone, so that no caller advises on a guess.
func (e *APIError) Reason() Reason {
	lower := documentedWords(e.Message)
	switch s := e.StatusCode; {
	case s == StatusAccountError:
		return ReasonAccountError
	case s == http.StatusNotFound && e.notFound:
		return ReasonNotFound
	case s == http.StatusNotFound:
		return ReasonNotTheService
	case isLoginRejection(s, lower):
		return ReasonLoginRejected
	case s == http.StatusUnauthorized && lower == "unauthorized":
		return ReasonBadToken
	case s == http.StatusPaymentRequired && slices.Contains(noSubscription, lower):
		return ReasonNoSubscription
	case s == http.StatusTooManyRequests:
		return ReasonRateLimited
	case s >= 500:
		return ReasonServer
	case s == http.StatusBadRequest:
		return ReasonBadRequest
	}
	return ReasonOther
}

// documentedWords is a message as the documented texts are compared with it: lower-cased, without the
// "useapi.net ⁝ " some pages show before the service's words (ACE Music's 401), nor a closing period.
func documentedWords(message string) string {
	lower := strings.ToLower(strings.TrimSpace(message))
	lower = strings.TrimSpace(strings.TrimPrefix(lower, "useapi.net ⁝"))
	return strings.TrimSuffix(lower, ".")
}

// noSubscription are the services' documented words for a missing or lapsed subscription, lower-cased:
// Kling's and the other services' 402, and Dreamina's. A 402 in other words (an account cap, say, whose
// wording is not documented) gets no advice.
var noSubscription = []string{
	"subscription required",
	"account has no subscription or subscription expired",
}

// isLoginRejection recognises the AI site refusing an account's credentials, in the words the services
// document: Kling's 400, Runway's two 401s and Dreamina's 500 "Login failed". Other services do not
// document theirs, so their refusals get no advice of this kind.
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

// loginRefusals are the services' documented words for a refused site login, lower-cased.
var loginRefusals = []string{
	"account does not exist or password is incorrect", // Kling
	"wrong username/password combination",             // Runway (and Mureka)
	"this account has been suspended",                 // Runway
}

func statusText(code int) string {
	if code == StatusAccountError {
		return "Account Error"
	}
	return http.StatusText(code)
}

// newAPIError reads the service's words from a JSON {"error": "..."} body or a plain-text one (see
// masker.message); the Client masks them from the body it keeps.
func newAPIError(status int, body []byte, attempts int) *APIError {
	return &APIError{StatusCode: status, Message: errorMessage(body), Attempts: attempts, body: body}
}

// TransportError is a request that got no usable answer: a refused or dropped connection, a timeout, an
// interruption, an unreadable or oversized body.
type TransportError struct {
	Method, Path string
	Attempts     int
	Err          error
	// Last is the last error answer the service gave before the request ran out of time, if any.
	Last *APIError
	// Outcome is what all the attempts together tell of whether the request took effect; zero when the
	// error was not made by a Client, and then Err alone decides (see OutcomeOf).
	Outcome Outcome
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

// Outcome is what the attempts of a failed request tell of whether it took effect at the service. Every
// attempt counts, not only the last: a retry that could not connect says nothing of the attempt before it
// whose answer was lost.
type Outcome int

// The outcomes, from the most certain to the least.
const (
	outcomeUnset Outcome = iota
	// NotApplied is a request every attempt of which was refused in words that say nothing was done (a
	// 4xx other than 408 and 429, a refused site login), or never left this machine.
	NotApplied
	// MaybeApplied is a request some attempt of which the service answered without saying whether it was
	// applied (a 500, a 429): the service had finished with it, so a read afterwards shows what it did.
	MaybeApplied
	// Unobserved is a request some attempt of which left this machine and got no answer from the service
	// (a timeout, a dropped connection, an interruption, a gateway's 502, 503 or 504): the service may have
	// applied it, or may still be applying it, so a read right afterwards proves nothing.
	Unobserved
)

// OutcomeOf is what err tells of whether the failed request took effect. An error that is neither an
// APIError nor a TransportError (a body that could not be decoded, say) came after the request was sent,
// so its outcome is Unobserved.
func OutcomeOf(err error) Outcome {
	var apiErr *APIError
	var transportErr *TransportError
	var notSentErr *NotSentError
	var readBack *ReadBackError
	switch {
	case err == nil:
		return NotApplied
	case errors.As(err, &readBack):
		return MaybeApplied // the write was answered as taken; only its read-back failed
	case errors.As(err, &apiErr):
		return max(apiErr.Outcome, answerOutcome(apiErr))
	case errors.As(err, &transportErr) && transportErr.Outcome != outcomeUnset:
		return transportErr.Outcome
	case errors.As(err, &notSentErr):
		return NotApplied
	}
	return Unobserved
}

// answerOutcome is what one error answer tells of whether its attempt took effect.
func answerOutcome(e *APIError) Outcome {
	switch s := e.StatusCode; {
	case e.Reason() == ReasonLoginRejected:
		return NotApplied // the site refused the login, so nothing was saved, whatever the status (Dreamina's 500)
	case s == http.StatusBadGateway, s == http.StatusServiceUnavailable, s == http.StatusGatewayTimeout,
		s >= 520 && s <= 527, s >= 500 && (e.Message == "" || e.Message == htmlPage):
		// A gateway's answer (a CDN's 52x, a proxy's page): the service behind it may still be working on
		// the request. The service's own faults come with its words.
		return Unobserved
	case s >= 500, s == http.StatusRequestTimeout, s == http.StatusTooManyRequests:
		return MaybeApplied
	}
	return NotApplied
}

// attemptOutcome is what one attempt, answered with answer (nil for none) or failed with err, tells.
func attemptOutcome(answer *APIError, err error) Outcome {
	switch {
	case answer != nil:
		return answerOutcome(answer)
	case err == nil:
		return NotApplied // a success answer is no failed attempt
	case notSent(err), isCertificateError(err):
		return NotApplied
	}
	return Unobserved
}

// MayHaveApplied reports whether a failed write may still have taken effect at the service: only
// requests whose every attempt was definitely refused, or never left this machine, did not.
func MayHaveApplied(err error) bool {
	return err != nil && OutcomeOf(err) != NotApplied
}

// Interrupted reports whether err is the caller cancelling the request (Terraform stopping on Ctrl-C),
// as opposed to running out of time.
func Interrupted(err error) bool {
	return errors.Is(err, context.Canceled)
}
