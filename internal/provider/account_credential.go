package provider

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The second shape: services whose accounts are named by the credential they are added with (a refresh
// token, a token, a browser's cookies). The user cannot name the account before apply, so the identity is
// computed from the POST's answer; and useapi.net refreshes the credential it holds, so re-posting the
// configured one, stale by then, can break a working account. The credential is therefore sent to add
// an account, to add it again when the service reports it broken, and when the user changed it; never
// otherwise. "Changed" is decided against a salted digest of the last credential sent, kept in private
// state, so that moving it between the sensitive and the write-only form, or importing, sends nothing.

// credentialSpec is how a service of the second shape is given its credential.
type credentialSpec struct {
	// field is the service's wire field, and the name of the argument trio field, field_wo and
	// field_wo_version.
	field string
	// parts are further secrets the service takes with the credential (MiniMax's url): each is an argument
	// pair part and part_wo, set in the same form as field and sent with it.
	parts []credentialPart
	// identity is the computed attribute that names the account: "email", or "account" for a numeric id.
	identity string
	// idPattern is what an import ID must match, and idForm says it in words with an example.
	idPattern *regexp.Regexp
	idForm    string
	// what names the credential in a sentence, such as "the refresh token"; where says how to get one.
	what, where string
	// about describes the argument, after what the machinery says of every credential.
	about      string
	validators []validator.String
	// jobsNeedIt says the service changes max_jobs only with the credential posted again (MiniMax).
	jobsNeedIt bool
	// refreshed says useapi.net replaces the credential it holds with fresh ones by itself, so that the
	// configured one goes stale (Flow Music, Google Flow; not MiniMax, whose token lives 30 days).
	refreshed bool
	// login is a second way the service takes instead of the credential: the account's email and password
	// (Mureka); nil for a service that takes the credential alone.
	login *loginWay
}

// credentialPart is a further secret sent with a credential, such as MiniMax's url.
type credentialPart struct {
	name, about string
	validators  []validator.String
	// optional says the credential may go without it (Mureka's refresh_token).
	optional bool
}

// loginWay is the other way to connect an account of a service that offers two (Mureka): `email` with
// the password trio instead of the credential. The account is still named by the answer, which is why
// the email is an argument and not the identity; exactly one way is configured, and switching ways is an
// update in place that posts the way now configured.
type loginWay struct {
	// about describes the email, and password the password argument.
	about, password string
	// modeAttribute is the computed attribute in which the service says which way it holds the account
	// by; byLogin and byCredential are its values for the two ways. A way configured other than the one
	// the service reports is sent again.
	modeAttribute, byLogin, byCredential string
}

// Wire fields and arguments of the login way.
const (
	loginEmail    = "email"
	loginPassword = "password"
)

// identityName is the attribute that names the account: email, or the second shape's identity.
func (s *accountService) identityName() string {
	if s.credential != nil {
		return s.credential.identity
	}
	return "email"
}

// secretFields are the wire fields that hold secrets, each an argument pair name and name_wo: the
// credential, its parts, and the login way's password.
func (c *credentialSpec) secretFields() []string {
	out := []string{c.field}
	for _, p := range c.parts {
		out = append(out, p.name)
	}
	if c.login != nil {
		out = append(out, loginPassword)
	}
	return out
}

// credentialFields are the wire fields a change is judged by in the digest, field first: the credential,
// its parts, and the login way's email, so that another way, or another email, is a change. Never the
// password: a user's password, unlike a token, is guessable from a digest, so it is judged as the first
// shape's is (see useOf).
func (c *credentialSpec) credentialFields() []string {
	out := []string{c.field}
	for _, p := range c.parts {
		out = append(out, p.name)
	}
	if c.login != nil {
		out = append(out, loginEmail)
	}
	return out
}

func (c *credentialSpec) version() string { return c.field + "_wo_version" }

// versions are the write-only versions: the credential's, and the login way's password's.
func (c *credentialSpec) versions() []string {
	if c.login != nil {
		return []string{c.version(), loginPassword + "_wo_version"}
	}
	return []string{c.version()}
}

// forms says how the credential's arguments are to be given, for descriptions and errors.
func (c *credentialSpec) forms() string {
	plain, wo := "`"+c.field+"`", "`"+c.field+"_wo`"
	var optional string
	for _, p := range c.parts {
		if p.optional {
			optional += fmt.Sprintf(", with `%[1]s` (or `%[1]s_wo`) where there is one", p.name)
			continue
		}
		plain += " and `" + p.name + "`"
		wo += ", `" + p.name + "_wo`"
	}
	out := fmt.Sprintf("%s (or %s with `%s`)%s", plain, wo, c.version(), optional)
	if c.login != nil {
		out += ", or else `email` with `password` (or `password_wo` with `password_wo_version`)"
	}
	return out
}

// fromWords names the arguments useapi.net reads the account from.
func (c *credentialSpec) fromWords() string {
	if c.login != nil {
		return "`" + c.field + "`, or from `email` and the password"
	}
	return "`" + c.field + "`"
}

// credentialAttributes are the identity and the credential's arguments of a second-shape resource.
func (s *accountService) credentialAttributes() map[string]schema.Attribute {
	c := s.credential
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attributes := map[string]schema.Attribute{
		c.identity: schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s account useapi.net read from %s: %s. Known after the apply that "+
				"adds the account, and after any apply that sends %s, since another one may belong to another account.",
				s.title, c.fromWords(), c.identityWords(), c.what),
			Computed:      true,
			PlanModifiers: keep,
		},
	}
	when := "to add the account, to add it again when useapi.net reports it broken, and when it changes"
	if c.jobsNeedIt {
		when = "to add the account, to add it again when useapi.net reports it broken, when it changes, and with " +
			"every change of `max_jobs`, which " + s.title + " takes only with it"
	}
	never := "; never otherwise"
	if c.refreshed {
		never = "; never otherwise, because useapi.net replaces what it holds with fresh ones by itself, and " +
			"posting the configured value again once it is stale can break a working account"
	}
	// add declares the pair name and name_wo, the latter going with the version of field (a part's is
	// its credential's); version, when not "", says to declare that version too, sending version again.
	add := func(name, field, about, when string, validators []validator.String, version string) {
		moving := fmt.Sprintf("Moving it between `%s` and `%s_wo` is not a change.", name, name)
		if name == loginPassword {
			moving = "Nothing of it is kept, not even a digest, so moving it between `password` and `password_wo` " +
				"sends it again, as does an import."
		}
		sentWhen := fmt.Sprintf("It is sent %s. %s Optional once the account exists: an account set up in "+
			"useapi.net's own browser can be imported and managed without it.", when, moving)
		attributes[name] = schema.StringAttribute{
			MarkdownDescription: about + " Kept in state, marked sensitive. " + sentWhen + " At most one of `" + name +
				"` and `" + name + "_wo`; prefer `" + name + "_wo` on Terraform 1.11 and later.",
			Optional: true, Sensitive: true, Validators: validators,
		}
		woAbout := about + " Write-only: sent to useapi.net but never stored in plan or state; needs Terraform 1.11 " +
			"or later (or OpenTofu 1.11), and `" + field + "_wo_version` with it."
		attributes[name+"_wo"] = schema.StringAttribute{
			MarkdownDescription: woAbout, Optional: true, WriteOnly: true, Sensitive: true, Validators: validators,
		}
		if version != "" {
			attributes[field+"_wo_version"] = schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Any number, required with `%s_wo`. Terraform cannot see a write-only "+
					"value change, so change this number to send %s again.", field, version),
				Optional: true,
			}
		}
	}
	what := c.what
	if c.login != nil {
		what = "the " + c.field // the password has a version of its own
		for _, p := range c.parts {
			what += " and the " + strings.ReplaceAll(p.name, "_", " ")
		}
	}
	add(c.field, c.field, c.about, when+never, append([]validator.String{stringvalidator.LengthAtLeast(1)}, c.validators...), what)
	for _, p := range c.parts {
		add(p.name, c.field, p.about, when+never, append([]validator.String{stringvalidator.LengthAtLeast(1)}, p.validators...), "")
	}
	if l := c.login; l != nil {
		attributes[loginEmail] = schema.StringAttribute{
			MarkdownDescription: l.about + " Goes with `password` or `password_wo`, and not with `" + c.field + "`. " +
				"A new email is sent with the password, and the answer names the account it signs in to.",
			Optional: true, Validators: []validator.String{emailValidator()},
		}
		// A password does not go stale: useapi.net signs in with it again by itself, so it is also sent
		// when the service reports the account held by the other way.
		passwordWhen := fmt.Sprintf("to add the account, to add it again when useapi.net reports it broken, when it or "+
			"`email` changes, after an import, and when useapi.net reports the account held by the %s (`%s` is `%s`); "+
			"never otherwise", c.field, l.modeAttribute, l.byCredential)
		add(loginPassword, loginPassword, l.password, passwordWhen, []validator.String{stringvalidator.LengthAtLeast(1)}, "the password")
	}
	return attributes
}

