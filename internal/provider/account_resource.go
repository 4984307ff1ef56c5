package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

var (
	_ resource.ResourceWithConfigure        = (*accountResource)(nil)
	_ resource.ResourceWithImportState      = (*accountResource)(nil)
	_ resource.ResourceWithConfigValidators = (*accountResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*accountResource)(nil)
	_ resource.ResourceWithIdentity         = (*accountResource)(nil)
)

const (
	defaultWriteTimeout = 10 * time.Minute
	defaultReadTimeout  = 5 * time.Minute
	// reconcileTimeout bounds the read that checks a create whose answer was lost, which runs even after
	// the create's own time is spent or Terraform was interrupted: it decides whether state must know the
	// account.
	reconcileTimeout = 30 * time.Second
)

// accountResource is useapi_<name>_account for every service: the rules live here once, and the
// service's description says only what differs.
type accountResource struct {
	svc  *accountService
	data *providerData
}

func newAccountResource(svc *accountService) func() resource.Resource {
	return func() resource.Resource { return &accountResource{svc: svc} }
}

// accountArgs are what a plan or state says of an account.
type accountArgs struct {
	// ID is the account's key at the service; empty for a second-shape account whose create got no
	// definite answer.
	ID types.String
	// Email is the account's name: the email, or for a service of the second shape its identity attribute
	// (MiniMax's account).
	Email   types.String
	Region  types.String
	MaxJobs types.Int64
	// Password is the password, or the second shape's credential as state holds it (its sensitive form).
	Password types.String
	// PasswordWOVersion is password_wo_version, or the second shape's credential version.
	PasswordWOVersion types.Int64
	// Error is the service's reason the account needs attention, as last recorded.
	Error types.String
	// Mode is, for a service with two ways to connect, the way the service last said it holds the account
	// by; LoginPassword is that service's password in its sensitive form.
	Mode, LoginPassword types.String
	// Settings are the service's settings, by argument name.
	Settings map[string]types.String
}

// attributeGetter is a plan, state or configuration.
type attributeGetter interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}

func (r *accountResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.svc.typeName()
	// A credential of another account changes which account the resource manages (see updateCredentialed).
	resp.ResourceBehavior.MutableIdentity = r.svc.credential != nil
}

func (r *accountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.svc.resourceSchema(ctx)
}

func (r *accountResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = r.svc.identitySchema()
}

func (r *accountResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	if r.svc.credential != nil {
		return r.svc.credential.credentialValidators()
	}
	password, wo, version := path.Root("password"), path.Root("password_wo"), path.Root("password_wo_version")
	return []resource.ConfigValidator{
		exactlyOneSet(password, wo),
		requiresSet(wo, version),
		requiresSet(version, wo),
	}
}

