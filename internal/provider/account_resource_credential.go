package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// pendingNote is the error of an account whose create got no definite answer and whose identity is
// therefore not known: the next apply posts the credential again, and the answer names the account.
const pendingNote = "Which account useapi.net holds for this resource is not known: the request that added it " +
	"got no definite answer. The next apply sends the credential again, in place, and records the account it names."

// unsentNote is the error of an account whose update sent a credential and got no definite answer: the
// credential may have reached another account, so the next apply posts it again.
const unsentNote = "Which account the credential last sent reached is not known: the request that sent it got " +
	"no definite answer. The next apply sends it again, in place, and records the account it names."

// modifyCredentialedPlan is ModifyPlan for the second shape: it refuses a plan that needs a credential
// the configuration does not give, and marks unknown what the apply will learn.
func (r *accountResource) modifyCredentialedPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	given := r.svc.givenCredential(ctx, req.Config, &resp.Diagnostics)
	if req.State.Raw.IsNull() {
		if !given.set {
			r.missingCredential(credentialUse{missing: "adding an account needs one", fatal: true}, &resp.Diagnostics)
		}
		return
	}
	var look func(rawObject) bool
	if l := r.svc.credential.login; l != nil {
		// The service may hold the account by the other way than the configured one.
		look = func(prior rawObject) bool { return r.svc.credential.heldOtherWay(prior.string(l.modeAttribute), given) }
	}
	prior, planned, ok := updatePlan(req, &resp.Diagnostics, look)
	if !ok {
		return
	}
	priorArgs := r.args(prior)
	use := r.useOf(ctx, priorArgs, r.args(planned), given, req.Private, &resp.Diagnostics)
	if use.missing != "" {
		r.missingCredential(use, &resp.Diagnostics)
	}
	if c := r.svc.credential; !use.send && !given.login && c.heldOtherWay(priorArgs.Mode, given) {
		resp.Diagnostics.AddAttributeWarning(path.Root(c.field), r.svc.title+" account held by its email",
			fmt.Sprintf("useapi.net reports %s held by its email and password (%s = %q), and the configuration gives "+
				"`%s`. The configured %s is not sent, as useapi.net may since have replaced it and posting a stale one "+
				"can break a working account: the plan leaves the account as it is. To connect it by the token, set "+
				"a fresh one (with `%s_wo`, bump `%s`) and apply; to keep the email, configure `email` with the "+
				"password instead.", priorArgs.ID.ValueString(), c.login.modeAttribute, priorArgs.Mode.ValueString(),
				c.field, c.field, c.field, c.version()))
	}
	names := r.svc.computedNames()
	if use.send {
		// The credential may belong to another account than the one in state: only the answer tells.
		names = append(names, "id", r.svc.credential.identity)
	}
	for _, name := range names {
		v := prior[name]
		if use.write {
			v = tftypes.NewValue(v.Type(), tftypes.UnknownValue)
		}
		planned[name] = v
	}
	r.svc.leaveToAnswer(planned, use.write)
	resp.Plan.Raw = planned.object(req.Plan.Raw.Type())
}

