// Package emulator is an in-memory useapi.net: the Kling account endpoints with the service's wire
// format, status codes and bodies, plus switches for faults and counters of requests. Tests, the demo
// and the benchmarks run against it, since the live service cannot be reached from CI.
package emulator

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Routes, as counted by Calls.
const (
	RouteAccounts = "/v1/kling/accounts"
	RouteAccount  = "/v1/kling/accounts/{email}"
)

// Call keys, as CallCounts reports them.
const (
	CallPost   = "POST " + RouteAccounts
	CallList   = "GET " + RouteAccounts
	CallGet    = "GET " + RouteAccount
	CallDelete = "DELETE " + RouteAccount
)

// PasswordPlaceholder is what the service returns in place of a password.
const PasswordPlaceholder = "…secured…"

// Options shape a Server.
type Options struct {
	// MaxAccounts is how many accounts one token may hold; zero means no limit (the service allows three).
	MaxAccounts int
	// RequireKnownKlingUsers refuses emails not added with AddKlingUser; otherwise any password logs in
	// to an unknown email, which keeps large tests short.
	RequireKnownKlingUsers bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Server is the emulated service. Its zero value is not usable; call New. It is safe for concurrent use.
type Server struct {
	opts Options
	mux  *http.ServeMux
	done chan struct{}
	once sync.Once

	mu         sync.Mutex
	subs       map[string]*subscription
	klingUsers map[string]string
	queued     []Fault
	faultRate  float64
	faultMix   []Fault
	source     *rand.PCG
	rng        *rand.Rand
	latency    time.Duration
	calls      map[string]int
	userAgent  string
	inFlight   int
	peak       int

	conns atomic.Int64
}

type subscription struct {
	active   bool
	accounts map[string]*account
}

type account struct {
	email    string
	password string
	maxJobs  int64
	loggedIn time.Time
	points   []Points
}

// Points is one grant of Kling credit in an account's balance.
type Points struct {
	OrderID   string  `json:"orderId"`
	Type      string  `json:"type"`
	Amount    float64 `json:"amount"`
	Balance   float64 `json:"balance"`
	StartTime int64   `json:"startTime"`
	EndTime   int64   `json:"endTime"`
}

// New returns an empty service: no tokens, no accounts, no faults.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:       opts,
		done:       make(chan struct{}),
		subs:       map[string]*subscription{},
		klingUsers: map[string]string{},
		calls:      map[string]int{},
		source:     rand.NewPCG(1, 2),
	}
	s.rng = rand.New(s.source)
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("POST "+RouteAccounts, s.authorized(s.postAccount))
	s.mux.HandleFunc("GET "+RouteAccounts, s.authorized(s.listAccounts))
	s.mux.HandleFunc("GET "+RouteAccount, s.authorized(s.getAccount))
	s.mux.HandleFunc("DELETE "+RouteAccount, s.authorized(s.deleteAccount))
	return s
}

// AddToken registers an API token with an active subscription.
func (s *Server) AddToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.subs[token]; !ok {
		s.subs[token] = &subscription{active: true, accounts: map[string]*account{}}
	}
}

// SetSubscriptionActive turns a token's subscription on or off; off answers 402 to every call.
func (s *Server) SetSubscriptionActive(token string, active bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[token]; ok {
		sub.active = active
	}
}

// AddKlingUser makes a Kling login exist: POSTs for this email succeed only with this password.
func (s *Server) AddKlingUser(email, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.klingUsers[email] = password
}

// Account is a configured account as a test sees it, password included.
type Account struct {
	Email    string
	Password string
	MaxJobs  int64
}

// Accounts lists a token's accounts, sorted by email.
func (s *Server) Accounts(token string) []Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subs[token]
	if !ok {
		return nil
	}
	out := make([]Account, 0, len(sub.accounts))
	for _, a := range sub.accounts {
		out = append(out, Account{Email: a.email, Password: a.password, MaxJobs: a.maxJobs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out
}

// PutAccount adds or changes an account out of band, as another client of the service would.
func (s *Server) PutAccount(token string, a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subs[token]
	if !ok {
		return
	}
	s.upsert(sub, a.Email, a.Password, a.MaxJobs)
}

// RemoveAccount deletes an account out of band.
func (s *Server) RemoveAccount(token, email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[token]; ok {
		delete(sub.accounts, email)
	}
}

// SetBalance replaces the credit grants an account reports.
func (s *Server) SetBalance(token, email string, points []Points) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[token]; ok {
		if a, ok := sub.accounts[email]; ok {
			a.points = append([]Points(nil), points...)
		}
	}
}

// SetLatency delays every answer by d, after the request has been applied.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Calls is how many requests reached a route ("GET", RouteAccount, say), faulted ones included.
func (s *Server) Calls(method, route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method+" "+route]
}

// CallCounts is every counter, keyed by "METHOD route" (CallPost, CallGet, ...).
func (s *Server) CallCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.calls))
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

// LastUserAgent is the User-Agent header of the latest request.
func (s *Server) LastUserAgent() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.userAgent
}

// ResetCalls sets every request counter to zero.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = map[string]int{}
	s.peak = s.inFlight
}

// PeakConcurrency is the most requests handled at once since the last ResetCalls.
func (s *Server) PeakConcurrency() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

// ConnState counts connections; set it as the http.Server's ConnState hook.
func (s *Server) ConnState(_ net.Conn, state http.ConnState) {
	if state == http.StateNew {
		s.conns.Add(1)
	}
}

// Connections is how many TCP connections ConnState has seen opened.
func (s *Server) Connections() int64 { return s.conns.Load() }

// Close releases requests held by a hang fault. The Server still answers afterwards.
func (s *Server) Close() { s.once.Do(func() { close(s.done) }) }

// upsert is the one place an account is written; the caller holds s.mu.
func (s *Server) upsert(sub *subscription, email, password string, maxJobs int64) *account {
	a, ok := sub.accounts[email]
	if !ok {
		a = &account{email: email, points: s.defaultPoints(email)}
		sub.accounts[email] = a
	}
	a.password, a.maxJobs, a.loggedIn = password, maxJobs, s.opts.Now()
	return a
}

func (s *Server) defaultPoints(email string) []Points {
	start := s.opts.Now().Truncate(24 * time.Hour)
	return []Points{{
		OrderID:   fmt.Sprintf("%d", hash(email)%1_000_000_000),
		Type:      "plan",
		Amount:    66000,
		Balance:   56000,
		StartTime: start.UnixMilli(),
		EndTime:   start.Add(30 * 24 * time.Hour).UnixMilli(),
	}}
}

func hash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}
