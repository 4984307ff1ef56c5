package emulator

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"
)

// FaultKind is a way for a request to go wrong.
type FaultKind int

// The faults a Server can inject.
const (
	// TooManyRequests answers 429 with Fault.RetryAfter as the Retry-After header (when set).
	TooManyRequests FaultKind = iota + 1
	// InternalError answers 500 with a JSON error body.
	InternalError
	// UnavailableHTML answers 503 with an HTML page, as a proxy in front of the service would.
	UnavailableHTML
	// AccountError answers the service's own 596: the account is in an error state.
	AccountError
	// DropConnection closes the connection without an answer; the request is not applied.
	DropConnection
	// LoseAnswer applies the request, then closes the connection before the answer is sent.
	LoseAnswer
	// Hang holds the request until the client gives up or the Server is closed.
	Hang
	// Refuse answers Fault.Status (400 to 999) with {"error": Fault.Message, "code": Fault.Status}, and
	// the request is not applied: a definite refusal, such as a retry meets after its first answer was
	// lost.
	Refuse
	// Restart applies the request and closes the connection without an answer, as LoseAnswer does; then
	// the service refuses connections for Fault.Down and listens again on the same address. Idle
	// connections are closed, so a retry dials anew. Only a Server served by Serve can restart; any
	// other answers 500 saying so.
	Restart
	// BareAnswer applies the request and answers its status with an empty JSON object: an answer that
	// names no account, as a service that changed its answer's form would give.
	BareAnswer
)

// Fault is one injected failure.
type Fault struct {
	Kind FaultKind
	// RetryAfter is the Retry-After header of a TooManyRequests fault, e.g. "1"; empty sends none.
	RetryAfter string
	// Method limits a queued fault to requests with this method ("DELETE", say); empty matches any.
	Method string
	// Call limits a queued fault to one route, by its call key (Calls(Kling).Get, say); empty matches any.
	Call string
	// Status and Message are a Refuse fault's answer.
	Status  int
	Message string
	// Down is how long a Restart fault keeps the service from accepting connections.
	Down time.Duration
}

// FailNext makes the next n requests fail with f, before any random faults.
func (s *Server) FailNext(n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.queued = append(s.queued, f)
	}
}

// SetFaultRate makes each request fail with probability rate, with a fault drawn from mix; seed makes the
// sequence repeatable. A rate of zero stops random faults.
func (s *Server) SetFaultRate(rate float64, seed uint64, mix ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faultRate, s.faultMix = rate, append([]Fault(nil), mix...)
	s.source.Seed(seed, seed^0x9e3779b97f4a7c15)
}

func (s *Server) nextFault(method, call string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.queued {
		if (f.Method == "" || f.Method == method) && (f.Call == "" || f.Call == call) {
			s.queued = append(s.queued[:i], s.queued[i+1:]...)
			return f, true
		}
	}
	if s.faultRate > 0 && len(s.faultMix) > 0 && s.rng.Float64() < s.faultRate {
		return s.faultMix[s.rng.IntN(len(s.faultMix))], true
	}
	return Fault{}, false
}

// inject plays the fault and reports whether it answered the request (LoseAnswer lets it through first).
func (s *Server) inject(f Fault, w http.ResponseWriter, r *http.Request) bool {
	switch f.Kind {
	case TooManyRequests:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		s.faultRefusal(w, r, http.StatusTooManyRequests, "Too many requests")
	case InternalError:
		s.faultRefusal(w, r, http.StatusInternalServerError, "Internal server error")
	case UnavailableHTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>" +
			"<body><h1>503 Service Temporarily Unavailable</h1></body></html>\n"))
	case AccountError:
		s.faultRefusal(w, r, 596, "Account is in an error state, please add it again")
	case DropConnection:
		hangUp(w)
	case LoseAnswer:
		s.mux.ServeHTTP(httptest.NewRecorder(), r)
		hangUp(w)
	case BareAnswer:
		rec := httptest.NewRecorder()
		s.mux.ServeHTTP(rec, r)
		writeJSON(w, rec.Code, struct{}{})
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		hangUp(w)
	case Refuse:
		if f.Status < 400 || f.Status > 999 {
			writeText(w, http.StatusInternalServerError, "emulator: a Refuse fault needs a Status from 400 to 999, not "+strconv.Itoa(f.Status))
			break
		}
		s.faultRefusal(w, r, f.Status, f.Message)
	case Restart:
		l := s.listenerOf(r)
		if l == nil {
			// A 500 in words that name the misuse: a test's error then says why, where a dropped connection
			// would pass for the restart it asked for.
			writeText(w, http.StatusInternalServerError, "emulator: a Restart fault needs the Server served by "+
				"Server.Serve, which can close and reopen its listener; this request came through another http.Server")
			break
		}
		s.mux.ServeHTTP(httptest.NewRecorder(), r)
		l.restart(f.Down) // before the hang-up, so that a client's immediate retry finds the port closed
		hangUp(w)
	default:
		return false
	}
	return true
}

// hangUp closes the connection with no answer, as a reset or a crashed proxy would.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (s *Server) currentLatency() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latency
}

// wait sleeps for d unless the client goes away first.
func (s *Server) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) enter(key, userAgent string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[key]++
	s.userAgent = userAgent
	if s.inFlight == 0 {
		s.idle = make(chan struct{})
	}
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
}

func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight--
	if s.inFlight == 0 {
		close(s.idle)
		s.idle = nil
	}
}