func (r *accountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan keeps an update that changes nothing the service holds (the timeouts block, say) from
// costing a login, and plans the re-adding of an account the service reports in an error state.
func (r *accountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.svc.credential != nil && !req.Plan.Raw.IsNull() {
		r.modifyCredentialedPlan(ctx, req, resp)
		return
	}
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	prior, planned, ok := updatePlan(req, &resp.Diagnostics, nil)
	if !ok {
		return
	}
	write := needsWrite(r.args(prior), r.args(planned))
	for _, name := range r.svc.computedNames() {
		v := prior[name]
		if write {
			// The write logs in again: the session and any error are known only after it.
			v = tftypes.NewValue(v.Type(), tftypes.UnknownValue)
		}
		planned[name] = v
	}
	r.svc.leaveToAnswer(planned, write)
	resp.Plan.Raw = planned.object(req.Plan.Raw.Type())
}

// updatePlan reads the prior state and the plan of an update, and reports false when there is nothing to
// look at: a healthy account with nothing to change, the common case of a large plan, stays cheap. look,
// when not nil, says that prior must be looked at even so.
func updatePlan(req resource.ModifyPlanRequest, diags *diag.Diagnostics, look func(prior rawObject) bool) (prior, planned rawObject, ok bool) {
	prior, err := rawAttributes(req.State.Raw)
	if err != nil {
		diags.AddError("Unable to read the prior state", err.Error())
		return nil, nil, false
	}
	if prior["error"].IsNull() && req.Plan.Raw.Equal(req.State.Raw) && (look == nil || !look(prior)) {
		return nil, nil, false
	}
	planned, err = rawAttributes(req.Plan.Raw)
	if err != nil {
		diags.AddError("Unable to read the plan", err.Error())
		return nil, nil, false
	}
	return prior, planned, true
}

// unsettledKey, in an account's private state, marks an account whose last create got no definite
// answer, until a write settles it.
const unsettledKey = "unsettled"

// unsettledNote is the account's error while unsettledKey marks it: the plan's update sends it again.
const unsettledNote = "Whether useapi.net holds this account with the configured values is not known: the " +
	"request that added it got no definite answer. The next apply sends it again, in place."

// needsWrite reports whether applying plan over state must post the account: something the service holds
// or the password changed, or the service reports the account in an error state.
func needsWrite(was, now accountArgs) bool {
	return !was.Error.IsNull() || !was.Email.Equal(now.Email) || !was.Region.Equal(now.Region) ||
		!was.MaxJobs.Equal(now.MaxJobs) || settingsChanged(was.Settings, now.Settings) || credentialChanged(was, now)
}

// credentialChanged reports whether the plan sends another password than the one last sent.
func credentialChanged(was, now accountArgs) bool {
	return !was.Password.Equal(now.Password) || !was.PasswordWOVersion.Equal(now.PasswordWOVersion)
}

func (r *accountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if r.svc.credential != nil {
		r.createCredentialed(ctx, req, resp)
		return
	}
	attrs, plan := r.load(req.Plan.Raw, &resp.Diagnostics)
	password := r.password(ctx, plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Create, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	id := plan.id(r.svc)
	summary := "Unable to create " + r.svc.title + " account"
	defer r.data.run.lock(r.svc, id)()

	prior, existed, priorErr := r.data.run.preexisting(ctx, r.svc, r.data.client, id)
	if priorErr != nil {
		addServiceError(&resp.Diagnostics, r.svc, summary, fmt.Errorf("reading the %s accounts to check whether %s is already configured: %w", r.svc.title, id, priorErr))
		return
	}
	sent := r.input(plan, password)
	got, err := r.svc.calls.upsert(ctx, r.data.client, sent)
	switch {
	case err == nil:
	case isAccountError(err):
		got = r.savedInError(sent, err, &resp.Diagnostics)
	case useapi.MayHaveApplied(err):
		var settled bool
		got, settled, err = r.settle(ctx, id, sent, existed, err, &resp.Diagnostics)
		if err != nil {
			addServiceError(&resp.Diagnostics, r.svc, summary, err)
			return
		}
		if !settled {
			// The service may hold the account though no answer said so. Keep it in state, untainted (a
			// tainted account is replaced, deleting what may be a working account before posting again),
			// marked so that the next plan posts it again in place.
			r.data.run.markWritten(r.svc, id) // a create_before_destroy replacement must not delete it
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, unsettledKey, []byte("true"))...)
			r.record(ctx, attrs, account{id: id, maxJobs: sent.MaxJobs, error: unsettledNote}, &resp.Diagnostics)
			resp.State.Raw = attrs.object(req.Plan.Raw.Type())
			r.setIdentity(ctx, resp.Identity, plan, &resp.Diagnostics)
			return
		}
	default:
		addServiceError(&resp.Diagnostics, r.svc, summary, err)
		return
	}
	got.id = id
	r.data.run.markWritten(r.svc, id)
	if existed {
		// Terraform tells a create nothing of the object it replaces: with create_before_destroy, the old
		// object is still in state while this runs, so an account held here may be this configuration's own.
		resp.Diagnostics.AddWarning(r.svc.title+" account already at useapi.net",
			fmt.Sprintf("useapi.net already held %s (with max_jobs = %s) when this apply added it. If this "+
				"configuration is replacing its own account with create_before_destroy (terraform apply -replace, "+
				"a tainted account), that was the account itself, and the replacement keeps it. Otherwise it was "+
				"configured outside this configuration, which now adopts it: it is managed with the values declared "+
				"here, and terraform destroy will remove it from useapi.net. To stop managing it without removing "+
				"it, use a removed block (or terraform state rm).", id, jobsText(prior.maxJobs)))
	}
	r.record(ctx, attrs, got, &resp.Diagnostics)
	resp.State.Raw = attrs.object(req.Plan.Raw.Type())
	r.setIdentity(ctx, resp.Identity, plan, &resp.Diagnostics)
}

