package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

var (
	_ resource.ResourceWithConfigure        = (*captchaProvidersResource)(nil)
	_ resource.ResourceWithImportState      = (*captchaProvidersResource)(nil)
	_ resource.ResourceWithConfigValidators = (*captchaProvidersResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*captchaProvidersResource)(nil)
)

// captchaProvidersID is the one ID of the singleton: the subscription holds one set of captcha keys.
const captchaProvidersID = "captcha-providers"

// captchaProvider is one captcha solver: its argument's name and its wire name at useapi.net.
type captchaProvider struct {
	name, wire, title string
}

// captchaProviders are the solvers useapi.net takes keys for, in the order its docs list them.
var captchaProviders = []captchaProvider{
	{"capsolver", useapi.CaptchaCapSolver, "CapSolver"},
	{"anticaptcha", useapi.CaptchaAntiCaptcha, "AntiCaptcha"},
	{"yescaptcha", useapi.CaptchaYesCaptcha, "YesCaptcha"},
	{"solvecaptcha", useapi.CaptchaSolveCaptcha, "SolveCaptcha"},
	{"twocaptcha", useapi.Captcha2Captcha, "2Captcha"},
	{"capmonster", useapi.CaptchaCapMonster, "CapMonster"},
	{"ezcaptcha", useapi.CaptchaEzCaptcha, "EzCaptcha"},
}

func (p captchaProvider) wo() string      { return p.name + "_wo" }
func (p captchaProvider) version() string { return p.name + "_wo_version" }

// captchaProviderNames are the arguments' names of the providers whose wire names the answer holds, sorted.
func captchaProviderNames(masked map[string]string) []string {
	out := []string{}
	for _, p := range captchaProviders {
		if _, ok := masked[p.wire]; ok {
			out = append(out, p.name)
		}
	}
	sort.Strings(out)
	return out
}

// captchaKeyPattern is one API key: no white space anywhere, which also catches a key read from a file
// with its trailing newline.
var captchaKeyPattern = regexp.MustCompile(`^\S+$`)

func newCaptchaProvidersResource() resource.Resource { return &captchaProvidersResource{} }

// captchaProvidersResource is useapi_google_flow_captcha_providers: the subscription's captcha keys.
type captchaProvidersResource struct {
	data *providerData
}

func (r *captchaProvidersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_google_flow_captcha_providers"
}

func (r *captchaProvidersResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keyValidators := []validator.String{
		stringvalidator.LengthAtLeast(1),
		secretMatches(captchaKeyPattern, "must be one API key, without white space"),
	}
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Always `" + captchaProvidersID + "`: the subscription has one set of captcha keys.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"set_providers": schema.SetAttribute{
			MarkdownDescription: "The providers useapi.net reports a key for, by argument name (such as `capsolver`). " +
				"Planned to be exactly the providers configured, so that a key set outside Terraform for a provider " +
				"not configured shows as a change, and the apply removes it.",
			ElementType: types.StringType,
			Computed:    true,
		},
	}
	for _, p := range captchaProviders {
		attributes[p.name] = schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s API key. Kept in state, marked sensitive. At most one of `%s` and "+
				"`%s`; prefer `%s` on Terraform 1.11 and later. Leave both out to remove the %s key.",
				p.title, p.name, p.wo(), p.wo(), p.title),
			Optional: true, Sensitive: true, Validators: keyValidators,
		}
		attributes[p.wo()] = schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s API key, write-only: sent to useapi.net but never stored in plan "+
				"or state; needs Terraform 1.11 or later (or OpenTofu 1.11), and `%s` with it.", p.title, p.version()),
			Optional: true, WriteOnly: true, Sensitive: true, Validators: keyValidators,
		}
		attributes[p.version()] = schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("Any number, required with `%s`. Terraform cannot see a write-only value "+
				"change, so change this number to send the %s key again.", p.wo(), p.title),
			Optional: true,
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Google Flow captcha solvers' API keys of the useapi.net subscription " +
			"(`POST /v1/google-flow/accounts/captcha-providers`). A singleton: the subscription holds one set of " +
			"keys, so declare this resource once per API token. Create and every update send every configured key " +
			"and remove the keys of the providers not configured; destroy removes every key, after which " +
			"useapi.net uses the subscription's free captcha credits while they last.\n\n" +
			"Drift: useapi.net answers only masked keys (their first five characters). A key given in the " +
			"sensitive form whose masked form stops matching, or that was removed, is planned to be set again; " +
			"a key changed outside Terraform that keeps its first five characters is not seen. A key in the " +
			"write-only form is never stored, so only its removal is seen, not its change: bump its version to " +
			"send it again. A key set outside Terraform for a provider not configured shows in `set_providers` " +
			"and is planned to be removed.",
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *captchaProvidersResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	var out []resource.ConfigValidator
	for _, p := range captchaProviders {
		key, wo, version := path.Root(p.name), path.Root(p.wo()), path.Root(p.version())
		out = append(out,
			resourcevalidator.Conflicting(key.Expression(), wo.Expression()),
			requiresSet(wo, version),
			requiresSet(version, wo),
		)
	}
	return out
}