// identityWords says what the identity is.
func (c *credentialSpec) identityWords() string {
	if c.identity == "email" {
		return "the email of the account it belongs to"
	}
	return "the numeric user id of the account it belongs to"
}

func (s *accountService) credentialIdentitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		s.credential.identity: identityschema.StringAttribute{RequiredForImport: true,
			Description: "The account useapi.net read from its credential: " + s.credential.identityWords() + "."},
	}}
}

// credentialValidators say which of the credential's arguments go together: at most one form, the
// version with the write-only form, and every part in the form of the credential.
func (c *credentialSpec) credentialValidators() []resource.ConfigValidator {
	field, wo, version := path.Root(c.field), path.Root(c.field+"_wo"), path.Root(c.version())
	out := []resource.ConfigValidator{requiresSet(wo, version), requiresSet(version, wo)}
	if l := c.login; l != nil {
		email, password, passwordWO, passwordVersion := path.Root(loginEmail), path.Root(loginPassword),
			path.Root(loginPassword+"_wo"), path.Root(loginPassword+"_wo_version")
		out = append(out,
			// One way, in one form.
			resourcevalidator.Conflicting(field.Expression(), wo.Expression(), password.Expression(), passwordWO.Expression()),
			resourcevalidator.Conflicting(email.Expression(), field.Expression()),
			resourcevalidator.Conflicting(email.Expression(), wo.Expression()),
			requiresSet(passwordWO, passwordVersion), requiresSet(passwordVersion, passwordWO),
			requiresSet(email, password, passwordWO), requiresSet(password, email), requiresSet(passwordWO, email))
	} else {
		out = append(out, resourcevalidator.Conflicting(field.Expression(), wo.Expression()))
	}
	for _, p := range c.parts {
		part, partWO := path.Root(p.name), path.Root(p.name+"_wo")
		conflicting := []path.Expression{part.Expression(), partWO.Expression()}
		if c.login != nil { // a part goes with the credential, not with the other way's password
			conflicting = append(conflicting, path.MatchRoot(loginPassword), path.MatchRoot(loginPassword+"_wo"))
		}
		out = append(out, resourcevalidator.Conflicting(conflicting...), requiresSet(part, field), requiresSet(partWO, wo))
		if !p.optional {
			out = append(out, requiresSet(field, part), requiresSet(wo, partWO))
		}
	}
	return out
}

