// Package emulator is an in-memory useapi.net: the account endpoints of every service the provider
// manages and the subscription endpoint, with the service's wire format, status codes and bodies, plus
// switches for faults and counters of requests. Tests, the demo and the benchmarks run against it,
// since the live service cannot be reached from CI.
package emulator

import (
	"context"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// PasswordPlaceholder is what the service returns in place of a password.
const PasswordPlaceholder = "…secured…"

// Options shape a Server.
type Options struct {
	// MaxAccounts is how many accounts one token may hold of each service; zero means no limit (the
	// service allows three).
	MaxAccounts int
	// RequireKnownUsers refuses POSTs for emails not added with AddUser; otherwise any password logs in
	// to an unknown email, which keeps large tests short.
	RequireKnownUsers bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// RefreshOnRead makes every GET of the services that refresh stored credentials by themselves (Flow
	// Music, Google Flow and Mureka, about daily) first refresh those of the accounts it reads, as if a
	// day had passed (see RefreshCredentials): a credential posted once is then stale as soon as it was
	// read.
	RefreshOnRead bool
}

// Server is the emulated service. Its zero value is not usable; call New. It is safe for concurrent use.
type Server struct {
	opts Options
	mux  *http.ServeMux
	done chan struct{}
	once sync.Once

	mu             sync.Mutex
	subs           map[string]*subscription
	users          map[Service]map[string]*siteUser
	securityChecks map[string]bool
	logins         int
	queued         []Fault
	faultRate      float64
	faultMix       []Fault
	source         *rand.PCG
	rng            *rand.Rand
	latency        time.Duration
	loginDelay     time.Duration
	echo           bool // EchoSecrets: refusals and stored errors embed the password posted
	echoPlain      bool // EchoSecretsPlain: those refusals are text/plain
	calls          map[string]int
	userAgent      string
	inFlight       int
	idle           chan struct{} // closed when inFlight falls to zero; nil while idle
	peak           int
	listeners      map[*http.Server]*Listener     // what Serve serves on, for Restart faults
	credentials    map[Service]map[string]*issued // what the sites of the second shape know, by key
	issuedCount    int                            // credentials issued, to make each one new
	emptyObject    map[Service]bool               // SetEmptyListObject
	free           map[Service]map[string]bool    // SetFreeAccount: the identities on their site's free plan
	captcha        map[string]*captchaState       // Google Flow's captcha keys by token (see captcha.go)

	conns atomic.Int64
}

// siteUser is a login at a service's site.
type siteUser struct {
	password  string
	suspended bool
}

// Account is a configured account as a test sees it, password or credential included.
type Account struct {
	// ID is the service's key: the email, or "REGION:email" for Dreamina. For the services whose
	// accounts are named by their credential it is the identity read from it: the email (Flow Music,
	// Google Flow, Gemini Notebook, Google Vids) or MiniMax's numeric user id. The emulator derives it for the first shape, where
	// PutAccount ignores a given one; for the second PutAccount takes it (or Email when it is empty).
	ID string
	// Email is the email, also of the second shape's accounts named by one and of Mureka's in email
	// mode; "" for MiniMax.
	Email    string
	Region   string
	Password string
	MaxJobs  int64
	// Error, when not empty, puts the account in an error state (Muse reports it as its health).
	Error string

	// Credential is what useapi.net holds for an account of the second shape: the refresh token, token
	// or cookie table last posted, the fresh one a refresh replaced it with, or, for an account added
	// without one (PutAccount with none, as useapi.net's remote-browser setup does), one nobody outside
	// holds. Extra is the second secret stored with it: MiniMax's url, Mureka's refresh token ("" when
	// it has none). Both "" for the first shape, and for a Mureka account added by email and password,
	// whose Password is set instead.
	Credential, Extra string
	// AuthMode is how a Mureka account was last added, as it reports it: "email" (Email and Password) or
	// "token" (Credential); "" for other services. PutAccount derives it from the fields given.
	AuthMode string
	// CredentialPosts is how many POSTs carried a password or credential for the account, accepted or
	// refused, since it was added; credential-less updates and PutAccount do not count.
	CredentialPosts int
	// Refreshes is how many times the service replaced the stored credential by itself.
	Refreshes int
	// Settings are the service's further settings by wire field (Gemini Notebook's outputLanguage); nil
	// for a service with none. PutAccount takes them as given, the others keep the service's defaults.
	Settings map[string]string
}

// New returns an empty service: no tokens, no accounts, no faults.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{
		opts:           opts,
		done:           make(chan struct{}),
		subs:           map[string]*subscription{},
		users:          map[Service]map[string]*siteUser{},
		securityChecks: map[string]bool{},
		calls:          map[string]int{},
		listeners:      map[*http.Server]*Listener{},
		credentials:    map[Service]map[string]*issued{},
		emptyObject:    map[Service]bool{},
		free:           map[Service]map[string]bool{},
		source:         rand.NewPCG(1, 2),
	}
	s.rng = rand.New(s.source)
	s.mux = http.NewServeMux()
	for _, d := range catalog {
		keys := Calls(d.name)
		s.mux.HandleFunc(keys.Post, s.postAccount(d))
		s.mux.HandleFunc(keys.List, s.forService(d, s.listAccounts))
		s.mux.HandleFunc(keys.Get, s.forService(d, s.getAccount))
		s.mux.HandleFunc(keys.Delete, s.forService(d, s.deleteAccount))
	}
	s.mux.HandleFunc(CallSubscription, s.getSubscription)
	s.routeCaptcha()
	s.routeLive()
	return s
}

