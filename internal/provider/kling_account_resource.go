package provider

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	_ resource.ResourceWithConfigure        = (*klingAccountResource)(nil)
	_ resource.ResourceWithImportState      = (*klingAccountResource)(nil)
	_ resource.ResourceWithConfigValidators = (*klingAccountResource)(nil)
)

// emailPattern is deliberately loose: Kling decides what a valid login is; this only catches typos.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

const (
	defaultWriteTimeout = 10 * time.Minute
	defaultReadTimeout  = 5 * time.Minute
)

// NewKlingAccountResource returns the useapi_kling_account resource.
func NewKlingAccountResource() resource.Resource { return &klingAccountResource{} }

type klingAccountResource struct {
	client *useapi.Client
}

type klingAccountModel struct {
	ID                types.String   `tfsdk:"id"`
	Email             types.String   `tfsdk:"email"`
	MaxJobs           types.Int64    `tfsdk:"max_jobs"`
	Password          types.String   `tfsdk:"password"`
	PasswordWO        types.String   `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64    `tfsdk:"password_wo_version"`
	Session           types.Object   `tfsdk:"session"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

func (r *klingAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_kling_account"
}

func (r *klingAccountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Registers a Kling account with useapi.net, so that useapi.net can run Kling jobs with it. " +
			"useapi.net logs in to Kling with the given credentials on every create and update.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The account's email; the import ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "The Kling account's login email. Changing it replaces the resource: the old " +
					"account is removed from useapi.net and the new one added.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					stringvalidator.RegexMatches(emailPattern, "must be an email address, such as user@example.com"),
				},
			},
			"max_jobs": schema.Int64Attribute{
				MarkdownDescription: "How many Kling jobs useapi.net may run at once with this account, from `1` to `10`. " +
					"Changing it updates the account in place.",
				Required:   true,
				Validators: []validator.Int64{int64validator.Between(useapi.MinMaxJobs, useapi.MaxMaxJobs)},
			},
			"password": schema.StringAttribute{
				MarkdownDescription: "The Kling account's password. Kept in state, marked sensitive, because " +
					"useapi.net never returns it and every update must send it again. Exactly one of `password` " +
					"and `password_wo` is required; prefer `password_wo` on Terraform 1.11 and later.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "The Kling account's password, write-only: sent to useapi.net but never " +
					"stored in plan or state. Needs Terraform 1.11 or later (or OpenTofu 1.11). Because Terraform " +
					"cannot see changes to it, change `password_wo_version` to send a new password.",
				Optional:   true,
				WriteOnly:  true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number, used with `password_wo`: changing it updates the account in place " +
					"and sends `password_wo` again. Bump it whenever the password changes.",
				Optional: true,
				Validators: []validator.Int64{
					int64validator.AlsoRequires(path.MatchRoot("password_wo")),
				},
			},
			"session": schema.SingleNestedAttribute{
				MarkdownDescription: "The Kling session useapi.net holds for the account, as of the last create, " +
					"update or refresh.",
				Computed: true,
				Attributes: map[string]schema.Attribute{
					"user_id":         schema.StringAttribute{Computed: true, MarkdownDescription: sessionDescriptions["user_id"]},
					"expire_time":     schema.Int64Attribute{Computed: true, MarkdownDescription: sessionDescriptions["expire_time"]},
					"expire_time_utc": schema.StringAttribute{Computed: true, MarkdownDescription: sessionDescriptions["expire_time_utc"]},
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *klingAccountResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("password"), path.MatchRoot("password_wo")),
	}
}

func (r *klingAccountResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *klingAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, password := planAndPassword(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, plan.Timeouts.Create, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()

	account, err := r.client.CreateOrUpdateKlingAccount(ctx, plan.input(password))
	if err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to create Kling account", err)
		if useapi.MayHaveApplied(err) {
			// The service may hold the account even though we saw no answer. Record it, so Terraform marks it
			// tainted and the next apply replaces it, instead of leaving an account that state does not know.
			plan.ID, plan.Session = plan.Email, types.ObjectNull(sessionAttrTypes)
			resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		}
		return
	}
	plan.fromAccount(account)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *klingAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state klingAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()

	account, err := r.client.GetKlingAccount(ctx, state.Email.ValueString())
	if errors.Is(err, useapi.ErrNotFound) {
		// Removed outside Terraform: forget it, so the next plan adds it again.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to read Kling account", err)
		return
	}
	state.fromAccount(account)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *klingAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, password := planAndPassword(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, plan.Timeouts.Update, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()

	account, err := r.client.CreateOrUpdateKlingAccount(ctx, plan.input(password))
	if err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to update Kling account", err)
		return
	}
	plan.fromAccount(account)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *klingAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state klingAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireClient(r.client, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, state.Timeouts.Delete, defaultWriteTimeout, &resp.Diagnostics)
	defer cancel()

	if err := r.client.DeleteKlingAccount(ctx, state.Email.ValueString()); err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to delete Kling account", err)
	}
}

// ImportState takes the email as the ID. The password cannot be imported (the service never returns
// it), so the next apply sends the configured one in an in-place update.
func (r *klingAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !emailPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import ID",
			"Import a useapi_kling_account by its email, such as user@example.com; got "+strconv.Quote(req.ID)+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), req.ID)...)
}

// planAndPassword reads the plan and the password to send: password_wo is write-only, so it is only in
// the configuration, never in the plan.
func planAndPassword(ctx context.Context, p tfsdk.Plan, c tfsdk.Config, diags *diag.Diagnostics) (klingAccountModel, string) {
	var plan, config klingAccountModel
	diags.Append(p.Get(ctx, &plan)...)
	diags.Append(c.Get(ctx, &config)...)
	if !plan.Password.IsNull() {
		return plan, plan.Password.ValueString()
	}
	return plan, config.PasswordWO.ValueString()
}

// bounded limits ctx to one entry of the timeouts block (its Create, Read, Update or Delete method).
func bounded(ctx context.Context, entry func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	fallback time.Duration, diags *diag.Diagnostics,
) (context.Context, context.CancelFunc) {
	timeout, d := entry(ctx, fallback)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

func (m klingAccountModel) input(password string) useapi.KlingAccountInput {
	return useapi.KlingAccountInput{Email: m.Email.ValueString(), Password: password, MaxJobs: m.MaxJobs.ValueInt64()}
}

// fromAccount copies what the service knows into the model. The password is left alone: the service only
// returns a placeholder, so state keeps what was sent.
func (m *klingAccountModel) fromAccount(a *useapi.KlingAccount) {
	m.ID = m.Email
	if a.MaxJobs != nil {
		m.MaxJobs = types.Int64Value(*a.MaxJobs)
	}
	m.Session = sessionValue(a.Session)
	m.PasswordWO = types.StringNull()
}
