package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

func TestResolveSettings(t *testing.T) {
	t.Parallel()
	unset := providerModel{APIToken: types.StringNull(), BaseURL: types.StringNull(), MaxRetries: types.Int64Null(), RequestTimeout: types.StringNull()}
	with := func(f func(*providerModel)) providerModel { m := unset; f(&m); return m }
	tests := []struct {
		name     string
		cfg      providerModel
		env      map[string]string
		want     useapi.Config
		wantAttr string
		wantErr  string
	}{
		{
			name: "environment only",
			cfg:  unset,
			env:  map[string]string{EnvToken: "user:1-env", EnvBaseURL: "http://127.0.0.1:9", EnvMaxRetries: "2", EnvRequestTimeout: "5s"},
			want: useapi.Config{Token: "user:1-env", BaseURL: "http://127.0.0.1:9", MaxRetries: 2, RequestTimeout: 5 * time.Second},
		},
		{
			name: "arguments beat environment",
			cfg: with(func(m *providerModel) {
				m.APIToken, m.BaseURL = types.StringValue("user:2-arg"), types.StringValue("https://proxy.example.com")
				m.MaxRetries, m.RequestTimeout = types.Int64Value(0), types.StringValue("1m")
			}),
			env:  map[string]string{EnvToken: "user:1-env", EnvBaseURL: "http://127.0.0.1:9", EnvMaxRetries: "2", EnvRequestTimeout: "5s"},
			want: useapi.Config{Token: "user:2-arg", BaseURL: "https://proxy.example.com", MaxRetries: 0, RequestTimeout: time.Minute},
		},
		{
			name: "defaults",
			cfg:  with(func(m *providerModel) { m.APIToken = types.StringValue("user:3-x") }),
			want: useapi.Config{Token: "user:3-x", MaxRetries: useapi.DefaultMaxRetries, RequestTimeout: useapi.DefaultRequestTimeout},
		},
		{name: "no token", cfg: unset, wantAttr: "api_token", wantErr: "USEAPI_TOKEN"},
		{name: "empty env token", cfg: unset, env: map[string]string{EnvToken: ""}, wantAttr: "api_token", wantErr: "api_token"},
		{name: "env base url not loopback", cfg: unset, env: map[string]string{EnvToken: "t", EnvBaseURL: "http://example.com"}, wantAttr: "base_url", wantErr: "USEAPI_BASE_URL"},
		{name: "env retries not a number", cfg: unset, env: map[string]string{EnvToken: "t", EnvMaxRetries: "many"}, wantAttr: "max_retries", wantErr: "0 to 20"},
		{name: "env retries too many", cfg: unset, env: map[string]string{EnvToken: "t", EnvMaxRetries: "21"}, wantAttr: "max_retries", wantErr: "0 to 20"},
		{name: "env timeout bad", cfg: unset, env: map[string]string{EnvToken: "t", EnvRequestTimeout: "-1s"}, wantAttr: "request_timeout", wantErr: "USEAPI_REQUEST_TIMEOUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, attr, err := resolveSettings(tt.cfg, func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || attr != tt.wantAttr || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %q, %v; want %s error mentioning %q", attr, err, tt.wantAttr, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

const minimalAccount = `
resource "useapi_kling_account" "test" {
  email    = "a@example.com"
  max_jobs = 1
  password = "p"
}
`

// The next two tests change the process environment, which the in-process provider reads, so they do
// not run in parallel.

func TestAccProvider_missingToken(t *testing.T) {
	t.Setenv(EnvToken, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      `provider "useapi" {}` + minimalAccount,
			ExpectError: errorRegexp("Invalid provider configuration", "no useapi.net API token: set api_token in the provider block or the USEAPI_TOKEN environment variable"),
		}},
	})
}

func TestAccProvider_environment(t *testing.T) {
	env := newAccEnv(t)
	env.needsEmulator(t)
	t.Setenv(EnvToken, env.token)
	t.Setenv(EnvBaseURL, env.url)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: `provider "useapi" {}` + minimalAccount, Check: env.expectAccounts(map[string]int64{"a@example.com": 1}).fn()},
			{
				// The argument beats the environment: a wrong token in the block is used, and refused.
				Config:      `provider "useapi" { api_token = "user:9-wrong" }` + minimalAccount,
				ExpectError: errorRegexp("Unable to read Kling account", "401"),
			},
			{Config: `provider "useapi" {}` + minimalAccount, Destroy: true},
		},
	})
}

func TestAccProvider_badArguments(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, args, want string }{
		{name: "plain http elsewhere", args: `api_token = "user:1-x"` + "\n" + `base_url = "http://api.useapi.net"`, want: "only for loopback hosts"},
		{name: "base url not a url", args: `api_token = "user:1-x"` + "\n" + `base_url = "api.useapi.net"`, want: "not an absolute http(s) URL"},
		{name: "empty token", args: `api_token = ""`, want: "api_token string length must be at least 1"},
		{name: "bad timeout", args: `api_token = "user:1-x"` + "\n" + `request_timeout = "soon"`, want: "request_timeout"},
		{name: "too many retries", args: `api_token = "user:1-x"` + "\n" + `max_retries = 21`, want: "max_retries value must be between 0 and 20"},
		{name: "base url with the API version", args: `api_token = "user:1-x"` + "\n" + `base_url = "https://api.useapi.net/v1"`, want: "ends in an API version (v1)"},
		{name: "base url with a password", args: `api_token = "user:1-x"` + "\n" + `base_url = "https://ci:secret@proxy.example.com/"`, want: `"https://…@proxy.example.com/" must not carry a user name or password before the host`},
		{name: "base url with a query", args: `api_token = "user:1-x"` + "\n" + `base_url = "https://proxy.example.com/?key=secret"`, want: `"https://proxy.example.com/?key=…" must not carry a query`},
		{name: "token with a line break", args: `api_token = "user:1-x\n"`, want: "api_token (or USEAPI_TOKEN): the API token contains a character that cannot be sent in an HTTP header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      fmt.Sprintf("provider \"useapi\" {\n%s\n}\n", tt.args) + minimalAccount,
					PlanOnly:    true,
					ExpectError: errorRegexp(tt.want),
				}},
			})
		})
	}
}

// TestAccProvider_unknownToken feeds the token from a resource created in the same apply, so the provider
// is unknown at plan time; the plan must still work and the apply must use the real value.
func TestAccProvider_unknownToken(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := fmt.Sprintf(`
resource "terraform_data" "token" {
  input = %q
}
provider "useapi" {
  api_token = terraform_data.token.output
  base_url  = %q
}
`, env.token, env.url) + minimalAccount
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(1)),
			},
			Check: env.expectAccounts(map[string]int64{"a@example.com": 1}).fn(),
		}},
	})
}
