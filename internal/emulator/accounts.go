package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Messages every service shares, where the docs give no service's own.
const (
	msgUnauthorized     = "Unauthorized"
	msgNoSubscription   = "Subscription required"
	msgPasswordToAdd    = "Parameter password is required to add an account" // Muse's, the only service that may omit it
	msgEmailMismatch    = "Email in the body does not match the path"        // assumed: undocumented
	msgAccountCapFormat = "Your subscription allows up to %d %s accounts"    // a cap, not a lapsed subscription
)

const (
	maxRequestBytes    = 1 << 20
	sessionTokenPrefix = "eyJ"               // how a JWT starts: the token looks like the secret it is
	sessionLifetime    = 30 * 24 * time.Hour // assumed for the sites whose docs do not say
)

// account is one configured account of one service, as the emulator holds it.
type account struct {
	id, email, region string
	secret            string // the password, or the credential useapi.net holds for the second shape
	extra             string // the second secret stored with the credential: MiniMax's url, Mureka's refresh token
	maxJobs           int64
	err               string // why the account needs attention; "" when healthy
	errEchoed         bool   // err embeds a password, as EchoSecrets makes it
	posted            string // the last password (or credential) a POST for the account carried, accepted or not
	posts             int    // POSTs that carried a password or credential for the account, accepted or not
	refreshes         int    // times the service replaced a stored credential by itself (RefreshCredentials)
	added, updated    time.Time
	loggedIn          time.Time // the last login to the service's site, or refresh of its credential
	session           string    // the site's session token of the last login: a secret
	points            []Points  // Kling's credit grants; nil until SetBalance: a default grant
	reads             int       // single-account GETs: on Dreamina each claims the day's free credits
	// settings are the service's further settings (service.settings) by wire field; nil for none.
	settings map[string]string
	// free says the upstream account was on its site's free plan at the last sign-in (SetFreeAccount).
	free bool
	// byEmail says an account of a service that takes either way (credentialRules.byEmail) was last added
	// by email and password: secret is the password, and session the token the site gave it.
	byEmail bool
}

// accounts is one token's accounts of one service, keyed by the service's account ID.
type accounts map[string]*account

// accountRequest is the body of a POST, in either of the encodings the services take. Password is the
// secret it carries: the password, or for a service of the second shape its credential (the field that
// d.cred names); Extra is the second secret taken with it (MiniMax's url, Mureka's refresh token). Settings
// are the service's further
// settings the POST carried (service.settings), by wire field; nil or empty when none. ByEmail says a
// POST to a service that takes either way carried the email and password, not the credential.
type accountRequest struct {
	Email, Password, Region string
	Extra                   string
	MaxJobs                 int64 // zero when optional and not given
	Settings                map[string]string
	ByEmail                 bool
}

// accountHandler serves one service's request against the caller's accounts of it, with s.mu held.
type accountHandler func(w http.ResponseWriter, r *http.Request, d *service, store accounts)

// forService answers the 401 or 402 a request without a usable subscription meets, and otherwise runs
// h with the state locked.
func (s *Server) forService(d *service, h accountHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if store, ok := s.subscribed(w, r, d, ""); ok {
			h(w, r, d, store)
		}
	}
}

// subscribed is the caller's accounts of d, or false once it answered the 401 or 402 of a request
// without a usable subscription, which carried password ("" for none); the caller holds s.mu.
func (s *Server) subscribed(w http.ResponseWriter, r *http.Request, d *service, password string) (accounts, bool) {
	sub := s.caller(r)
	switch {
	case sub == nil:
		s.refuseTo(w, d.refuse(http.StatusUnauthorized, cmp.Or(d.unauthorized, msgUnauthorized)), "", password)
	case !sub.active:
		s.refuseTo(w, d.refuse(http.StatusPaymentRequired, cmp.Or(d.noSubscription, msgNoSubscription)), "", password)
	default:
		return sub.store(d.name), true
	}
	return nil, false
}

