package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*accountsDataSource)(nil)

// accountsDataSource is useapi_<name>_accounts for every service: the accounts the service holds for the
// token, whether Terraform manages them or not.
type accountsDataSource struct {
	svc  *accountService
	data *providerData
}

func newAccountsDataSource(svc *accountService) func() datasource.DataSource {
	return func() datasource.DataSource { return &accountsDataSource{svc: svc} }
}

type accountsDataModel struct {
	Accounts types.List     `tfsdk:"accounts"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (d *accountsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.svc.typeName() + "s"
}

func (d *accountsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	description := fmt.Sprintf("Lists every %s account configured at useapi.net for the API token, whether Terraform "+
		"manages it or not.", d.svc.title)
	if d.svc.listNote != "" {
		description += " " + d.svc.listNote
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]schema.Attribute{
			"accounts": schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("The accounts, sorted by %s. Empty when none is configured.", d.svc.sortKey()),
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: d.svc.summaryAttributes()},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *accountsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *accountsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data accountsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, data.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	accounts, err := d.svc.calls.list(ctx, d.data.client)
	if err != nil {
		addServiceError(&resp.Diagnostics, d.svc, "Unable to list "+d.svc.title+" accounts", err)
		return
	}
	values := make([]attr.Value, len(accounts))
	for i, a := range accounts {
		values[i] = d.svc.summaryValue(a)
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: d.svc.summaryTypes()}, values)
	resp.Diagnostics.Append(diags...)
	data.Accounts = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}

// sortKey names what the accounts are sorted by.
func (s *accountService) sortKey() string {
	if s.credential != nil {
		return "`" + s.credential.identity + "`"
	}
	if s.hasRegion() {
		return "`id` (region, then email)"
	}
	return "email"
}