// settle reads back an account whose create got no definite answer (cause), and says what state must
// hold. settled is true when the read shows the create took effect: the service holds the account with
// what was sent, and held none before. An error means the create certainly did not take effect: every
// attempt was answered, and the service says it does not hold the account. Anything else is unknown:
// settled is false and a warning says why. held says the service held the account before this create
// (adopted, or this configuration's own being replaced with create_before_destroy): then a password,
// which cannot be read back, is all that could tell whether the request reached it.
func (r *accountResource) settle(ctx context.Context, id string, sent useapi.AccountInput, held bool, cause error,
	diags *diag.Diagnostics,
) (got account, settled bool, err error) {
	// Run even if the create's own context is done: the answer decides what state must say.
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), reconcileTimeout)
	defer cancel()
	readCtx = useapi.WithSecrets(readCtx, sent.Password) // the answer may echo it, and it feeds state
	got, readErr := r.svc.calls.read(readCtx, r.data.client, id)
	var why string
	switch {
	case readErr == nil && held:
		why = fmt.Sprintf("useapi.net holds %s, as it did before this create, and a password cannot be read back, "+
			"so whether this request reached it cannot be told", id)
	case readErr == nil && sent.MaxJobs != nil && (got.maxJobs == nil || *got.maxJobs != *sent.MaxJobs):
		why = fmt.Sprintf("useapi.net holds %s, but with max_jobs = %s rather than the %d sent, so whether this "+
			"request took effect cannot be told", id, jobsText(got.maxJobs), *sent.MaxJobs)
	case readErr == nil:
		diags.AddWarning(r.svc.title+" account created; its answer was lost",
			fmt.Sprintf("The request to create %s got no definite answer (%v), but useapi.net holds the account with "+
				"the values sent, so the create succeeded.", id, cause))
		return got, true, nil
	case isGone(readErr) && useapi.OutcomeOf(cause) != useapi.Unobserved:
		return account{}, false, goneError{cause: cause, text: fmt.Sprintf("%v\n\nuseapi.net answered every attempt "+
			"that reached it, and it does not hold %s afterwards, so it was not created; apply again.", cause, id)}
	case isGone(readErr):
		why = fmt.Sprintf("useapi.net does not hold %s yet, but an attempt that got no answer may still be under "+
			"way there (a login can take seconds), so that proves nothing", id)
	default:
		why = fmt.Sprintf("Reading %s back to see whether it was created failed too: %v", id, readErr)
	}
	diags.AddWarning(r.svc.title+" account kept; whether it was created is unknown",
		fmt.Sprintf("%s\n\n%s.\n\nThe account is kept in state with `error` saying so, and nothing was deleted: the "+
			"next plan shows an in-place update that sends the account again, which settles it.", serviceErrorDetail(r.svc, cause), why))
	return account{}, false, nil
}

