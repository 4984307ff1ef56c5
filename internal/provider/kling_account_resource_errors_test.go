package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// TestAccKlingAccount_badInput checks that each mistake fails at validate or plan time with an error that
// names the attribute, before a single request reaches the service.
func TestAccKlingAccount_badInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string // the resource block's arguments
		want *regexp.Regexp
	}{
		{name: "max_jobs 0", body: `email = "a@example.com"` + "\n" + `max_jobs = 0` + "\n" + `password = "p"`, want: errorRegexp("max_jobs", "between 1 and 10, got: 0")},
		{name: "max_jobs 11", body: `email = "a@example.com"` + "\n" + `max_jobs = 11` + "\n" + `password = "p"`, want: errorRegexp("max_jobs", "between 1 and 10, got: 11")},
		{name: "max_jobs missing", body: `email = "a@example.com"` + "\n" + `password = "p"`, want: errorRegexp(`The argument "max_jobs" is required`)},
		{name: "email empty", body: `email = ""` + "\n" + `max_jobs = 1` + "\n" + `password = "p"`, want: errorRegexp("email", "must be an email address")},
		{name: "email not an email", body: `email = "kling-user"` + "\n" + `max_jobs = 1` + "\n" + `password = "p"`, want: errorRegexp("email", "must be an email address")},
		{name: "email missing", body: `max_jobs = 1` + "\n" + `password = "p"`, want: errorRegexp(`The argument "email" is required`)},
		{name: "both passwords", body: `email = "a@example.com"` + "\n" + `max_jobs = 1` + "\n" + `password = "p"` + "\n" + `password_wo = "q"`, want: errorRegexp("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [password,password_wo]")},
		{name: "neither password", body: `email = "a@example.com"` + "\n" + `max_jobs = 1`, want: errorRegexp("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [password,password_wo]")},
		{name: "empty password", body: `email = "a@example.com"` + "\n" + `max_jobs = 1` + "\n" + `password = ""`, want: errorRegexp("password", "length must be at least 1")},
		{name: "empty password_wo", body: `email = "a@example.com"` + "\n" + `max_jobs = 1` + "\n" + `password_wo = ""`, want: errorRegexp("password_wo", "length must be at least 1")},
		{name: "version without password_wo", body: `email = "a@example.com"` + "\n" + `max_jobs = 1` + "\n" + `password = "p"` + "\n" + `password_wo_version = 1`, want: errorRegexp("password_wo", "must be specified when", "password_wo_version")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.providerBlock() + fmt.Sprintf("resource \"useapi_kling_account\" \"test\" {\n%s\n}\n", tt.body),
					PlanOnly:    true,
					ExpectError: tt.want,
				}},
			})
			if env.emu != nil && len(env.emu.CallCounts()) != 0 {
				t.Fatalf("bad input reached the service: %v", env.emu.CallCounts())
			}
		})
	}
}

// TestAccKlingAccount_serviceErrors checks that what the service refuses is reported with its words and
// the fix, and that nothing is left behind in state or at the service.
func TestAccKlingAccount_serviceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(env *accEnv) (token string)
		want  *regexp.Regexp
	}{
		{
			name: "wrong Kling password",
			setup: func(env *accEnv) string {
				env.emu.AddKlingUser("a@example.com", "the-right-one")
				return env.token
			},
			want: errorRegexp("Unable to create Kling account", "400", "password is incorrect", "Kling email and password"),
		},
		{
			name:  "wrong token",
			setup: func(env *accEnv) string { return "user:1-wrong" },
			want:  errorRegexp("Unable to create Kling account", "401", "Unauthorized", "api_token or the USEAPI_TOKEN"),
		},
		{
			name: "lapsed subscription",
			setup: func(env *accEnv) string {
				env.emu.SetSubscriptionActive(env.token, false)
				return env.token
			},
			want: errorRegexp("Unable to create Kling account", "402", "Subscription required", "renew it"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			env.needsEmulator(t)
			token := tt.setup(env)
			cfg := env.providerBlockWithToken(token) + `
resource "useapi_kling_account" "test" {
  email    = "a@example.com"
  max_jobs = 1
  password = "a-wrong-one"
}
`
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: cfg, ExpectError: tt.want}},
			})
			if got := env.emu.Accounts(env.token); len(got) != 0 {
				t.Fatalf("a refused create left accounts: %+v", got)
			}
			// A definite refusal is not retried: one POST.
			if got := env.emu.Calls("POST", emulator.RouteAccounts); got != 1 {
				t.Fatalf("%d POSTs, want 1", got)
			}
		})
	}
}
