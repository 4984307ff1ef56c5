package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// The second shape: services whose accounts are named by the credential they are added with (a refresh
// token, a token, the cookies of a signed-in browser session). The POST names no account; the emulated
// site reads from the credential which upstream account it signs in to, and that identity is the key of
// GET, DELETE and the list. Only credentials the site issued (IssueCredential, or PutAccount's) sign in;
// the service replaces the credentials it holds with fresh ones over time (RefreshCredentials), and a
// credential so replaced is stale: posting it breaks the account (see breakWithStale).

// credentialRules is how a service of the second shape reads its credential.
type credentialRules struct {
	field string // the body field holding it: "refresh_token", "token", "cookies"
	extra string // a second secret the POST carries with it, issued with the credential (MiniMax's "url")

	// key is what the site knows a credential by, or why it is malformed: a 400 before the site is asked.
	key func(value string) (key, problem string)
	// mint is a new credential of identity made from seed: its value and its extra.
	mint func(identity string, seed [32]byte, now time.Time) (value, extra string)

	refreshes  bool    // the service refreshes stored credentials by itself (Options.RefreshOnRead applies)
	badExtra   refusal // the extra is not the one issued with the credential
	superseded string  // the error an account is left in when a superseded credential is posted for it

	// extraOptional lets a POST leave the extra out (Mureka's refresh_token); one sent must still be the
	// one issued with the credential.
	extraOptional bool
	// unknown is the refusal of a credential the site does not take; nil: the service's badCredentials.
	// A service that also takes an email and password keeps badCredentials for the refused login.
	unknown *refusal
	// byEmail, for a service that also adds an account by the site's email and password (Mureka), is the
	// identity the site gives the account of an email; nil where only a credential adds one. Such a login
	// is checked as the first shape's are (AddUser, SuspendUser, Options.RequireKnownUsers).
	byEmail func(email string) string
}

// refused is the refusal of a credential the site does not take.
func (c *credentialRules) refused(d *service) *refusal {
	if c.unknown != nil {
		return c.unknown
	}
	return &d.badCredentials
}

// issued is a credential a site knows.
type issued struct {
	identity   string
	extra      string
	superseded bool // the service refreshed it away: the site no longer takes it
}

// msgEmailAloneFormat refuses a body with both a credential and an email, where the email names the
// account of a credential-less update; the second and third verbs are what such an update changes
// (service.updatable). Flow Music: "Send nothing else alongside email"; the answer to a body that does is
// not documented (nor Gemini Notebook's and Google Vids'), so this refusal and its text are assumed.
const msgEmailAloneFormat = "Send either %s to add or refresh an account, or email and %s alone to change %s"

// IssueCredential makes the service's site issue a new credential of the upstream account identity (an
// email, or MiniMax's numeric user id), as signing in there does, and returns it as the user would copy
// it: Flow Music's refresh token, MiniMax's token (its url is CredentialURL), Mureka's token (its refresh
// token is CredentialRefreshToken), the cookie table of Google Flow, Gemini Notebook and Google Vids.
// Each call issues a different one; all stay valid until a refresh supersedes the one an account holds.
// It returns "" for a service of email and password.
func (s *Server) IssueCredential(svc Service, identity string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := lookup(svc)
	if d == nil || d.cred == nil || identity == "" {
		return ""
	}
	value, _ := s.mint(d, identity)
	return value
}

// CredentialURL is the second secret issued with a credential, which the POST must carry with it:
// MiniMax's url (a /cursor request URL copied from DevTools). "" for other services and unknown credentials.
func (s *Server) CredentialURL(svc Service, credential string) string {
	return s.issuedExtra(svc, credential, "url")
}

// CredentialRefreshToken is the refresh token issued with a token, which the POST may carry with it:
// Mureka's refresh_token. "" for other services and unknown tokens.
func (s *Server) CredentialRefreshToken(svc Service, token string) string {
	return s.issuedExtra(svc, token, "refresh_token")
}

// issuedExtra is the second secret issued with credential, where the service's POST names it field.
func (s *Server) issuedExtra(svc Service, credential, field string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := lookup(svc)
	if d == nil || d.cred == nil || d.cred.extra != field {
		return ""
	}
	key, _ := d.cred.key(credential)
	if c := s.credentials[svc][key]; c != nil {
		return c.extra
	}
	return ""
}