// postAccount adds or updates an account: every service's POST is an upsert that logs in to the site.
// It reads the body before it checks the token, so that every refusal can echo the password it carried
// (see EchoSecrets), and it lets go of s.mu while the login is at the site (see SetLoginDelay).
func (s *Server) postAccount(d *service) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		in, err := parseAccountRequest(r, d)
		s.mu.Lock()
		defer s.mu.Unlock()
		store, ok := s.subscribed(w, r, d, in.Password)
		if !ok {
			return
		}
		if err != nil {
			s.refuseTo(w, d.refuse(http.StatusBadRequest, err.Error()), "", in.Password)
			return
		}
		if d.postToAccount && r.PathValue(d.wildcard) != in.Email {
			s.refuseTo(w, d.refuse(http.StatusBadRequest, msgEmailMismatch), "", in.Password)
			return
		}
		if in.Password == "" {
			s.updateSettings(w, d, store, d.id(in.Email, in.Region), in)
			return
		}
		if delay := s.loginDelay; delay > 0 {
			// The site takes its time, and other requests are served meanwhile. The wait ignores the
			// client: the service finishes a login whether or not anyone still waits for its answer.
			s.mu.Unlock()
			time.Sleep(delay)
			s.mu.Lock()
		}
		s.logIn(w, d, store, in)
	}
}

// updateSettings is a POST without a password or credential, which only a service that lets it be omitted
// takes: it changes maxJobs and the service's further settings it carries. No login is made, so the
// session and any error stay as they are (Gemini Notebook sends outputLanguage on to Google; that the
// setting is stored even for an account in error is assumed); the caller holds s.mu. An unknown account
// is a 400 where a password would add it, and the service's not-found where only a credential can (Flow
// Music: assumed, its pages do not say; Gemini Notebook and Google Vids: assumed as well).
func (s *Server) updateSettings(w http.ResponseWriter, d *service, store accounts, id string, in accountRequest) {
	a := store[id]
	if a == nil && d.cred != nil {
		d.notFound.write(w, id)
		return
	}
	if a == nil {
		d.refuse(http.StatusBadRequest, msgPasswordToAdd).write(w, id)
		return
	}
	now := s.opts.Now()
	if in.MaxJobs != 0 {
		a.maxJobs, a.updated = in.MaxJobs, now
	}
	if len(in.Settings) > 0 {
		a.setSettings(in.Settings)
		a.updated = now
	}
	writeJSON(w, d.updated, d.render(a, viewPost, now))
}

// logIn is the rest of a POST with a password or credential, once the site has answered; the caller
// holds s.mu.
func (s *Server) logIn(w http.ResponseWriter, d *service, store accounts, in accountRequest) {
	id, f, stale := s.signIn(d, in)
	a := store[id] // read after the login: the account may have come or gone meanwhile
	if a != nil {
		a.posted, a.posts = in.Password, a.posts+1
	}
	if f != nil {
		if stale && a != nil {
			s.breakWithStale(d, a, in)
		}
		s.refuseTo(w, *f, id, in.Password)
		return
	}
	if d.freeAccount != nil && s.free[d.name][id] {
		// The site let the service in and told it the plan: the account is not stored, and one already
		// held stays as it was (assumed: the pages say only that a free account is refused).
		s.refuseTo(w, *d.freeAccount, id, in.Password)
		return
	}
	if a == nil && s.opts.MaxAccounts > 0 && len(store) >= s.opts.MaxAccounts {
		s.refuseTo(w, d.refuse(http.StatusPaymentRequired, fmt.Sprintf(msgAccountCapFormat, s.opts.MaxAccounts, d.title)), id, in.Password)
		return
	}
	status := d.updated
	if a == nil {
		status = d.created
	}
	created := a == nil
	a = s.upsert(d, store, id, in)
	if created {
		a.posts = 1
	}
	if d.securityCheck != "" && s.securityChecks[in.Email] {
		// The login got as far as the site's challenge: the account is kept, paused until posted again.
		a.setError(d.securityCheck, s.echo)
		s.refuseStored(w, d, a)
		return
	}
	writeJSON(w, status, d.render(a, viewPost, s.opts.Now()))
}