// givenCredential is the credential a configuration gives, in whichever form.
type givenCredential struct {
	// values are by wire field.
	values map[string]string
	// set says the configuration gives one (an unknown value counts); known says its value is known.
	set, known bool
	// login says it is the login way's email and password.
	login bool
}

// givenCredential reads the credential from a configuration: write-only values are only there.
func (s *accountService) givenCredential(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) givenCredential {
	out := givenCredential{values: map[string]string{}, known: true}
	if config.Raw.IsNull() {
		return out
	}
	get := func(name string, pair bool) types.String {
		var v types.String
		diags.Append(config.GetAttribute(ctx, path.Root(name), &v)...)
		if pair && v.IsNull() {
			diags.Append(config.GetAttribute(ctx, path.Root(name+"_wo"), &v)...)
		}
		return v
	}
	c := s.credential
	// A way is given when its first field is; the validators keep it to one way.
	byCredential := []string{c.field}
	for _, p := range c.parts {
		byCredential = append(byCredential, p.name)
	}
	ways := [][]string{byCredential}
	if c.login != nil {
		ways = append(ways, []string{loginPassword, loginEmail})
	}
	for i, way := range ways {
		if get(way[0], true).IsNull() {
			continue
		}
		out.set, out.login = true, i == 1
		for _, name := range way {
			v := get(name, name != loginEmail)
			out.known = out.known && !v.IsUnknown()
			out.values[name] = v.ValueString()
		}
		break
	}
	return out
}

