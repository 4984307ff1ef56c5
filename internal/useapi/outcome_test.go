package useapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOutcomeOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want Outcome
	}{
		{"a refusal", &APIError{StatusCode: 400}, NotApplied},
		{"a read-back that never left, after a write that was taken", &ReadBackError{Err: &TransportError{Outcome: NotApplied}}, MaybeApplied},
		{"a refused site login, even as a 500", &APIError{StatusCode: 500, Message: "Login failed: invalid credentials"}, NotApplied},
		{"a server fault", &APIError{StatusCode: 500, Message: "Internal server error"}, MaybeApplied},
		{"a server fault with no words", &APIError{StatusCode: 500}, Unobserved},
		{"a proxy's error page", &APIError{StatusCode: 500, Message: "(an HTML page instead of an API answer)"}, Unobserved},
		{"a CDN's origin timeout", &APIError{StatusCode: 524, Message: "A timeout occurred"}, Unobserved},
		{"rate limited", &APIError{StatusCode: 429}, MaybeApplied},
		{"a gateway's page", &APIError{StatusCode: 504}, Unobserved},
		{"a refusal after an attempt whose answer was lost", &APIError{StatusCode: 400, Outcome: Unobserved}, Unobserved},
		{"a lost answer", &TransportError{Err: io.ErrUnexpectedEOF}, Unobserved},
		{"not sent", &TransportError{Err: &NotSentError{Err: errors.New("connection refused")}}, NotApplied},
		{"not sent after an attempt whose answer was lost", &TransportError{Err: &NotSentError{Err: errors.New("refused")}, Outcome: Unobserved}, Unobserved},
		{"interrupted before sending", &TransportError{Err: context.Canceled, Outcome: NotApplied}, NotApplied},
		{"a body that could not be read", errors.New("decoding"), Unobserved},
	}
	for _, tt := range tests {
		if got := OutcomeOf(tt.err); got != tt.want {
			t.Errorf("%s: OutcomeOf(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

// TestEveryAttemptCounts: the first attempt of a POST is applied and its answer lost; the retry then meets
// a definite refusal or a service that no longer accepts connections. The last attempt alone would say
// "not applied"; the request as a whole may have been, and the error must say so.
func TestEveryAttemptCounts(t *testing.T) {
	t.Parallel()
	for _, then := range []string{"refusal", "connection refused"} {
		t.Run(then, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			var srv *httptest.Server
			srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				if n.Add(1) == 1 {
					if then == "connection refused" {
						_ = srv.Listener.Close() // the service goes away: the retry cannot connect
					}
					conn, _, _ := w.(http.Hijacker).Hijack()
					_ = conn.Close()
					return
				}
				w.WriteHeader(http.StatusConflict)
				_, _ = io.WriteString(w, `{"error":"Conflict","code":409}`)
			}))
			defer srv.Close()
			c, err := New(Config{Token: testToken, BaseURL: srv.URL, MaxRetries: 3, RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 20 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Kling().Upsert(context.Background(), AccountInput{Email: "a@example.com", Password: "pw"})
			if err == nil || OutcomeOf(err) != Unobserved || !MayHaveApplied(err) {
				t.Fatalf("err = %v with outcome %v; want the lost first answer to count", err, OutcomeOf(err))
			}
			var notSentErr *NotSentError
			if then == "connection refused" && !errors.As(err, &notSentErr) {
				t.Fatalf("err = %#v, want the refused connection of the last attempt", err)
			}
		})
	}
}

// TestInterruptedInFlightIsUnobserved: a request cut short by the caller while the service holds it may
// still be applied; one cut short before it was sent was not.
func TestInterruptedInFlightIsUnobserved(t *testing.T) {
	t.Parallel()
	arrived := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // a read body lets the server notice the client leave
		once.Do(func() { close(arrived) })
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()
	c := newTestClient(t, srv.URL, 3)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-arrived; cancel() }()
	_, err := c.Kling().Upsert(ctx, AccountInput{Email: "a@example.com", Password: "pw"})
	if !Interrupted(err) || OutcomeOf(err) != Unobserved {
		t.Fatalf("err = %v with outcome %v, want an interruption whose outcome is unobserved", err, OutcomeOf(err))
	}

	done, stop := context.WithCancel(context.Background())
	stop()
	_, err = c.Kling().Upsert(done, AccountInput{Email: "a@example.com", Password: "pw"})
	if !Interrupted(err) || OutcomeOf(err) != NotApplied {
		t.Fatalf("err = %v with outcome %v, want an interruption before anything was sent", err, OutcomeOf(err))
	}
}