// savedInError is the account a POST answered with the service's 596: the service keeps the account but
// pauses it (Muse does this when Meta asks for a security check). State must know it, with the reason.
func (r *accountResource) savedInError(sent useapi.AccountInput, err error, diags *diag.Diagnostics) account {
	message, _ := accountErrorMessage(err)
	id := r.svc.accountID(sent.Region, sent.Email)
	diags.AddWarning(r.svc.title+" account saved, but it needs attention",
		fmt.Sprintf("useapi.net saved %s but reports it in an error state: %s\n\nDo what the message asks (such as "+
			"signing in to %s once in a browser), then apply again: the plan will show an in-place update that "+
			"adds the account again, which clears the error.", id, message, r.svc.title))
	return account{id: id, email: sent.Email, region: sent.Region, maxJobs: sent.MaxJobs, error: message}
}

func (r *accountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	attrs, state := r.load(req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	id := r.idOf(state)
	// Identity must be set even on an account about to be forgotten: the framework checks it after Read.
	r.setIdentity(ctx, resp.Identity, state, &resp.Diagnostics)
	if id == "" {
		return // a second-shape create without a definite answer: nothing names the account until it is posted again
	}

	// The service may echo a stored password or credential in an account's error; state has these to mask.
	if held := r.svc.heldSecrets(attrs); len(held) > 0 {
		ctx = useapi.WithSecrets(ctx, held...)
	}
	got, err := r.svc.calls.read(ctx, r.data.client, id)
	switch {
	case isGone(err) && r.unsettled(ctx, req.Private, &resp.Diagnostics):
		// A create whose outcome is unknown may still be landing (a login takes seconds): keep it, with
		// its note. The next apply posts it again, which settles it either way.
		return
	case isGone(err):
		// The service itself says the account is gone: forget it, so the next plan adds it again.
		resp.State.RemoveResource(ctx)
		return
	case isAccountError(err):
		// The account is there but broken. Keep it, and say why: the plan then adds it again.
		message, _ := accountErrorMessage(err)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("error"), types.StringValue(message))...)
		return
	case err != nil:
		addServiceError(&resp.Diagnostics, r.svc, "Unable to read "+r.svc.title+" account", err)
		return
	}
	if got.error == "" && r.unsettled(ctx, req.Private, &resp.Diagnostics) {
		got.error = unsettledNote // the service holds it, but perhaps not with what was sent: send it again
		if r.svc.credential != nil {
			got.error = unsentNote
		}
	}
	r.record(ctx, attrs, got, &resp.Diagnostics)
	resp.State.Raw = attrs.object(req.State.Raw.Type())
}

// unsettled reports whether the account's last create got no definite answer, and no write has settled it.
func (r *accountResource) unsettled(ctx context.Context, private privateReader, diags *diag.Diagnostics) bool {
	value, d := private.GetKey(ctx, unsettledKey)
	diags.Append(d...)
	return len(value) > 0
}

func (r *accountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if r.svc.credential != nil {
		r.updateCredentialed(ctx, req, resp)
		return
	}
	attrs, plan := r.load(req.Plan.Raw, &resp.Diagnostics)
	_, prior := r.load(req.State.Raw, &resp.Diagnostics)
	password := r.password(ctx, plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.State.Raw = req.Plan.Raw.Copy()
	r.setIdentity(ctx, resp.Identity, plan, &resp.Diagnostics)
	if !needsWrite(prior, plan) {
		return // only what the service does not hold changed, and the plan already holds every value
	}
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Update, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	defer r.data.run.lock(r.svc, plan.id(r.svc))()

	if r.svc.passwordOptionalForJobs && prior.Error.IsNull() && !credentialChanged(prior, plan) {
		password = "" // the service changes max_jobs alone, without a new login
	}
	sent := r.input(plan, password)
	got, err := r.svc.calls.upsert(ctx, r.data.client, sent)
	switch {
	case err == nil:
	case isAccountError(err):
		got = r.savedInError(sent, err, &resp.Diagnostics)
	default:
		resp.State.Raw = req.State.Raw.Copy() // nothing is known to have changed
		addServiceError(&resp.Diagnostics, r.svc, "Unable to update "+r.svc.title+" account", err)
		return
	}
	got.id = plan.id(r.svc)
	r.data.run.markWritten(r.svc, got.id)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, unsettledKey, nil)...) // this write settles it
	r.record(ctx, attrs, got, &resp.Diagnostics)
	resp.State.Raw = attrs.object(req.Plan.Raw.Type())
}

