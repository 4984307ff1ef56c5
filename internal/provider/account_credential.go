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
}

// credentialPart is a further secret sent with a credential, such as MiniMax's url.
type credentialPart struct {
	name, about string
	validators  []validator.String
}

// identityName is the attribute that names the account: email, or the second shape's identity.
func (s *accountService) identityName() string {
	if s.credential != nil {
		return s.credential.identity
	}
	return "email"
}

// credentialFields are the wire fields of the credential, field first.
func (c *credentialSpec) credentialFields() []string {
	out := []string{c.field}
	for _, p := range c.parts {
		out = append(out, p.name)
	}
	return out
}

func (c *credentialSpec) version() string { return c.field + "_wo_version" }

// forms says how the credential's arguments are to be given, for descriptions and errors.
func (c *credentialSpec) forms() string {
	if len(c.parts) == 0 {
		return fmt.Sprintf("`%[1]s` (or `%[1]s_wo` with `%[1]s_wo_version`)", c.field)
	}
	plain, wo := "`"+c.field+"`", "`"+c.field+"_wo`"
	for _, p := range c.parts {
		plain += " and `" + p.name + "`"
		wo += ", `" + p.name + "_wo`"
	}
	return fmt.Sprintf("%s (or %s with `%s`)", plain, wo, c.version())
}

// credentialAttributes are the identity and the credential's arguments of a second-shape resource.
func (s *accountService) credentialAttributes() map[string]schema.Attribute {
	c := s.credential
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	attributes := map[string]schema.Attribute{
		c.identity: schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s account useapi.net read from `%s`: %s. Known after the apply that "+
				"adds the account, and after any apply that sends %s, since another one may belong to another account.",
				s.title, c.field, c.identityWords(), c.what),
			Computed:      true,
			PlanModifiers: keep,
		},
	}
	when := "to add the account, to add it again when useapi.net reports it broken, and when it changes"
	if c.jobsNeedIt {
		when = "to add the account, to add it again when useapi.net reports it broken, when it changes, and with " +
			"every change of `max_jobs`, which " + s.title + " takes only with it"
	}
	if c.refreshed {
		when += "; never otherwise, because useapi.net replaces what it holds with fresh ones by itself, and " +
			"posting the configured value again once it is stale can break a working account"
	} else {
		when += "; never otherwise"
	}
	add := func(name, about string, validators []validator.String, version bool) {
		sentWhen := fmt.Sprintf("It is sent %s. Moving it between `%s` and `%s_wo` is not a change. Optional once "+
			"the account exists: an account set up in useapi.net's own browser can be imported and managed without it.",
			when, name, name)
		attributes[name] = schema.StringAttribute{
			MarkdownDescription: about + " Kept in state, marked sensitive. " + sentWhen + " At most one of `" + name +
				"` and `" + name + "_wo`; prefer `" + name + "_wo` on Terraform 1.11 and later.",
			Optional: true, Sensitive: true, Validators: validators,
		}
		woAbout := about + " Write-only: sent to useapi.net but never stored in plan or state; needs Terraform 1.11 " +
			"or later (or OpenTofu 1.11), and `" + c.version() + "` with it."
		attributes[name+"_wo"] = schema.StringAttribute{
			MarkdownDescription: woAbout, Optional: true, WriteOnly: true, Sensitive: true, Validators: validators,
		}
		if version {
			attributes[c.version()] = schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Any number, required with `%s_wo`. Terraform cannot see a write-only "+
					"value change, so change this number to send %s again.", c.field, c.what),
				Optional: true,
			}
		}
	}
	add(c.field, c.about, append([]validator.String{stringvalidator.LengthAtLeast(1)}, c.validators...), true)
	for _, p := range c.parts {
		add(p.name, p.about, append([]validator.String{stringvalidator.LengthAtLeast(1)}, p.validators...), false)
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
	out := []resource.ConfigValidator{
		resourcevalidator.Conflicting(field.Expression(), wo.Expression()),
		requiresSet(wo, version),
		requiresSet(version, wo),
	}
	for _, p := range c.parts {
		part, partWO := path.Root(p.name), path.Root(p.name+"_wo")
		out = append(out, resourcevalidator.Conflicting(part.Expression(), partWO.Expression()),
			requiresSet(part, field), requiresSet(field, part), requiresSet(partWO, wo), requiresSet(wo, partWO))
	}
	return out
}

// givenCredential is the credential a configuration gives, in whichever form.
type givenCredential struct {
	// values are by wire field.
	values map[string]string
	// set says the configuration gives one (an unknown value counts); known says its value is known.
	set, known bool
}

// givenCredential reads the credential from a configuration: write-only values are only there.
func (s *accountService) givenCredential(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) givenCredential {
	out := givenCredential{values: map[string]string{}, known: true}
	if config.Raw.IsNull() {
		return out
	}
	for i, name := range s.credential.credentialFields() {
		var plain, wo types.String
		diags.Append(config.GetAttribute(ctx, path.Root(name), &plain)...)
		diags.Append(config.GetAttribute(ctx, path.Root(name+"_wo"), &wo)...)
		v := plain
		if v.IsNull() {
			v = wo
		}
		if i == 0 {
			out.set = !v.IsNull()
		}
		if v.IsUnknown() {
			out.known = false
		}
		out.values[name] = v.ValueString()
	}
	if !out.set {
		out.values = map[string]string{}
	}
	return out
}

// credentialKey, in private state, holds a salted digest of the credential last sent (a credentialMark).
// A high-entropy token's digest reveals nothing usable; the salt keeps two states from being compared.
const credentialKey = "credential"

type credentialMark struct {
	Salt   string `json:"salt"`
	SHA256 string `json:"sha256"`
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
	mark, _ := json.Marshal(credentialMark{Salt: hex.EncodeToString(salt), SHA256: digest(salt, c.credentialFields(), g.values)})
	return mark
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
	return subtle.ConstantTimeCompare([]byte(digest(salt, c.credentialFields(), g.values)), []byte(m.SHA256)) == 1
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
	// changed says the configured credential is not the one last sent.
	changed bool
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
	// holds: sending it could only replace a fresher one.
	changed := given.set && (!given.known || (len(mark) > 0 && !c.matches(mark, given))) || bumped
	readd := !prior.Error.IsNull() // the service reports it broken, or its create got no definite answer
	// A setting changes as max_jobs does: without the credential, where the service takes that.
	jobs := (r.svc.hasMaxJobs() && !prior.MaxJobs.Equal(planned.MaxJobs)) || settingsChanged(prior.Settings, planned.Settings)
	use := credentialUse{changed: changed, write: changed || readd || jobs, send: changed || readd || (jobs && c.jobsNeedIt)}
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
		diags.AddAttributeError(path.Root(c.field), "Missing "+c.field, detail)
		return
	}
	diags.AddAttributeWarning(path.Root(c.field), r.svc.title+" account needs "+c.what,
		fmt.Sprintf("useapi.net reports the account broken, and adding it again needs %s, which the configuration does "+
			"not give. Set %s to %s and apply: the plan then adds the account again. Until then, the plan leaves it as "+
			"it is.", c.what, c.forms(), c.where))
}