// setError puts the account in an error state, or heals it with ""; echo embeds the last password posted
// for it, as EchoSecrets asks.
func (a *account) setError(message string, echo bool) {
	a.err, a.errEchoed = message, false
	if echo && message != "" && a.posted != "" {
		a.err, a.errEchoed = echoPassword(message, a.posted), true
	}
}

// setSettings writes the given further settings of the account.
func (a *account) setSettings(settings map[string]string) {
	for field, value := range settings {
		if a.settings == nil {
			a.settings = map[string]string{}
		}
		a.settings[field] = value
	}
}

// refuseTo writes f in answer to a request that carried password ("" for none): while EchoSecrets is on,
// the text embeds it (as plain text with EchoSecretsPlain); the caller holds s.mu.
func (s *Server) refuseTo(w http.ResponseWriter, f refusal, id, password string) {
	if !s.echo || password == "" {
		f.write(w, id)
		return
	}
	if s.echoPlain {
		f.form = plainText
	}
	f.send(w, echoPassword(strings.ReplaceAll(f.text, "{id}", id), password))
}

// refuseStored is the 596 of an account in an error state, in the words stored for it; the caller holds s.mu.
func (s *Server) refuseStored(w http.ResponseWriter, d *service, a *account) {
	f := d.refuse(596, a.err)
	if !a.errEchoed {
		f.write(w, a.id)
		return
	}
	if s.echoPlain {
		f.form = plainText
	}
	f.send(w, a.err)
}

func (s *Server) getAccount(w http.ResponseWriter, r *http.Request, d *service, store accounts) {
	a, ok := pathAccount(w, r, d, store)
	if !ok {
		return
	}
	s.refreshOnRead(d, a)
	if a.err != "" && !d.readsStored {
		// A live read of a broken account fails as the service's other calls do: add it again.
		s.refuseStored(w, d, a)
		return
	}
	a.reads++
	writeJSON(w, http.StatusOK, d.render(a, viewGet, s.opts.Now()))
}

