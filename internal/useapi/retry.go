package useapi

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// retryPolicy retries what a later attempt can fix: 429, 5xx other than 501, and requests that were sent
// but got no answer. Every call is safe to repeat: POST is an upsert keyed by the account.
//
// It does not retry what waiting cannot cure: the service's 596 (only adding the account again clears it),
// a 5xx that is the AI site refusing a login (Dreamina's "Login failed"), a request that never left this
// machine (an unresolvable host, a refused connection: asking again for a minute only hides the cause),
// a certificate problem, or a Retry-After longer than the time the operation has left.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	tracker := attemptsFrom(ctx)
	var answer *APIError
	if err == nil && resp.StatusCode >= 400 {
		answer = tracker.record(resp)
	}
	// Counted before anything else: an attempt the caller's context cut short may still have reached the
	// service, and the outcome of the whole request must say so.
	tracker.count(attemptOutcome(answer, err))
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		switch {
		case isCertificateError(err):
			return false, err
		case notSent(err):
			return false, &NotSentError{Err: err}
		}
		return true, nil
	}
	if answer == nil {
		return false, nil
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests:
	case s >= 500 && s != http.StatusNotImplemented && s != StatusAccountError && answer.Reason() != ReasonLoginRejected:
	default:
		return false, nil
	}
	if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		if deadline, has := ctx.Deadline(); has && time.Until(deadline) < wait {
			return false, &waitTooLongError{wait: wait, left: time.Until(deadline)}
		}
	}
	return true, nil
}

// isCertificateError reports a TLS certificate the client does not trust: asking again cannot cure it,
// and the request was never written.
func isCertificateError(err error) bool {
	var unknownAuthority x509.UnknownAuthorityError
	var invalidCert x509.CertificateInvalidError
	return errors.As(err, &unknownAuthority) || errors.As(err, &invalidCert)
}

// waitTooLongError stops the retries when the service asks for a wait the operation cannot afford.
type waitTooLongError struct{ wait, left time.Duration }

func (e *waitTooLongError) Error() string { return "asked to wait longer than the time left" }

// backoff honours Retry-After when the service sends it and otherwise waits exponentially longer, with
// jitter so that many resources retrying at once do not hit the service in lockstep.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return wait
		}
	}
	ceiling := minWait << min(attempt, 16)
	if ceiling <= 0 || ceiling > maxWait {
		ceiling = maxWait
	}
	half := ceiling / 2
	return half + rand.N(half+1)
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date. The wait is capped at an hour so
// that a wrong header cannot park an apply; retryPolicy also refuses any wait past the deadline.
func retryAfter(value string, now time.Time) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	const ceiling = time.Hour
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return min(time.Duration(secs)*time.Second, ceiling), true
	}
	if at, err := http.ParseTime(value); err == nil {
		return min(max(at.Sub(now), 0), ceiling), true
	}
	return 0, false
}

// gaveUpError carries the last answer out of retryablehttp when retries stop, so the caller can still
// report the service's status and words.
type gaveUpError struct {
	resp     *http.Response
	err      error
	attempts int
}

func (e *gaveUpError) Error() string { return "gave up" }

func keepLastAnswer(resp *http.Response, err error, attempts int) (*http.Response, error) {
	return nil, &gaveUpError{resp: resp, err: err, attempts: attempts}
}

// attempts follows one logical request through its retries, so that a request that runs out of time
// while waiting between attempts can still say how often it tried and what the service last answered.
type attempts struct {
	mu   sync.Mutex
	n    int
	last *APIError
	// outcome is the least certain outcome of any attempt so far.
	outcome Outcome
}

type attemptsKey struct{}

func withAttempts(ctx context.Context) (context.Context, *attempts) {
	a := &attempts{}
	return context.WithValue(ctx, attemptsKey{}, a), a
}

func attemptsFrom(ctx context.Context) *attempts {
	if a, ok := ctx.Value(attemptsKey{}).(*attempts); ok {
		return a
	}
	return &attempts{}
}

// count records an attempt and what it tells of the request's outcome.
func (a *attempts) count(o Outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.n++
	a.outcome = max(a.outcome, o)
}

// record reads an error answer's words, leaving the body readable for the caller.
func (a *attempts) record(resp *http.Response) *APIError {
	var data []byte
	if resp.Body != nil {
		data, _ = io.ReadAll(io.LimitReader(resp.Body, maxPeekBytes))
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(data), resp.Body), resp.Body}
	}
	answer := newAPIError(resp.StatusCode, data, 0)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.last = answer
	return answer
}

// maxPeekBytes is how much of an error answer the retry policy reads to learn what it says.
const maxPeekBytes = 64 << 10

// snapshot is how many attempts were made, the last error answer (a copy), and the outcome of them all.
// A request that made no attempt (its context ended first) was not applied.
func (a *attempts) snapshot() (int, *APIError, Outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	outcome := max(a.outcome, NotApplied)
	if a.last == nil {
		return max(a.n, 1), nil, outcome
	}
	last := *a.last
	last.Message = strings.Clone(last.Message)
	return max(a.n, 1), &last, outcome
}