// RefreshCredentials does what useapi.net does about daily for the accounts of identity, under every API
// token: it replaces the credential it holds with a fresh one nobody outside has seen, and the site stops
// taking the one replaced. Posting the replaced one afterwards breaks the account (see breakWithStale).
// An account in an error state is not refreshed (assumed: its session is gone). It returns how many
// accounts it refreshed. Any service of the second shape can be refreshed so; Options.RefreshOnRead does
// it only for those documented to refresh by themselves.
func (s *Server) RefreshCredentials(svc Service, identity string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := lookup(svc)
	if d == nil || d.cred == nil {
		return 0
	}
	n := 0
	for _, sub := range s.subs {
		if a := sub.accounts[svc][identity]; a != nil && s.refresh(d, a) {
			n++
		}
	}
	return n
}

// SetFreeAccount marks the upstream account identity of the service's site as on the site's free plan
// while free is true, as signing up without a paid plan does; false puts it on the paid plan the emulator
// gives every account. It applies from the next POST of a credential of identity (and PutAccount): Google
// Vids, where a free account has no allowance, then refuses it with its 400 and stores nothing; Gemini
// Notebook, which works on the free plan, takes it and reports the free plan and its limits. Accounts
// already held are not changed until then.
func (s *Server) SetFreeAccount(svc Service, identity string, free bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.free[svc] == nil {
		s.free[svc] = map[string]bool{}
	}
	s.free[svc][identity] = free
}

// SetEmptyListObject makes the service answer a list of no accounts with {} while on, where it answers a
// 404 (Kling, Runway, PixVerse, MiniMax, Mureka); off restores the service's own answer. MiniMax's and
// Mureka's empty forms are not documented: tests cover both with this switch.
func (s *Server) SetEmptyListObject(svc Service, on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.emptyObject[svc] = on
}

// checkCredential says why a POST to a service of the second shape breaks its rules, "" when it does
// not; it clears the email of a POST that carries a credential, where the credential names the account.
func (d *service) checkCredential(in *accountRequest, maxJobs string) string {
	c := d.cred
	switch {
	case in.Password == "" && d.passwordOptional && strings.TrimSpace(in.Email) != "":
		if (maxJobs == "" || maxJobs == "null") && len(in.Settings) == 0 {
			// "maxJobs is required here" (Flow Music); Gemini Notebook's "maxJobs, outputLanguage or
			// both" is refused in these words (assumed).
			return "Parameter " + d.updatable() + " is required"
		}
		return ""
	case in.Password == "":
		return "Parameter " + c.field + " is required"
	case d.passwordOptional && in.Email != "":
		return fmt.Sprintf(msgEmailAloneFormat, c.field, d.updatable(), d.updatable())
	case c.extra != "" && in.Extra == "":
		return "Parameter " + c.extra + " is required"
	}
	in.Email = ""
	_, problem := c.key(in.Password)
	return problem
}

// msgEitherWay refuses a body of both ways to a service that takes either (credentialRules.byEmail).
// Assumed: Mureka's pages say "one of two bodies" and not what a body of both answers.
const msgEitherWay = "Send either email and password, or token (with refresh_token), not both"

// checkEither is checkCredential for a service that takes either an email and password or a credential
// (with its optional extra): it says why the POST breaks the rules, "" when it does not, and marks in as
// the one way it carried. The texts are assumed, in the words of the services' other refusals.
func (d *service) checkEither(in *accountRequest, fields map[string]string) string {
	c := d.cred
	value, extra := fields[c.field], fields[c.extra]
	switch {
	case (in.Email != "" || in.Password != "") && (value != "" || extra != ""):
		return msgEitherWay
	case in.Email != "" || in.Password != "":
		in.ByEmail = true
		return d.checkLogin(*in)
	case value == "" && extra != "":
		return "Parameter " + c.field + " is required with " + c.extra
	case value == "":
		return "Parameter email and password, or " + c.field + ", is required"
	}
	in.Password, in.Extra = value, extra
	_, problem := c.key(value)
	return problem
}

// identify is the site's answer to a credential (or, where it takes one, an email and password): the
// account it signs in to, or the refusal; stale says it was superseded by a refresh. The caller holds s.mu.
func (s *Server) identify(d *service, in accountRequest) (string, *refusal, bool) {
	if in.ByEmail {
		return d.cred.byEmail(in.Email), s.login(d, in.Email, in.Password), false
	}
	key, _ := d.cred.key(in.Password)
	c := s.credentials[d.name][key]
	switch {
	case c == nil:
		return "", d.cred.refused(d), false
	case c.superseded:
		return c.identity, d.cred.refused(d), true
	case d.cred.extraOptional && in.Extra == "":
		// The credential alone signs in; the account then goes without what the extra gives (Mureka's
		// hasAutoRefresh).
	case d.cred.extra != "" && in.Extra != c.extra:
		return c.identity, &d.cred.badExtra, false
	}
	return c.identity, nil, false
}

