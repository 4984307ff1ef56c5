// Package provider maps Terraform configuration to useapi.net calls made through internal/useapi.
package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// Environment variables the provider reads when its arguments are not set.
const (
	EnvToken          = "USEAPI_TOKEN"
	EnvBaseURL        = "USEAPI_BASE_URL"
	EnvMaxRetries     = "USEAPI_MAX_RETRIES"
	EnvRequestTimeout = "USEAPI_REQUEST_TIMEOUT"
)

const maxRetriesLimit = 20

var (
	_ provider.Provider                  = (*useapiProvider)(nil)
	_ provider.ProviderWithListResources = (*useapiProvider)(nil)
)

type useapiProvider struct {
	version string
	// transport is shared by every client this provider instance makes, so that all resources draw
	// on one keep-alive connection pool.
	transport *http.Transport
}

// New returns a constructor for the provider at the given version, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &useapiProvider{version: version, transport: useapi.NewTransport()}
	}
}

type providerModel struct {
	APIToken       types.String `tfsdk:"api_token"`
	BaseURL        types.String `tfsdk:"base_url"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

func (p *useapiProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "useapi"
	resp.Version = p.version
}

func (p *useapiProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The useapi provider manages the accounts of a [useapi.net](https://useapi.net) subscription: " +
			"the " + serviceTitles() + " accounts useapi.net drives on the subscriber's behalf.",
		Attributes: map[string]schema.Attribute{
			"api_token": schema.StringAttribute{
				MarkdownDescription: "The useapi.net API token (`user:<digits>-<characters>`). " +
					"Defaults to the `" + EnvToken + "` environment variable. Keep it out of configuration files: " +
					"set the environment variable, or pass a sensitive variable.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The API's base URL. Defaults to the `" + EnvBaseURL + "` environment variable, then `" +
					useapi.DefaultBaseURL + "`. Must be `https://`; plain `http://` is accepted only for loopback hosts " +
					"(`127.0.0.0/8`, `::1`, `localhost`), such as a local emulator.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request that failed with 429, a 5xx or a dropped "+
					"connection is repeated, with backoff that honours `Retry-After`. `0` disables retries. "+
					"Defaults to the `%s` environment variable, then `%d`.", EnvMaxRetries, useapi.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one attempt of a request may take, as a duration such as "+
					"`30s` or `2m`. Defaults to the `%s` environment variable, then `%s`. The resource's `timeouts` "+
					"block bounds a whole operation, retries included.", EnvRequestTimeout, useapi.DefaultRequestTimeout),
				Optional:   true,
				Validators: []validator.String{durationValidator{}},
			},
		},
	}
}

func (p *useapiProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A value that comes from another resource is unknown until apply. Leave the provider unconfigured:
	// plans of new resources need no client, and anything that does reports it clearly.
	if cfg.APIToken.IsUnknown() || cfg.BaseURL.IsUnknown() || cfg.MaxRetries.IsUnknown() || cfg.RequestTimeout.IsUnknown() {
		return
	}

	settings, attr, err := resolveSettings(cfg, os.Getenv)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root(attr), "Invalid provider configuration", err.Error())
		return
	}
	settings.UserAgent = fmt.Sprintf("terraform-provider-useapi/%s Terraform/%s", p.version, req.TerraformVersion)
	settings.Transport = p.transport
	settings.Logger = apiLogger{}
	client, err := useapi.New(settings)
	if err != nil {
		resp.Diagnostics.AddError("Unable to create the useapi.net client", err.Error())
		return
	}
	data := &providerData{client: client, run: newRunState()}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// resolveSettings applies argument over environment over default, and names the offending argument on error.
func resolveSettings(cfg providerModel, getenv func(string) string) (useapi.Config, string, error) {
	out := useapi.Config{
		Token:          stringOr(cfg.APIToken, getenv(EnvToken)),
		BaseURL:        stringOr(cfg.BaseURL, getenv(EnvBaseURL)),
		MaxRetries:     useapi.DefaultMaxRetries,
		RequestTimeout: useapi.DefaultRequestTimeout,
	}
	if out.Token == "" {
		return out, "api_token", fmt.Errorf("no useapi.net API token: set api_token in the provider block "+
			"or the %s environment variable", EnvToken)
	}
	if err := useapi.CheckToken(out.Token); err != nil {
		return out, "api_token", fmt.Errorf("api_token (or %s): %w", EnvToken, err)
	}
	if _, err := useapi.ParseBaseURL(out.BaseURL); err != nil {
		return out, "base_url", fmt.Errorf("base_url (or %s): %w", EnvBaseURL, err)
	}

	switch env := getenv(EnvMaxRetries); {
	case !cfg.MaxRetries.IsNull():
		out.MaxRetries = int(cfg.MaxRetries.ValueInt64())
	case env != "":
		n, err := strconv.Atoi(env)
		if err != nil || n < 0 || n > maxRetriesLimit {
			return out, "max_retries", fmt.Errorf("%s=%q: want a whole number from 0 to %d", EnvMaxRetries, env, maxRetriesLimit)
		}
		out.MaxRetries = n
	}

	if raw := stringOr(cfg.RequestTimeout, getenv(EnvRequestTimeout)); raw != "" {
		d, err := parsePositiveDuration(raw)
		if err != nil {
			return out, "request_timeout", fmt.Errorf("request_timeout (or %s): %w", EnvRequestTimeout, err)
		}
		out.RequestTimeout = d
	}
	return out, "", nil
}

func stringOr(v types.String, fallback string) string {
	if !v.IsNull() {
		return v.ValueString()
	}
	return fallback
}

func parsePositiveDuration(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration such as \"30s\" or \"2m\"", raw)
	}
	return d, nil
}

func (p *useapiProvider) Resources(_ context.Context) []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(accountServices))
	for _, svc := range accountServices {
		out = append(out, newAccountResource(svc))
	}
	out = append(out, newCaptchaProvidersResource)
	return out
}

func (p *useapiProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	out := []func() datasource.DataSource{NewKlingAccountDataSource, NewSubscriptionDataSource}
	for _, svc := range accountServices {
		out = append(out, newAccountsDataSource(svc))
		if svc.live != nil {
			out = append(out, newLiveAccountDataSource(svc))
		}
	}
	out = append(out, newCaptchaProvidersDataSource)
	return out
}

func (p *useapiProvider) ListResources(_ context.Context) []func() list.ListResource {
	out := make([]func() list.ListResource, 0, len(accountServices))
	for _, svc := range accountServices {
		out = append(out, newAccountListResource(svc))
	}
	return out
}