func (r *accountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	_, state := r.load(req.State.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Delete, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	id := r.idOf(state)
	if id == "" {
		resp.Diagnostics.AddError("Unable to delete "+r.svc.title+" account", fmt.Sprintf("Which account useapi.net holds "+
			"for this resource is not known: the request that added it got no definite answer, so there is nothing to "+
			"name in a delete, and it would be a guess to call it gone. Run terraform apply first: it sends %s again and "+
			"records the account it names, which can then be destroyed. To stop managing it instead, use terraform state "+
			"rm (or a removed block) and check useapi.net's list of %s accounts.", r.svc.credential.what, r.svc.title))
		return
	}
	defer r.data.run.lock(r.svc, r.lockKey(id))()

	if r.svc.credential != nil && r.data.run.hasUnsettled(r.svc) && !r.data.run.wasWritten(r.svc, id) {
		// A create_before_destroy replacement whose create got no definite answer may have landed on this
		// very account: deleting it could remove what that request added.
		resp.Diagnostics.AddError("Unable to delete "+r.svc.title+" account", fmt.Sprintf("Another request of this "+
			"apply to add or update a %s account got no definite answer, and it may have landed on %s (a replacement "+
			"posts the same account's credential). Nothing was deleted, and %s stays in state. Apply again: the "+
			"request is sent again, its answer names its account, and then this delete goes ahead or is skipped.",
			r.svc.title, id, id))
		return
	}
	if r.data.run.wasWritten(r.svc, id) {
		// A create_before_destroy replacement that keeps the account's identity posts the same account
		// (an upsert) and then deletes the old object, which is that same account.
		resp.Diagnostics.AddWarning(r.svc.title+" account kept",
			fmt.Sprintf("%s was written for its replacement earlier in this apply, so removing the old object "+
				"from state does not remove the account from useapi.net.", id))
		return
	}
	if err := r.svc.calls.remove(ctx, r.data.client, id); err != nil {
		addServiceError(&resp.Diagnostics, r.svc, "Unable to delete "+r.svc.title+" account", err)
		return
	}
	r.data.run.markDeleted(r.svc, id)
	if r.svc.credential != nil && r.unsettled(ctx, req.Private, &resp.Diagnostics) {
		resp.Diagnostics.AddWarning(r.svc.title+" account removed; check for another",
			fmt.Sprintf("The credential last sent for this resource got no definite answer, and it may belong to another "+
				"account than %s, which was removed. If useapi.net's list of %s accounts holds an account you do not "+
				"recognise, import or remove it.", id, r.svc.title))
	}
}

// ImportState takes the import ID (the email, or REGION:email) or the identity. The password cannot be
// imported (the service never returns it), so the next apply sends the configured one in an in-place update.
func (r *accountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var region, email string
	if req.ID != "" {
		var ok bool
		if region, email, ok = r.svc.parseID(req.ID); !ok {
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("Import a %s by %s; got %s.",
				r.svc.typeName(), r.svc.idForm(), strconv.Quote(req.ID)))
			return
		}
	} else {
		var e, g types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(r.svc.identityName()), &e)...)
		if r.svc.hasRegion() {
			resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("region"), &g)...)
		}
		region, email = g.ValueString(), e.ValueString()
		if _, _, ok := r.svc.parseID(r.svc.accountID(region, email)); !ok {
			resp.Diagnostics.AddError("Invalid import identity", fmt.Sprintf("The identity of a %s is %s; got %s %q%s.",
				r.svc.typeName(), r.svc.identityForm(), r.svc.identityName(), email, r.svc.regionText(region)))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), r.svc.accountID(region, email))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.svc.identityName()), email)...)
	if r.svc.hasRegion() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), region)...)
	}
	r.setIdentity(ctx, resp.Identity, accountArgs{Email: types.StringValue(email), Region: types.StringValue(region)}, &resp.Diagnostics)
}