// breakWithStale is what posting a superseded credential does to the account it belonged to. Assumed, as
// no page says: useapi.net stores the credential it is given before it tries it, so the fresh one it held
// is lost, and the site, seeing a superseded credential used, ends that session too (as refresh-token
// reuse detection does); the POST is refused as a credential that does not sign in (Flow Music: the token
// fails to refresh, a 400), and the account stays in error until a newly issued credential is posted. This is why a client
// must not re-post a configured credential without need. The caller holds s.mu.
func (s *Server) breakWithStale(d *service, a *account, in accountRequest) {
	if key, _ := d.cred.key(a.secret); s.credentials[d.name][key] != nil {
		s.credentials[d.name][key].superseded = true // and the site ends the session it belonged to
	}
	a.secret, a.extra = in.Password, in.Extra
	a.setAuth(d, in)
	a.setError(d.cred.superseded, s.echo)
}

// refreshOnRead refreshes a read account's credential when Options.RefreshOnRead asks for it; the caller
// holds s.mu.
func (s *Server) refreshOnRead(d *service, a *account) {
	if s.opts.RefreshOnRead && d.cred != nil && d.cred.refreshes {
		s.refresh(d, a)
	}
}

// refresh replaces the credential an account holds with a fresh one, which supersedes it; the caller
// holds s.mu.
func (s *Server) refresh(d *service, a *account) bool {
	if a.err != "" {
		return false
	}
	if !a.byEmail {
		key, _ := d.cred.key(a.secret)
		if c := s.credentials[d.name][key]; c != nil {
			c.superseded = true
		}
		held := a.extra
		a.secret, a.extra = s.mint(d, a.id)
		if d.cred.extraOptional && held == "" {
			// Assumed: Mureka's token is refreshed even without a refresh token (useapi.net "refreshes
			// tokens by itself"), and the account goes on without one, as it was added.
			a.extra = ""
		}
	} // an account added by email and password logs in again: the password it holds stays valid
	a.refreshes++
	s.newSession(a)
	return true
}

// mint issues a new credential of identity; the caller holds s.mu.
func (s *Server) mint(d *service, identity string) (value, extra string) {
	s.issuedCount++
	seed := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%d", d.name, identity, s.issuedCount))
	value, extra = d.cred.mint(identity, seed, s.opts.Now())
	key, _ := d.cred.key(value)
	s.register(d, key, identity, extra)
	return value, extra
}

// register makes the site know a credential by key as identity's; the caller holds s.mu.
func (s *Server) register(d *service, key, identity, extra string) {
	if s.credentials[d.name] == nil {
		s.credentials[d.name] = map[string]*issued{}
	}
	s.credentials[d.name][key] = &issued{identity: identity, extra: extra}
}

// putCredentialed is PutAccount for the second shape; the caller holds s.mu.
func (s *Server) putCredentialed(d *service, store accounts, a Account) {
	if d.cred.byEmail != nil && a.Email != "" && a.Password != "" {
		in := accountRequest{Email: a.Email, Password: a.Password, ByEmail: true, Settings: a.Settings}
		s.upsert(d, store, cmp.Or(a.ID, d.cred.byEmail(a.Email)), in).err = a.Error
		return
	}
	id := cmp.Or(a.ID, a.Email)
	if id == "" {
		return
	}
	value, extra := a.Credential, a.Extra
	if value == "" {
		value, extra = s.mint(d, id) // as useapi.net's remote-browser setup: nobody outside holds it
	} else if key, problem := d.cred.key(value); problem == "" {
		s.register(d, key, id, extra)
	}
	if d.maxJobs.max == 0 {
		a.MaxJobs = 0
	}
	s.upsert(d, store, id, accountRequest{Password: value, Extra: extra, MaxJobs: a.MaxJobs, Settings: a.Settings}).err = a.Error
}

// authMode is how an account of a service that takes either way (credentialRules.byEmail) was last
// given, as Mureka reports it: "email" or "token"; "" for the other services.
func (d *service) authMode(a *account) string {
	switch {
	case d.cred == nil || d.cred.byEmail == nil:
		return ""
	case a.byEmail:
		return "email"
	}
	return "token"
}

// shorten is a secret as the services show it: its first and last three characters around marker.
func shorten(secret, marker string) string {
	if len(secret) < 8 {
		return marker
	}
	return secret[:3] + marker + secret[len(secret)-3:]
}

// uuidOf is a stable version-4-looking UUID standing for parts.
func uuidOf(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32]
}