// input is how a given credential is sent: the login way's email names the account in the body, its
// password and every other credential field are secrets.
func (g givenCredential) input() (email string, credential map[string]string) {
	credential = make(map[string]string, len(g.values))
	for field, v := range g.values {
		if g.login && field == loginEmail {
			email = v
			continue
		}
		credential[field] = v
	}
	return email, credential
}

// heldOtherWay reports whether the service says it holds the account (in mode) by the other way than
// the one given. Only the login way is then sent again unasked: a password does not go stale, where a
// token the service has since replaced would break the account.
func (c *credentialSpec) heldOtherWay(mode types.String, g givenCredential) bool {
	if c.login == nil || !g.set || mode.IsNull() || mode.IsUnknown() {
		return false
	}
	want := c.login.byCredential
	if g.login {
		want = c.login.byLogin
	}
	return mode.ValueString() != want
}

// credentialKey, in private state, holds a salted digest of the credential last sent (a credentialMark).
// A high-entropy token's digest reveals nothing usable; the salt keeps two states from being compared.
const credentialKey = "credential"

type credentialMark struct {
	Salt   string `json:"salt"`
	SHA256 string `json:"sha256"`
	// Core is the digest without the optional parts (Mureka's refresh_token), against which a
	// credential that gives none is judged: removing one alone is no change, since the service keeps
	// what it holds, and sending the rest alone could post a stale token.
	Core string `json:"core,omitempty"`
}

func digest(salt []byte, fields []string, values map[string]string) string {
	h := sha256.New()
	h.Write(salt)
	for _, f := range fields {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(values[f])))
		h.Write(n[:])
		h.Write([]byte(values[f]))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// markOf is the private-state value recording g as the credential last sent.
func (c *credentialSpec) markOf(g givenCredential) []byte {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails on the platforms Go supports
	m := credentialMark{Salt: hex.EncodeToString(salt), SHA256: digest(salt, c.credentialFields(), g.values)}
	if core := c.coreFields(); len(core) < len(c.credentialFields()) {
		m.Core = digest(salt, core, g.values)
	}
	mark, _ := json.Marshal(m)
	return mark
}

// coreFields are the credential fields without the optional parts.
func (c *credentialSpec) coreFields() []string {
	var out []string
	for _, f := range c.credentialFields() {
		if !c.optionalPart(f) {
			out = append(out, f)
		}
	}
	return out
}

func (c *credentialSpec) optionalPart(field string) bool {
	for _, p := range c.parts {
		if p.name == field {
			return p.optional
		}
	}
	return false
}

// matches reports whether mark records g as the credential last sent.
func (c *credentialSpec) matches(mark []byte, g givenCredential) bool {
	var m credentialMark
	if json.Unmarshal(mark, &m) != nil {
		return false
	}
	salt, err := hex.DecodeString(m.Salt)
	if err != nil {
		return false
	}
	fields, want := c.credentialFields(), m.SHA256
	if m.Core != "" && !c.givesOptional(g) {
		fields, want = c.coreFields(), m.Core
	}
	return subtle.ConstantTimeCompare([]byte(digest(salt, fields, g.values)), []byte(want)) == 1
}