func (r *captchaProvidersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// configuredProviders are the argument names of the providers config gives a key for, in either form
// (an unknown value counts), sorted.
func configuredProviders(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) []string {
	out := []string{}
	for _, p := range captchaProviders {
		var key, wo types.String
		diags.Append(config.GetAttribute(ctx, path.Root(p.name), &key)...)
		diags.Append(config.GetAttribute(ctx, path.Root(p.wo()), &wo)...)
		if !key.IsNull() || !wo.IsNull() {
			out = append(out, p.name)
		}
	}
	sort.Strings(out)
	return out
}

// ModifyPlan plans id and set_providers: the providers set after the apply are the ones configured.
func (r *captchaProvidersResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	names := configuredProviders(ctx, req.Config, &resp.Diagnostics)
	set, d := types.SetValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	if anyUnknownKey(ctx, req.Config, &resp.Diagnostics) {
		// A key not known yet may turn out null, which would remove its provider: only the apply knows.
		set = types.SetUnknown(types.StringType)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("set_providers"), set)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringValue(captchaProvidersID))...)
}

// anyUnknownKey reports whether a key of config, in either form, is not known yet.
func anyUnknownKey(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) bool {
	for _, p := range captchaProviders {
		for _, name := range []string{p.name, p.wo()} {
			var key types.String
			diags.Append(config.GetAttribute(ctx, path.Root(name), &key)...)
			if key.IsUnknown() {
				return true
			}
		}
	}
	return false
}

// keysToSend is the POST body: every provider, with its configured key, or "" to remove it. Every
// configured key is sent with every apply: the service keeps what it is sent, so sending a key it holds
// again changes nothing, and a write-only key can be sent only from the configuration anyway.
func keysToSend(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) map[string]string {
	out := make(map[string]string, len(captchaProviders))
	for _, p := range captchaProviders {
		var key, wo types.String
		diags.Append(config.GetAttribute(ctx, path.Root(p.name), &key)...)
		diags.Append(config.GetAttribute(ctx, path.Root(p.wo()), &wo)...)
		switch {
		case !key.IsNull():
			out[p.wire] = key.ValueString()
		case !wo.IsNull():
			out[p.wire] = wo.ValueString()
		default:
			out[p.wire] = ""
		}
	}
	return out
}

func (r *captchaProvidersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Create, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	// The subscription may hold keys set outside Terraform, which the create removes: say which, since the
	// plan could not (names only: the keys are secrets).
	var removed []string
	if held, err := r.data.client.CaptchaProviders(ctx); err == nil {
		want := configuredProviders(ctx, req.Config, &resp.Diagnostics)
		for _, name := range captchaProviderNames(held.Masked) {
			if !slices.Contains(want, name) {
				removed = append(removed, name)
			}
		}
	}
	r.write(ctx, req.Config, req.Plan, &resp.State, &resp.Diagnostics)
	if len(removed) > 0 && !resp.Diagnostics.HasError() {
		resp.Diagnostics.AddWarning("Captcha keys set outside Terraform removed",
			fmt.Sprintf("The subscription held keys for %s, which this configuration does not set, so this apply "+
				"removed them: the resource manages every captcha key of the subscription. To keep a key, configure "+
				"it here.", providerList(removed)))
	}
}