// createCredentialed is Create for the second shape: the account is known only from the POST's answer.
func (r *accountResource) createCredentialed(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	attrs, plan := r.load(req.Plan.Raw, &resp.Diagnostics)
	given := r.svc.givenCredential(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	if !given.set {
		r.missingCredential(credentialUse{missing: "adding an account needs one", fatal: true}, &resp.Diagnostics)
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Create, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	summary := "Unable to create " + r.svc.title + " account"
	defer r.data.run.lock(r.svc, "")() // which account is written is known only from the answer

	before, err := r.data.run.accountsBefore(ctx, r.svc, r.data.client)
	if err != nil {
		addServiceError(&resp.Diagnostics, r.svc, summary, fmt.Errorf("reading the %s accounts before adding one: %w", r.svc.title, err))
		return
	}
	in := r.input(plan, "")
	sent := useapi.AccountInput{MaxJobs: in.MaxJobs, Settings: in.Settings}
	sent.Email, sent.Credential = given.input()
	got, err := r.svc.calls.upsert(ctx, r.data.client, sent)
	settled := err == nil && got.id != ""
	switch {
	case settled:
	case err == nil || isAccountError(err) || useapi.MayHaveApplied(err):
		// No answer, one naming no account, or a 596 that does not say which: the list tells. Only a
		// failure every attempt of which was answered can mean that nothing was added.
		cause, definite := err, useapi.OutcomeOf(err) != useapi.Unobserved && !isAccountError(err)
		if cause == nil {
			cause, definite = fmt.Errorf("useapi.net's answer names no %s account", r.svc.title), false
		}
		got, settled, err = r.settleCredentialed(ctx, before, sent, cause, definite, &resp.Diagnostics)
		if err != nil {
			addServiceError(&resp.Diagnostics, r.svc, summary, err)
			return
		}
	default:
		addServiceError(&resp.Diagnostics, r.svc, summary, err)
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, credentialKey, r.svc.credential.markOf(given))...)
	if !settled {
		// The service may hold an account no answer named. Keep the resource, untainted and marked, so
		// that the next plan posts the credential again in place and learns which account it is.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, unsettledKey, []byte("true"))...)
		r.data.run.markUnsettled(r.svc) // it may have landed on any account, one this run deletes included
		r.record(ctx, attrs, account{maxJobs: sent.MaxJobs, error: pendingNote}, &resp.Diagnostics)
		resp.State.Raw = attrs.object(req.Plan.Raw.Type())
		r.setIdentity(ctx, resp.Identity, r.args(attrs), &resp.Diagnostics)
		return
	}
	if !r.data.run.claim(r.svc, got.id) {
		resp.Diagnostics.AddError(summary, r.oneAccountOneResource(got.id)+" Nothing was added to state for this resource.")
		return
	}
	if prior, held := r.data.run.heldBefore(r.svc, before, got.id); held {
		held := got.id
		if r.svc.hasMaxJobs() {
			held += " (with max_jobs = " + jobsText(prior.maxJobs) + ")"
		}
		resp.Diagnostics.AddWarning(r.svc.title+" account already at useapi.net",
			fmt.Sprintf("useapi.net already held %s when this apply added it with %s. If this "+
				"configuration is replacing its own account with create_before_destroy, that was the account itself, and "+
				"the replacement keeps it. Otherwise it was configured outside this configuration, which now adopts it: "+
				"terraform destroy will remove it from useapi.net. If another resource already manages it, remove one "+
				"of the two (a removed block keeps the account).", held, r.svc.credential.what))
	}
	r.record(ctx, attrs, got, &resp.Diagnostics)
	resp.State.Raw = attrs.object(req.Plan.Raw.Type())
	r.setIdentity(ctx, resp.Identity, r.args(attrs), &resp.Diagnostics)
}

// oneAccountOneResource says that a write found its account written by another resource of this run.
func (r *accountResource) oneAccountOneResource(id string) string {
	return fmt.Sprintf("The %s given to this resource belongs to %s, which another resource of this configuration "+
		"wrote earlier in this apply. Two resources managing one account would remove it for each other; give each "+
		"resource the %s of its own account, or remove one of the two resources.", r.svc.credential.what, id, r.svc.credential.what)
}

// settleCredentialed reads the list back after a create that got no definite answer (cause): the one
// account that appeared since before is the one the credential added. settled is false when that cannot
// be told; an error says the create certainly added nothing, which only an answered failure (definite)
// with no new account can show.
func (r *accountResource) settleCredentialed(ctx context.Context, before map[string]account, sent useapi.AccountInput,
	cause error, definite bool, diags *diag.Diagnostics,
) (got account, settled bool, err error) {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), reconcileTimeout)
	defer cancel()
	after, readErr := r.svc.calls.list(useapi.WithSecrets(readCtx, sent.Secrets()...), r.data.client)
	var fresh []account
	for _, a := range after {
		if _, held := r.data.run.heldBefore(r.svc, before, a.id); !held && !r.data.run.wasWritten(r.svc, a.id) {
			fresh = append(fresh, a)
		}
	}
	var why string
	switch {
	case readErr == nil && len(fresh) == 1 && r.data.run.hasUnsettled(r.svc):
		why = "One account appeared at useapi.net since this apply began (" + fresh[0].id + "), but another request of " +
			"this apply also got no definite answer, so the account may be the one that request added"
	case readErr == nil && len(fresh) == 1:
		diags.AddWarning(r.svc.title+" account created; its answer was lost",
			fmt.Sprintf("The request to add the account got no definite answer (%v), but one account appeared at "+
				"useapi.net since this apply began, %s, so it is taken as the one the %s added.", cause, fresh[0].id,
				r.svc.credential.what))
		return fresh[0], true, nil
	case readErr == nil && len(fresh) == 0 && definite:
		return account{}, false, goneError{cause: cause, text: fmt.Sprintf("%v\n\nuseapi.net answered every attempt that "+
			"reached it, and no account appeared there since, so none was added (an account it already held, to which "+
			"the %s may belong, is still there); apply again.", cause, r.svc.credential.what)}
	case readErr != nil:
		why = fmt.Sprintf("Reading the %s accounts back to see which one was added failed too: %v", r.svc.title, readErr)
	case len(fresh) == 0:
		why = "No account appeared at useapi.net yet, but an attempt that got no answer may still be under way there, " +
			"or the " + r.svc.credential.what + " belongs to an account it already held"
	default:
		ids := make([]string, len(fresh))
		for i, a := range fresh {
			ids[i] = a.id
		}
		why = "Several accounts appeared at useapi.net since this apply began (" + strings.Join(ids, ", ") +
			"), so which one the " + r.svc.credential.what + " added cannot be told"
	}
	diags.AddWarning(r.svc.title+" account kept; which account it is, is unknown",
		fmt.Sprintf("%s\n\n%s.\n\nThe resource is kept in state with `error` saying so, and nothing was deleted: the next "+
			"plan shows an in-place update that sends the %s again, whose answer names the account.",
			serviceErrorDetail(r.svc, cause), why, r.svc.credential.what))
	return account{}, false, nil
}