// id is the key the service files the account under.
func (a accountArgs) id(svc *accountService) string {
	return svc.accountID(a.Region.ValueString(), a.Email.ValueString())
}

// idOf is the key of the account a plan or state names: for the second shape the recorded id, which is
// empty while a create's outcome is unknown.
func (r *accountResource) idOf(a accountArgs) string {
	if r.svc.credential != nil {
		return a.ID.ValueString()
	}
	return a.id(r.svc)
}

// lockKey is what the run's lock of an account's writes is taken on. A second-shape account is known only
// from a POST's answer, so its service's writes and removals take one lock.
func (r *accountResource) lockKey(id string) string {
	if r.svc.credential != nil {
		return ""
	}
	return id
}

// load reads a plan's or state's attributes, and the arguments among them.
func (r *accountResource) load(raw tftypes.Value, diags *diag.Diagnostics) (rawObject, accountArgs) {
	attrs, err := rawAttributes(raw)
	if err != nil {
		diags.AddError("Unable to read the account's attributes", err.Error())
	}
	return attrs, r.args(attrs)
}

// args picks the arguments out of a plan's or state's attributes.
func (r *accountResource) args(attrs rawObject) accountArgs {
	a := accountArgs{
		ID: attrs.string("id"), Email: attrs.string("email"), MaxJobs: attrs.int64("max_jobs"), Password: attrs.string("password"),
		PasswordWOVersion: attrs.int64("password_wo_version"), Error: attrs.string("error"),
	}
	if c := r.svc.credential; c != nil {
		a.Email, a.Password, a.PasswordWOVersion = attrs.string(c.identity), attrs.string(c.field), attrs.int64(c.version())
		if l := c.login; l != nil {
			a.Mode, a.LoginPassword = attrs.string(l.modeAttribute), attrs.string(loginPassword)
			if a.PasswordWOVersion.IsNull() { // the validators allow one way's version at most
				a.PasswordWOVersion = attrs.int64(loginPassword + "_wo_version")
			}
		}
	}
	a.Settings = r.svc.settingsOf(attrs)
	if r.svc.hasRegion() {
		a.Region = attrs.string("region")
	}
	return a
}