// givesOptional reports whether g gives any of the optional parts.
func (c *credentialSpec) givesOptional(g givenCredential) bool {
	for _, p := range c.parts {
		if p.optional && g.values[p.name] != "" {
			return true
		}
	}
	return false
}

// privateReader is a request's private state.
type privateReader interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}

// credentialUse is what applying a plan does to an account of the second shape.
type credentialUse struct {
	// write says the account is posted; send says the post carries the credential, so the answer may
	// name another account.
	write, send bool
	// missing says a credential is needed and none is configured: needed for what, for an error or a
	// warning; fatal says the plan cannot go on without it.
	missing string
	fatal   bool
}

// useOf decides what applying planned over prior does, the same way at plan and at apply, so the two agree.
func (r *accountResource) useOf(ctx context.Context, prior, planned accountArgs, given givenCredential, private privateReader,
	diags *diag.Diagnostics,
) credentialUse {
	c := r.svc.credential
	mark, d := private.GetKey(ctx, credentialKey)
	diags.Append(d...)
	bumped := !prior.PasswordWOVersion.IsNull() && !planned.PasswordWOVersion.IsNull() &&
		!prior.PasswordWOVersion.Equal(planned.PasswordWOVersion)
	// Without a mark (an imported account) the configured credential is taken as the one useapi.net
	// holds: sending it could only replace a fresher one. A password cannot go stale, so the login way is
	// sent then, and whenever its plain form changes (moving between forms included), the service holds
	// the account by the other way, or the version is bumped.
	login := given.login && (len(mark) == 0 || !prior.LoginPassword.Equal(planned.LoginPassword) || c.heldOtherWay(prior.Mode, given))
	changed := given.set && (!given.known || (len(mark) > 0 && !c.matches(mark, given)) || login) || bumped
	readd := !prior.Error.IsNull() // the service reports it broken, or its create got no definite answer
	// A setting changes as max_jobs does: without the credential, where the service takes that.
	jobs := (r.svc.hasMaxJobs() && !prior.MaxJobs.Equal(planned.MaxJobs)) || settingsChanged(prior.Settings, planned.Settings)
	use := credentialUse{write: changed || readd || jobs, send: changed || readd || (jobs && c.jobsNeedIt)}
	if !use.send || given.set {
		return use
	}
	switch {
	case jobs && c.jobsNeedIt:
		use.missing, use.fatal = fmt.Sprintf("%s changes max_jobs only with %s posted again", r.svc.title, c.what), true
	case prior.ID.ValueString() == "":
		use.missing, use.fatal = "the account's create got no definite answer, and only posting it again tells which account it is", true
	default:
		// Broken at the service: adding it again needs a fresh credential the configuration does not give.
		use.missing = "useapi.net reports the account broken, and adding it again needs a fresh one"
		use.send, use.write = false, jobs
	}
	return use
}

// missingCredential is the diagnostic for a credential that is needed and not configured.
func (r *accountResource) missingCredential(use credentialUse, diags *diag.Diagnostics) {
	c := r.svc.credential
	detail := fmt.Sprintf("This plan needs %s: %s. Set %s to %s, then plan again. %s", c.what, use.missing, c.forms(),
		c.where, "Nothing was sent to useapi.net.")
	if use.fatal {
		summary := "Missing " + c.field
		if c.login != nil {
			summary += " or " + loginEmail
		}
		diags.AddAttributeError(path.Root(c.field), summary, detail)
		return
	}
	diags.AddAttributeWarning(path.Root(c.field), r.svc.title+" account needs "+c.what,
		fmt.Sprintf("useapi.net reports the account broken, and adding it again needs %s, which the configuration does "+
			"not give. Set %s to %s and apply: the plan then adds the account again. Until then, the plan leaves it as "+
			"it is.", c.what, c.forms(), c.where))
}