// updateCredentialed is Update for the second shape: it sends the credential only when useOf says so,
// and records the account the answer names, which may be another than the one in state.
func (r *accountResource) updateCredentialed(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	attrs, plan := r.load(req.Plan.Raw, &resp.Diagnostics)
	priorAttrs, prior := r.load(req.State.Raw, &resp.Diagnostics)
	given := r.svc.givenCredential(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	use := r.useOf(ctx, prior, plan, given, req.Private, &resp.Diagnostics)
	mark, d := req.Private.GetKey(ctx, credentialKey)
	resp.Diagnostics.Append(d...)
	if !use.write {
		// Only what the service does not hold changed. What the plan left unknown (a credential that was
		// not known at plan) is as it was.
		for name, v := range priorAttrs {
			if p, ok := attrs[name]; ok && !p.IsKnown() {
				attrs[name] = v
			}
		}
		if len(mark) == 0 && given.set {
			// An imported account: the configured credential is taken as the one it holds (see useOf).
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, credentialKey, r.svc.credential.markOf(given))...)
		}
		resp.State.Raw = attrs.object(req.Plan.Raw.Type())
		r.setIdentity(ctx, resp.Identity, r.args(attrs), &resp.Diagnostics)
		return
	}
	if use.fatal {
		r.missingCredential(use, &resp.Diagnostics)
		return
	}
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Update, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	defer r.data.run.lock(r.svc, "")()

	was := prior.ID.ValueString()
	in := r.input(plan, "")
	sent := useapi.AccountInput{MaxJobs: in.MaxJobs, Settings: in.Settings}
	if use.send {
		sent.Email, sent.Credential = given.input()
	} else {
		sent.Email = was // the service's credential-less update of the account it holds
	}
	summary := "Unable to update " + r.svc.title + " account"
	got, err := r.svc.calls.upsert(ctx, r.data.client, sent)
	switch {
	case err == nil && (got.id != "" || !use.send):
	case use.send && (err == nil || useapi.MayHaveApplied(err) || isAccountError(err)):
		// The credential may have reached an account other than the one in state (a 596, or an answer that
		// names no account, does not say which account it saved): keep the resource, marked, so the next
		// apply posts it again and its answer names the account.
		r.data.run.markUnsettled(r.svc)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, unsettledKey, []byte("true"))...)
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, credentialKey, r.svc.credential.markOf(given))...)
		// What the service held stays as state had it (auth_mode included), the credential as configured.
		for name := range attrs {
			if v, ok := priorAttrs[name]; ok && !slices.Contains(r.svc.credentialArgs(), name) {
				attrs[name] = v
			}
		}
		if err := attrs.set(ctx, "error", types.StringValue(unsentNote)); err != nil {
			resp.Diagnostics.AddError("Unable to record the account", err.Error())
		}
		resp.State.Raw = attrs.object(req.Plan.Raw.Type())
		r.setIdentity(ctx, resp.Identity, prior, &resp.Diagnostics)
		if err == nil {
			resp.Diagnostics.AddWarning(r.svc.title+" account kept; which account it is, is unknown",
				fmt.Sprintf("useapi.net took %[1]s, but its answer names no account, so which account %[1]s reached "+
					"is not known. The resource is kept in state with `error` saying so, and nothing was deleted: the "+
					"next plan sends %[1]s again, and its answer names the account.", r.svc.credential.what))
			return
		}
		addServiceError(&resp.Diagnostics, r.svc, summary, err)
		return
	case isAccountError(err):
		message, _ := accountErrorMessage(err)
		got = account{id: was, maxJobs: sent.MaxJobs, error: message}
		resp.Diagnostics.AddWarning(r.svc.title+" account saved, but it needs attention",
			fmt.Sprintf("useapi.net saved the account but reports it in an error state: %s\n\nDo what the message asks, "+
				"then apply again with %s: the plan will show an in-place update that adds the account again.", message, r.svc.credential.what))
	default:
		resp.State.Raw = req.State.Raw.Copy() // nothing is known to have changed
		addServiceError(&resp.Diagnostics, r.svc, summary, err)
		return
	}
	if got.id == "" {
		got.id = was // an answer to an update without the credential that names no account is about the one it named
	}
	if use.send || (len(mark) == 0 && given.set) {
		// Sent, or an imported account's first write without it: either way the configured credential is
		// from now on the one a change is judged against.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, credentialKey, r.svc.credential.markOf(given))...)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, unsettledKey, nil)...) // this write settles it
	r.record(ctx, attrs, got, &resp.Diagnostics)
	resp.State.Raw = attrs.object(req.Plan.Raw.Type())
	r.setIdentity(ctx, resp.Identity, r.args(attrs), &resp.Diagnostics)
	if got.id != "" && !r.data.run.claim(r.svc, got.id) {
		resp.Diagnostics.AddError(summary, r.oneAccountOneResource(got.id))
	}
	if was != "" && got.id != was {
		// State follows the credential, and the account it replaced is named so it is not lost from view.
		resp.Diagnostics.AddError(r.svc.title+" credential of another account",
			fmt.Sprintf("The %[1]s given to this resource belongs to %[2]s, not to %[3]s, the account it managed. The "+
				"resource now manages %[2]s, and state says so. %[3]s was neither changed nor removed: it is still at "+
				"useapi.net, no longer managed by this configuration. To manage it again, import it into another "+
				"resource (terraform import, or an import block with id = %[4]q); to remove it, import it and destroy "+
				"that resource, or remove it at useapi.net. If the %[1]s were meant for %[3]s, set that account's own "+
				"and apply.", r.svc.credential.what, got.id, was, was))
	}
}

// credentialArgs are the arguments that hold the credential, in both forms, and its version; with a
// login way, also the email and the password's.
func (s *accountService) credentialArgs() []string {
	var out []string
	for _, f := range s.credential.secretFields() {
		out = append(out, f, f+"_wo")
	}
	if s.credential.login != nil {
		out = append(out, loginEmail)
	}
	return append(out, s.credential.versions()...)
}

// heldSecrets are the secrets state holds of an account (the sensitive forms), to mask in what the
// service answers about it.
func (s *accountService) heldSecrets(attrs rawObject) []string {
	fields := []string{"password"}
	if s.credential != nil {
		fields = s.credential.secretFields()
	}
	var out []string
	for _, f := range fields {
		if v := attrs.string(f); !v.IsNull() && !v.IsUnknown() {
			out = append(out, v.ValueString())
		}
	}
	return out
}
