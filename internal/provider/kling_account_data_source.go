package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

var _ datasource.DataSourceWithConfigure = (*klingAccountDataSource)(nil)

// NewKlingAccountDataSource returns the useapi_kling_account data source.
func NewKlingAccountDataSource() datasource.DataSource { return &klingAccountDataSource{} }

type klingAccountDataSource struct {
	data *providerData
}

type klingAccountDataModel struct {
	Email    types.String   `tfsdk:"email"`
	MaxJobs  types.Int64    `tfsdk:"max_jobs"`
	Error    types.String   `tfsdk:"error"`
	Session  types.Object   `tfsdk:"session"`
	Balance  *balanceModel  `tfsdk:"balance"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *klingAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_kling_account"
}

func (d *klingAccountDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Kling account configured at useapi.net, with its Kling credit balance: for " +
			"accounts added outside Terraform, or to check credit before launching work.",
		Attributes: map[string]schema.Attribute{
			"email": schema.StringAttribute{
				MarkdownDescription: "The Kling account's login email.",
				Required:            true,
				Validators:          []validator.String{emailValidator()},
			},
			"max_jobs": schema.Int64Attribute{
				MarkdownDescription: "How many Kling jobs useapi.net may run at once with this account.",
				Computed:            true,
			},
			"error": schema.StringAttribute{
				MarkdownDescription: "Why the account needs attention, in useapi.net's words (the service answers " +
					"for such an account with its error status, and reports no balance); null when it reports nothing wrong.",
				Computed: true,
			},
			"session": klingSession.dataSourceAttribute(),
			"balance": schema.SingleNestedAttribute{
				MarkdownDescription: "The account's Kling credit. Null when the service reports none.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"total":           schema.Float64Attribute{Computed: true, MarkdownDescription: "Credit left across all grants."},
					"next_apply_time": schema.Int64Attribute{Computed: true, MarkdownDescription: "When Kling next grants credit (Unix milliseconds)."},
					"points": schema.ListNestedAttribute{
						MarkdownDescription: "The grants of credit, in the service's order.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"order_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "The order that granted the credit."},
							"type":       schema.StringAttribute{Computed: true, MarkdownDescription: "The kind of grant, such as `plan`."},
							"amount":     schema.Float64Attribute{Computed: true, MarkdownDescription: "Credit granted."},
							"balance":    schema.Float64Attribute{Computed: true, MarkdownDescription: "Credit of this grant still left."},
							"start_time": schema.Int64Attribute{Computed: true, MarkdownDescription: "When the grant starts (Unix milliseconds)."},
							"end_time":   schema.Int64Attribute{Computed: true, MarkdownDescription: "When the grant ends (Unix milliseconds)."},
						}},
					},
				},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *klingAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *klingAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data klingAccountDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, data.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	email := data.Email.ValueString()
	account, err := d.data.client.Kling().Get(ctx, email)
	if message, ok := accountErrorMessage(err); ok {
		data.Error = types.StringValue(message)
		data.Session = nullOf(klingSession.attrType()).(types.Object)
		resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
		return
	}
	if isGone(err) {
		resp.Diagnostics.AddAttributeError(path.Root("email"), "Kling account not found",
			fmt.Sprintf("No Kling account %q is configured at useapi.net. Add it with the useapi_kling_account "+
				"resource, or check the email and the API token's subscription.", email))
		return
	}
	if err != nil {
		addServiceError(&resp.Diagnostics, klingService, "Unable to read Kling account", err)
		return
	}
	data.MaxJobs = types.Int64PointerValue(account.MaxJobs)
	data.Error = errorValue(account.Error)
	data.Session = klingSessionValue(account.Session).(types.Object)
	data.Balance = balanceValue(account.Balance)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

type balanceModel struct {
	Total         types.Float64 `tfsdk:"total"`
	NextApplyTime types.Int64   `tfsdk:"next_apply_time"`
	Points        []pointsModel `tfsdk:"points"`
}

type pointsModel struct {
	OrderID   types.String  `tfsdk:"order_id"`
	Type      types.String  `tfsdk:"type"`
	Amount    types.Float64 `tfsdk:"amount"`
	Balance   types.Float64 `tfsdk:"balance"`
	StartTime types.Int64   `tfsdk:"start_time"`
	EndTime   types.Int64   `tfsdk:"end_time"`
}

// balanceValue maps the service's balance; nil stays nil, so Terraform shows null rather than zero.
func balanceValue(b *useapi.KlingBalance) *balanceModel {
	if b == nil {
		return nil
	}
	out := &balanceModel{
		Total:         types.Float64PointerValue(b.Total),
		NextApplyTime: types.Int64PointerValue(b.NextApplyTime),
	}
	if b.Points != nil {
		out.Points = make([]pointsModel, len(b.Points))
		for i, p := range b.Points {
			out.Points[i] = pointsModel{
				OrderID:   types.StringPointerValue(p.OrderID),
				Type:      types.StringPointerValue(p.Type),
				Amount:    types.Float64PointerValue(p.Amount),
				Balance:   types.Float64PointerValue(p.Balance),
				StartTime: types.Int64PointerValue(p.StartTime),
				EndTime:   types.Int64PointerValue(p.EndTime),
			}
		}
	}
	return out
}
