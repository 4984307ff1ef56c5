package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

var _ datasource.DataSourceWithConfigure = (*klingAccountsDataSource)(nil)

// NewKlingAccountsDataSource returns the useapi_kling_accounts data source.
func NewKlingAccountsDataSource() datasource.DataSource { return &klingAccountsDataSource{} }

type klingAccountsDataSource struct {
	client *useapi.Client
}

type klingAccountsDataModel struct {
	Accounts []klingAccountSummary `tfsdk:"accounts"`
}

type klingAccountSummary struct {
	Email   types.String `tfsdk:"email"`
	MaxJobs types.Int64  `tfsdk:"max_jobs"`
	Session types.Object `tfsdk:"session"`
}

func (d *klingAccountsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_kling_accounts"
}

func (d *klingAccountsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every Kling account configured at useapi.net for the API token, whether Terraform " +
			"manages it or not. Balances are not listed; read one account with the `useapi_kling_account` data source.",
		Attributes: map[string]schema.Attribute{
			"accounts": schema.ListNestedAttribute{
				MarkdownDescription: "The accounts, sorted by email. Empty when none is configured.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"email":    schema.StringAttribute{Computed: true, MarkdownDescription: "The Kling account's login email."},
					"max_jobs": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many Kling jobs useapi.net may run at once with it."},
					"session":  sessionDataSourceAttribute(),
				}},
			},
		},
	}
}

func (d *klingAccountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *klingAccountsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !requireClient(d.client, &resp.Diagnostics) {
		return
	}
	accounts, err := d.client.ListKlingAccounts(ctx)
	if err != nil {
		addServiceError(ctx, &resp.Diagnostics, "Unable to list Kling accounts", err)
		return
	}
	data := klingAccountsDataModel{Accounts: make([]klingAccountSummary, len(accounts))}
	for i, a := range accounts {
		data.Accounts[i] = klingAccountSummary{
			Email:   types.StringValue(a.Email),
			MaxJobs: types.Int64PointerValue(a.MaxJobs),
			Session: sessionValue(a.Session),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
