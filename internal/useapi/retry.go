package useapi

import (
	"context"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// retryPolicy retries what a later attempt can fix: 429, 5xx other than 501, the service's 596, and
// requests that got no answer. Every call is safe to repeat: POST is an upsert keyed by email.
func retryPolicy(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		var unknownAuthority x509.UnknownAuthorityError
		var invalidCert x509.CertificateInvalidError
		if errors.As(err, &unknownAuthority) || errors.As(err, &invalidCert) {
			return false, err // a certificate problem does not go away by asking again
		}
		return true, nil
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests, s == StatusAccountError:
		return true, nil
	case s == http.StatusNotImplemented:
		return false, nil
	case s >= 500:
		return true, nil
	}
	return false, nil
}

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
// that a wrong header cannot park an apply; the request's context still bounds it.
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

// gaveUpError carries the last answer out of retryablehttp when retries run out, so the caller can still
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