func (s *Server) listAccounts(w http.ResponseWriter, _ *http.Request, d *service, store accounts) {
	if len(store) == 0 && d.noAccounts != nil && !s.emptyObject[d.name] {
		d.noAccounts.write(w, "")
		return
	}
	now := s.opts.Now()
	out := make(map[string]any, len(store))
	for id, a := range store {
		s.refreshOnRead(d, a)
		out[id] = d.render(a, viewList, now)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request, d *service, store accounts) {
	if d.badDeleteID != nil {
		if problem := d.badDeleteID(r.PathValue(d.wildcard)); problem != "" {
			d.refuse(http.StatusBadRequest, problem).write(w, "")
			return
		}
	}
	a, ok := pathAccount(w, r, d, store)
	if !ok {
		return
	}
	delete(store, a.id)
	if d.deleted == nil {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	writeJSON(w, http.StatusOK, d.deleted(a.id, len(store)))
}

// pathAccount finds the account the path names, or answers why there is none.
func pathAccount(w http.ResponseWriter, r *http.Request, d *service, store accounts) (*account, bool) {
	id := r.PathValue(d.wildcard)
	if problem := d.malformed(id); problem != "" {
		d.refuse(http.StatusBadRequest, problem).write(w, id)
		return nil, false
	}
	a, ok := store[id]
	if !ok {
		d.notFound.write(w, id)
	}
	return a, ok
}

// signIn is the site's answer to a POST's password or credential: the ID of the account it signs in to,
// and the refusal when it does not let the service in; stale says the credential was one the service had
// replaced with a fresh one (see RefreshCredentials). The caller holds s.mu.
func (s *Server) signIn(d *service, in accountRequest) (id string, f *refusal, stale bool) {
	if d.cred != nil {
		return s.identify(d, in)
	}
	return d.id(in.Email, in.Region), s.login(d, in.Email, in.Password), false
}

// login is the site's answer to the credentials: nil when they let the service in.
func (s *Server) login(d *service, email, password string) *refusal {
	u, known := s.users[d.name][email]
	switch {
	case known && u.suspended && d.suspended != nil:
		return d.suspended
	case known && (u.suspended || u.password != password), !known && s.opts.RequireKnownUsers:
		return &d.badCredentials
	}
	return nil
}

// upsert is the one place an account is written after a login; the caller holds s.mu. A zero maxJobs
// keeps the account's, or gives a new one the service's default (its minimum where it has none). The
// account of a credential whose identity is an email holds that email.
func (s *Server) upsert(d *service, store accounts, id string, in accountRequest) *account {
	now := s.opts.Now()
	a := store[id]
	if a == nil {
		email := in.Email
		if d.cred != nil && d.wildcard == "email" {
			email = id
		}
		a = &account{id: id, email: email, region: in.Region, added: now, maxJobs: cmp.Or(d.maxJobs.def, d.maxJobs.min)}
		for _, st := range d.settings {
			a.setSettings(map[string]string{st.field: st.def})
		}
		store[id] = a
	}
	if in.MaxJobs != 0 {
		a.maxJobs = in.MaxJobs
	}
	a.setSettings(in.Settings)
	a.free = s.free[d.name][id] // the plan, as the site says at each sign-in
	a.secret, a.extra, a.posted, a.err, a.errEchoed, a.updated = in.Password, in.Extra, in.Password, "", false, now
	a.setAuth(d, in)
	s.newSession(a)
	return a
}

// setAuth records which way a service that takes either way (credentialRules.byEmail) was last given
// the account: the email is the account's in that way only.
func (a *account) setAuth(d *service, in accountRequest) {
	if d.cred != nil && d.cred.byEmail != nil {
		a.byEmail, a.email = in.ByEmail, in.Email
	}
}

// newSession is a login's or a refresh's fresh session at the site; the caller holds s.mu.
func (s *Server) newSession(a *account) {
	s.logins++
	sum := sha256.Sum256(fmt.Appendf(nil, "%s#%d", a.id, s.logins))
	a.loggedIn, a.session = s.opts.Now(), sessionTokenPrefix+hex.EncodeToString(sum[:])
}

// serviceMessage is a refusal in the service's own words, capitalised as it writes them.
type serviceMessage string

func (m serviceMessage) Error() string { return string(m) }

// parseAccountRequest reads a JSON or multipart/form-data POST body and checks it by the service's rules.
func parseAccountRequest(r *http.Request, d *service) (accountRequest, error) {
	var names []string
	if d.cred != nil {
		names = []string{d.cred.field, d.cred.extra}
	}
	for _, st := range d.settings {
		names = append(names, st.field)
	}
	in, maxJobs, fields, err := readAccountRequest(r, names...)
	if err != nil {
		return in, err
	}
	if d.regions == nil {
		in.Region = ""
	}
	for _, st := range d.settings {
		if v := fields[st.field]; v != "" {
			if in.Settings == nil {
				in.Settings = map[string]string{}
			}
			in.Settings[st.field] = v
		}
	}
	problem := ""
	switch {
	case d.cred != nil && d.cred.byEmail != nil:
		problem = d.checkEither(&in, fields)
	case d.cred != nil:
		in.Password, in.Extra = fields[d.cred.field], fields[d.cred.extra]
		problem = d.checkCredential(&in, maxJobs)
	default:
		problem = d.checkLogin(in)
	}
	for _, st := range d.settings {
		if v, ok := in.Settings[st.field]; ok && problem == "" {
			problem = st.check(v)
		}
	}
	if problem != "" {
		return in, serviceMessage(problem)
	}
	in.MaxJobs, err = d.maxJobs.parse(maxJobs)
	return in, err
}

// readAccountRequest reads a POST body: the fields of email and password, maxJobs as it was written, and
// the string fields named (a credential's, a further setting's), "" where absent. It checks no service's
// rules.
func readAccountRequest(r *http.Request, names ...string) (accountRequest, string, map[string]string, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxRequestBytes)
	var in accountRequest
	var maxJobs string
	creds := map[string]string{}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxRequestBytes); err != nil {
			return in, "", creds, serviceMessage("Unable to parse multipart/form-data: " + err.Error())
		}
		in.Email, in.Password, in.Region = r.FormValue("email"), r.FormValue("password"), r.FormValue("region")
		maxJobs = r.FormValue("maxJobs")
		for _, name := range names {
			creds[name] = r.FormValue(name)
		}
	default:
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return in, "", creds, serviceMessage("Unable to read the request body")
		}
		var body struct {
			Email    string          `json:"email"`
			Password string          `json:"password"`
			Region   string          `json:"region"`
			MaxJobs  json.RawMessage `json:"maxJobs"`
		}
		if err := json.Unmarshal(data, &body); err != nil {
			return in, "", creds, serviceMessage("Unable to parse JSON body")
		}
		in.Email, in.Password, in.Region = body.Email, body.Password, body.Region
		maxJobs = strings.Trim(string(body.MaxJobs), `"`)
		if len(names) > 0 {
			var raw map[string]json.RawMessage
			_ = json.Unmarshal(data, &raw) // an object, or null, as the first pass found
			for _, name := range names {
				v, ok := raw[name]
				if name == "" || !ok || string(v) == "null" {
					continue
				}
				var text string
				if json.Unmarshal(v, &text) != nil {
					return in, "", creds, serviceMessage("Parameter " + name + " must be a string") // assumed text
				}
				creds[name] = text
			}
		}
	}
	delete(creds, "")
	return in, maxJobs, creds, nil
}

