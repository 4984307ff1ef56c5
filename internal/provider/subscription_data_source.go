package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*subscriptionDataSource)(nil)

// NewSubscriptionDataSource returns the useapi_subscription data source.
func NewSubscriptionDataSource() datasource.DataSource { return &subscriptionDataSource{} }

type subscriptionDataSource struct {
	data *providerData
}

type subscriptionModel struct {
	Email                 types.String                 `tfsdk:"email"`
	Name                  types.String                 `tfsdk:"name"`
	SubscriptionActive    types.Bool                   `tfsdk:"subscription_active"`
	Subscriptions         types.Int64                  `tfsdk:"subscriptions"`
	MaxAccountsPerService types.Int64                  `tfsdk:"max_accounts_per_service"`
	Renewed               types.String                 `tfsdk:"renewed"`
	Services              map[string]serviceCountModel `tfsdk:"services"`
	Timeouts              timeouts.Value               `tfsdk:"timeouts"`
}

type serviceCountModel struct {
	Total  types.Int64 `tfsdk:"total"`
	Active types.Int64 `tfsdk:"active"`
	Error  types.Int64 `tfsdk:"error"`
}

func (d *subscriptionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_subscription"
}

func (d *subscriptionDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the useapi.net subscription behind the API token: whether it is active, how many " +
			"accounts each service may hold, and how many each holds now. Use it in a `precondition` to stop a " +
			"plan before it meets a lapsed subscription or a full service.",
		Attributes: map[string]schema.Attribute{
			"email":               schema.StringAttribute{Computed: true, MarkdownDescription: "The useapi.net account's email."},
			"name":                schema.StringAttribute{Computed: true, MarkdownDescription: "The useapi.net account's name."},
			"subscription_active": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the subscription is active; while it is not, account changes fail with a 402."},
			"subscriptions":       schema.Int64Attribute{Computed: true, MarkdownDescription: "How many subscriptions the account holds."},
			"max_accounts_per_service": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many accounts " +
				"each service (Kling, Runway, ...) may hold under the subscription."},
			"renewed": schema.StringAttribute{Computed: true, MarkdownDescription: "When the subscription was last " +
				"renewed, as the service reports it (`YYMMDD`)."},
			"services": schema.MapNestedAttribute{
				MarkdownDescription: "The accounts each service holds, keyed by the service's name at useapi.net, such " +
					"as `Runway API`. A service with no account is absent.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"total":  schema.Int64Attribute{Computed: true, MarkdownDescription: "How many accounts the service holds."},
					"active": schema.Int64Attribute{Computed: true, MarkdownDescription: "How many of them are working."},
					"error":  schema.Int64Attribute{Computed: true, MarkdownDescription: "How many of them are in an error state."},
				}},
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *subscriptionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *subscriptionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data subscriptionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, data.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	sub, err := d.data.client.Subscription(ctx)
	if err != nil {
		addServiceError(&resp.Diagnostics, nil, "Unable to read the useapi.net subscription", err)
		return
	}
	data.Email = types.StringPointerValue(sub.Email)
	data.Name = types.StringPointerValue(sub.Name)
	data.SubscriptionActive = types.BoolPointerValue(sub.Active)
	data.Subscriptions = types.Int64PointerValue(sub.Subscriptions)
	data.MaxAccountsPerService = types.Int64PointerValue(sub.MaxAccountsPerAPI)
	data.Renewed = types.StringPointerValue(sub.Sub)
	data.Services = make(map[string]serviceCountModel, len(sub.Accounts))
	for name, counts := range sub.Accounts {
		data.Services[name] = serviceCountModel{
			Total:  types.Int64PointerValue(counts.Total),
			Active: types.Int64PointerValue(counts.Active),
			Error:  types.Int64PointerValue(counts.Error),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