func (r *captchaProvidersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	if sameBut(req.State.Raw, req.Plan.Raw, "timeouts") {
		// Only the timeouts block changed, which the service does not hold: no keys are posted again.
		resp.State.Raw = req.Plan.Raw.Copy()
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.Plan, &resp.Diagnostics).Update, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	r.write(ctx, req.Config, req.Plan, &resp.State, &resp.Diagnostics)
}

// write sends the configured keys and records the plan, with the providers the service then reports.
func (r *captchaProvidersResource) write(ctx context.Context, config tfsdk.Config, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	keys := keysToSend(ctx, config, diags)
	want := configuredProviders(ctx, config, diags)
	if diags.HasError() {
		return
	}
	got, err := r.data.client.SetCaptchaProviders(ctx, keys)
	if err != nil {
		addServiceError(diags, nil, "Unable to set the Google Flow captcha keys", err)
		return
	}
	names := captchaProviderNames(got.Masked)
	if !slices.Equal(names, want) {
		diags.AddError("useapi.net did not keep the captcha keys sent",
			fmt.Sprintf("After setting keys for %s, useapi.net reports keys for %s. Run terraform apply again; if this "+
				"persists, check the providers' names and keys at useapi.net.", providerList(want), providerList(names)))
		return
	}
	state.Raw = plan.Raw
	set, d := types.SetValueFrom(ctx, types.StringType, names)
	diags.Append(d...)
	diags.Append(state.SetAttribute(ctx, path.Root("set_providers"), set)...)
	diags.Append(state.SetAttribute(ctx, path.Root("id"), types.StringValue(captchaProvidersID))...)
}

func providerList(names []string) string {
	if len(names) == 0 {
		return "no provider"
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return strings.Join(quoted, ", ")
}

// Read sees drift through the masked keys useapi.net answers (see the resource's description). A key in
// state whose masked form no longer matches the service's, or that the service no longer holds, is
// nulled in state: the plan then sets the configured key again. Neither the key nor its masked form is
// ever written anywhere but the key's own sensitive attribute, as configured.
func (r *captchaProvidersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	got, err := r.data.client.CaptchaProviders(ctx)
	if err != nil {
		addServiceError(&resp.Diagnostics, nil, "Unable to read the Google Flow captcha keys", err)
		return
	}
	for _, p := range captchaProviders {
		var key types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(p.name), &key)...)
		if key.IsNull() || key.IsUnknown() {
			continue
		}
		if masked, ok := got.Masked[p.wire]; !ok || !useapi.CaptchaKeyMatches(masked, key.ValueString()) {
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(p.name), types.StringNull())...)
		}
	}
	set, d := types.SetValueFrom(ctx, types.StringType, captchaProviderNames(got.Masked))
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("set_providers"), set)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(captchaProvidersID))...)
}

// Delete removes every key: the singleton cannot be gone, only empty.
func (r *captchaProvidersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !requireClient(r.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, timeoutsOf(ctx, req.State, &resp.Diagnostics).Delete, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()
	keys := make(map[string]string, len(captchaProviders))
	for _, p := range captchaProviders {
		keys[p.wire] = ""
	}
	if _, err := r.data.client.SetCaptchaProviders(ctx, keys); err != nil {
		addServiceError(&resp.Diagnostics, nil, "Unable to remove the Google Flow captcha keys", err)
	}
}

// ImportState takes the one ID. The keys cannot be imported (the service answers them masked), so the next
// apply sends the configured ones in an in-place update.
func (r *captchaProvidersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID != captchaProvidersID {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("Import useapi_google_flow_captcha_providers by the ID %q: "+
			"the subscription has one set of captcha keys; got %q.", captchaProvidersID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(captchaProvidersID))...)
}