// checkLogin says why a POST of email and password breaks the service's rules, "" when it does not.
func (d *service) checkLogin(in accountRequest) string {
	switch {
	case strings.TrimSpace(in.Email) == "":
		return "Parameter email is required"
	case in.Password == "" && !d.passwordOptional:
		return "Parameter password is required"
	case d.regions != nil && in.Region == "":
		return "Parameter region is required"
	case d.regions != nil && !slices.Contains(d.regions, in.Region):
		return "Parameter region must be " + strings.Join(d.regions, " or ")
	}
	return ""
}

// parse reads maxJobs as a POST wrote it: zero when it may be left out and was, or when the service has
// no maxJobs (whatever was sent).
func (j jobLimits) parse(raw string) (int64, error) {
	switch {
	case j.max == 0:
		return 0, nil
	case raw == "" || raw == "null":
		if j.def == 0 {
			return 0, serviceMessage("Parameter maxJobs is required")
		}
		return 0, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n < j.min || n > j.max {
		return 0, serviceMessage(fmt.Sprintf("Parameter maxJobs (%s) valid range: %d…%d", raw, j.min, j.max))
	}
	return n, nil
}

type errorBody struct {
	Error string `json:"error"`
	Code  int    `json:"code,omitempty"`
}

// credentialedAccount is the account object of the services that show the site's session as a jwt.
type credentialedAccount struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	MaxJobs  int64  `json:"maxJobs"`
	JWT      any    `json:"jwt"`
	Error    string `json:"error,omitempty"`
}

// configurationNotFound is the plain-text sentence Runway and PixVerse answer for an unknown account and
// for an empty list.
var configurationNotFound = refusal{
	status: http.StatusNotFound,
	text:   "Configuration not found. To create configuration use POST /accounts/email.",
	form:   plainText,
}

// isoTime is a time as the services write ISO 8601: UTC, milliseconds, "Z".
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}