// ServeHTTP answers like useapi.net, after any latency and fault that is due.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, pattern := s.mux.Handler(r)
	if pattern == "" {
		pattern = r.Method + " (no such route)"
	}
	s.enter(pattern, r.UserAgent())
	defer s.leave()

	if fault, ok := s.nextFault(r.Method, pattern); ok {
		if s.inject(fault, w, r) {
			return
		}
	}
	latency := s.currentLatency()
	if latency <= 0 {
		s.mux.ServeHTTP(w, r)
		return
	}
	// The request is applied first and the answer delayed, so that a client that gives up while waiting
	// meets the hard case: the change happened and it did not hear so.
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	if !s.wait(r, latency) {
		return
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// AddUser makes a login exist at a service's site: POSTs for this email succeed only with this password.
func (s *Server) AddUser(svc Service, email, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user(svc, email).password = password
}

// SuspendUser suspends a login at a service's site: POSTs for it fail (Runway says so in its own words).
func (s *Server) SuspendUser(svc Service, email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user(svc, email).suspended = true
}

func (s *Server) user(svc Service, email string) *siteUser {
	if s.users[svc] == nil {
		s.users[svc] = map[string]*siteUser{}
	}
	u := s.users[svc][email]
	if u == nil {
		u = &siteUser{}
		s.users[svc][email] = u
	}
	return u
}

// RequireSecurityCheck makes Meta ask for a security check on Muse logins of this email while required:
// a POST with a password then saves the account paused and answers 596.
func (s *Server) RequireSecurityCheck(email string, required bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.securityChecks[email] = required
}

// Accounts lists a token's accounts of one service, sorted by ID.
func (s *Server) Accounts(token string, svc Service) []Account {
	s.mu.Lock()
	defer s.mu.Unlock()
	store, d := s.storeOf(token, svc), lookup(svc)
	out := make([]Account, 0, len(store))
	for _, a := range store {
		acc := Account{ID: a.id, Email: a.email, Region: a.region, MaxJobs: a.maxJobs, Error: a.err,
			CredentialPosts: a.posts, Refreshes: a.refreshes, Settings: maps.Clone(a.settings)}
		acc.AuthMode = d.authMode(a)
		switch {
		case d.cred == nil, a.byEmail:
			acc.Password = a.secret
		default:
			acc.Credential, acc.Extra = a.secret, a.extra
		}
		out = append(out, acc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// PutAccount adds or changes an account out of band, as another client of the service would; its Error
// is kept as given. A missing region is the service's first, a zero MaxJobs the service's default. An
// account of the second shape is the identity in ID (or Email) with a.Credential (and a.Extra), which the site then knows as that identity's; without one it holds a credential nobody
// outside has. A Mureka account given Email and Password is added that way instead, its ID
// MurekaAccountID(Email) unless one is given.
func (s *Server) PutAccount(token string, svc Service, a Account) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, store := lookup(svc), s.storeOf(token, svc)
	if store == nil {
		return
	}
	if d.cred != nil {
		s.putCredentialed(d, store, a)
		return
	}
	in := accountRequest{Email: a.Email, Password: a.Password, MaxJobs: a.MaxJobs, Settings: a.Settings}
	if len(d.regions) > 0 {
		in.Region = a.Region
		if in.Region == "" {
			in.Region = d.regions[0]
		}
	}
	s.upsert(d, store, d.id(in.Email, in.Region), in).err = a.Error
}

// RemoveAccount deletes an account out of band.
func (s *Server) RemoveAccount(token string, svc Service, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.storeOf(token, svc), id)
}

// SetAccountError breaks an account, as a lost session would: the list reports message, GET answers 596
// (Muse, ACE Music, Flow Music, Google Flow, Gemini Notebook, Google Vids and Mureka answer it as stored,
// in their health or error), until the account is posted again (with a fresh credential, for the second
// shape). An empty message heals it.
// While EchoSecrets is on, the message embeds the last password or credential posted for the account.
func (s *Server) SetAccountError(token string, svc Service, id, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.storeOf(token, svc)[id]; a != nil {
		a.setError(message, s.echo)
	}
}

// SetBalance replaces the credit grants a Kling account reports.
func (s *Server) SetBalance(token, email string, points []Points) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.storeOf(token, Kling)[email]; a != nil {
		a.points = append([]Points{}, points...)
	}
}

// CreditClaims is how many single-account GETs of a Dreamina account claimed the day's free credits.
func (s *Server) CreditClaims(token, id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.storeOf(token, Dreamina)[id]; a != nil {
		return a.reads
	}
	return 0
}

// storeOf is a token's accounts of a service, nil for an unknown token or service; the caller holds s.mu.
func (s *Server) storeOf(token string, svc Service) accounts {
	sub := s.subs[token]
	if sub == nil || lookup(svc) == nil {
		return nil
	}
	return sub.store(svc)
}

// SetLatency delays every answer by d, after the request has been applied.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// SetLoginDelay makes every POST that logs in to the site (one carrying a password) spend d there before
// the account is written, as a slow login does: other requests are served meanwhile, and the account is
// written after d even when the client has gone away, since the service finishes what it started; only
// then is the answer sent, to a client that still waits. Zero logs in at once.
func (s *Server) SetLoginDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loginDelay = d
}

func (s *Server) currentLoginDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loginDelay
}

// WaitIdle returns once no request is being handled, so that a test can wait for a login its client gave
// up on to land; it returns ctx's error if ctx ends first. Requests still on their way in are not seen.
func (s *Server) WaitIdle(ctx context.Context) error {
	s.mu.Lock()
	idle := s.idle
	s.mu.Unlock()
	if idle == nil {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Calls is how many requests reached a route ("GET", "/v1/kling/accounts/{email}", say), faulted ones
// included.
func (s *Server) Calls(method, route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method+" "+route]
}

// CallCounts is every counter, keyed by "METHOD route" (see CallKeys and CallSubscription).
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

func hash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

// fakeID is a stable number standing for a site's id of a login.
func fakeID(email string, limit uint64) int64 { return int64(hash(email) % limit) }
