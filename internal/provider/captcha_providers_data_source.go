package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*captchaProvidersDataSource)(nil)

func newCaptchaProvidersDataSource() datasource.DataSource { return &captchaProvidersDataSource{} }

// captchaProvidersDataSource is useapi_google_flow_captcha_providers: which captcha keys the subscription
// holds, never the keys nor their masked forms.
type captchaProvidersDataSource struct {
	data *providerData
}

type captchaProvidersDataModel struct {
	Providers          map[string]types.Bool `tfsdk:"providers"`
	FreeCaptchaCredits types.Int64           `tfsdk:"free_captcha_credits"`
	Timeouts           timeouts.Value        `tfsdk:"timeouts"`
}

func (d *captchaProvidersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_google_flow_captcha_providers"
}

func (d *captchaProvidersDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads which Google Flow captcha solvers the useapi.net subscription holds an API key for, " +
			"and the free captcha credits left. The keys are not shown, not even masked.",
		Attributes: map[string]schema.Attribute{
			"providers": schema.MapAttribute{
				MarkdownDescription: "Whether a key is set, for every provider by its argument name in " +
					"`useapi_google_flow_captcha_providers`: `capsolver`, `anticaptcha`, `yescaptcha`, `solvecaptcha`, " +
					"`twocaptcha`, `capmonster`, `ezcaptcha`.",
				ElementType: types.BoolType,
				Computed:    true,
			},
			"free_captcha_credits": schema.Int64Attribute{
				MarkdownDescription: "The free captcha credits left. useapi.net reports them only while no key is set: " +
					"null otherwise.",
				Computed: true,
			},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *captchaProvidersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *captchaProvidersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data captchaProvidersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, data.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	got, err := d.data.client.CaptchaProviders(ctx)
	if err != nil {
		addServiceError(&resp.Diagnostics, nil, "Unable to read the Google Flow captcha keys", err)
		return
	}
	data.Providers = make(map[string]types.Bool, len(captchaProviders))
	for _, p := range captchaProviders {
		_, set := got.Masked[p.wire]
		data.Providers[p.name] = types.BoolValue(set)
	}
	data.FreeCaptchaCredits = types.Int64PointerValue(got.FreeCaptchaCredits)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
