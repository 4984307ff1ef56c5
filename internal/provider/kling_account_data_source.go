package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	client *useapi.Client
}

type klingAccountDataModel struct {
	Email   types.String  `tfsdk:"email"`
	MaxJobs types.Int64   `tfsdk:"max_jobs"`
	Session types.Object  `tfsdk:"session"`
	Balance *balanceModel `tfsdk:"balance"`
}

func (d *klingAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_kling_account"
}

func (d *klingAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Kling account configured at useapi.net, with its Kling credit balance: for " +
			"accounts added outside Terraform, or to check credit before launching work.",
		Attributes: map[string]schema.Attribute{
			"email": schema.StringAttribute{
				MarkdownDescription: "The Kling account's login email.",
				Required:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(emailPattern, "must be an email address, such as user@example.com"),
				},
			},
			"max_jobs": schema.Int64Attribute{
				MarkdownDescription: "How many Kling jobs useapi.net may run at once with this account.",
				Computed:            true,
			},
			"session": sessionDataSourceAttribute(),
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
	}
}

func (d *klingAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *klingAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data klingAccountDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	email := data.Email.ValueString()
	account, err := d.client.GetKlingAccount(ctx, email)
	if errors.Is(err, useapi.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("email"), "Kling account not found",
			fmt.Sprintf("No Kling account %q is configured at useapi.net. Add it with the useapi_kling_account "+
				"resource, or check the email and the API token's subscription.", email))
		return
	}
	if err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to read Kling account", err)
		return
	}
	data.MaxJobs = types.Int64PointerValue(account.MaxJobs)
	data.Session = sessionValue(account.Session)
	data.Balance = balanceValue(account.Balance)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