// timeoutsOf is the timeouts block of a plan or state.
func timeoutsOf(ctx context.Context, from attributeGetter, diags *diag.Diagnostics) timeouts.Value {
	var t timeouts.Value
	diags.Append(from.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	return t
}

// password is the password to send: password_wo is write-only, so it is only in the configuration.
func (r *accountResource) password(ctx context.Context, plan accountArgs, config tfsdk.Config, diags *diag.Diagnostics) string {
	if !plan.Password.IsNull() {
		return plan.Password.ValueString()
	}
	var wo types.String
	diags.Append(config.GetAttribute(ctx, path.Root("password_wo"), &wo)...)
	return wo.ValueString()
}

func (r *accountResource) input(a accountArgs, password string) useapi.AccountInput {
	in := useapi.AccountInput{Email: a.Email.ValueString(), Password: password, Region: a.Region.ValueString(),
		Settings: r.svc.settingsInput(a)}
	if !a.MaxJobs.IsNull() && !a.MaxJobs.IsUnknown() {
		in.MaxJobs = a.MaxJobs.ValueInt64Pointer()
	}
	return in
}

// record writes what the service said of the account over the computed values of attrs. The password is
// left alone: the service only returns a placeholder, so state keeps what was sent.
func (r *accountResource) record(ctx context.Context, attrs rawObject, a account, diags *diag.Diagnostics) {
	values := r.svc.values(a)
	if r.svc.credential == nil {
		delete(values, "email") // the configuration's spelling stands, as does its region
		delete(values, "region")
	}
	if a.maxJobs == nil && r.svc.hasMaxJobs() {
		delete(values, "max_jobs")
		if attrs.int64("max_jobs").IsUnknown() { // left to the service, which did not say: its default stands
			values["max_jobs"] = types.Int64Value(r.svc.maxJobs.byDefault)
			if r.svc.maxJobs.defaultAssumed {
				values["max_jobs"] = types.Int64Null() // a number the docs do not give is not recorded as fact
			}
		}
	}
	r.svc.recordSettings(attrs, a, values)
	for _, name := range r.svc.writeOnlyNames() {
		values[name] = types.StringNull()
	}
	for name, v := range values {
		if err := attrs.set(ctx, name, v); err != nil {
			diags.AddError("Unable to record the account", err.Error())
		}
	}
}

// setIdentity records the account's identity where the CLI supports identities (Terraform 1.12+).
func (r *accountResource) setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, a accountArgs, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.SetAttribute(ctx, path.Root(r.svc.identityName()), a.Email)...)
	if r.svc.hasRegion() {
		diags.Append(identity.SetAttribute(ctx, path.Root("region"), a.Region)...)
	}
}

// bounded limits ctx to one entry of the timeouts block (its Create, Read, Update or Delete method).
func bounded(ctx context.Context, entry func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	fallback time.Duration, diags *diag.Diagnostics,
) (context.Context, context.CancelFunc) {
	timeout, d := entry(ctx, fallback)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

// isAccountError reports the service's 596: the account exists but is in an error state.
func isAccountError(err error) bool {
	_, ok := accountErrorMessage(err)
	return ok
}

// accountErrorMessage is the service's words with its 596, when err is one.
func accountErrorMessage(err error) (string, bool) {
	var apiErr *useapi.APIError
	if errors.As(err, &apiErr) && apiErr.Reason() == useapi.ReasonAccountError {
		return apiErr.Message, true
	}
	return "", false
}

func jobsText(n *int64) string {
	if n == nil {
		return "unknown"
	}
	return strconv.FormatInt(*n, 10)
}

// parseID splits an import ID into region and email, checking both.
func (s *accountService) parseID(id string) (region, email string, ok bool) {
	if s.credential != nil {
		return "", id, s.credential.idPattern.MatchString(id)
	}
	email = id
	if s.hasRegion() {
		var found bool
		if region, email, found = strings.Cut(id, ":"); !found || !slices.Contains(s.regions, region) {
			return "", "", false
		}
	}
	return region, email, emailPattern.MatchString(email)
}

func (s *accountService) idForm() string {
	if s.credential != nil {
		return s.credential.idForm
	}
	if s.hasRegion() {
		return "its region and email, REGION:email (REGION is " + strings.Join(s.regions, " or ") + "), such as " + s.regions[0] + ":user@example.com"
	}
	return "its email, such as user@example.com"
}

func (s *accountService) identityForm() string {
	if s.credential != nil {
		return s.credential.idForm
	}
	if s.hasRegion() {
		return "an email address and a region (" + strings.Join(s.regions, " or ") + ")"
	}
	return "an email address"
}

func (s *accountService) regionText(region string) string {
	if !s.hasRegion() {
		return ""
	}
	return fmt.Sprintf(" and region %q", region)
}

// computedNames are the attributes the service fills in, besides id (which never changes) and max_jobs
// (which its own plan modifier keeps).
func (s *accountService) computedNames() []string {
	names := []string{"error"}
	for _, x := range s.extras {
		names = append(names, x.name)
	}
	return names
}
