package provider

import (
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// TestAccKlingAccount_serviceErrors checks that what the service refuses is reported with its words and
// the fix, and that nothing is left behind in state or at the service.
func TestAccKlingAccount_serviceErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(env *accEnv) (token string)
		want  *regexp.Regexp
		// calls is how many requests the create makes: the list that checks for an existing account,
		// and the POST when the list was answered.
		calls int
	}{
		{
			name: "wrong Kling password",
			setup: func(env *accEnv) string {
				env.emu.AddUser(emulator.Kling, "a@example.com", "the-right-one")
				return env.token
			},
			want:  errorRegexp("Unable to create Kling account", "400", "password is incorrect", "Kling refused the account's own login, not the useapi.net API token"),
			calls: 2,
		},
		{
			name:  "wrong token",
			setup: func(env *accEnv) string { return "user:1-wrong" },
			want:  errorRegexp("Unable to create Kling account", "401", "Unauthorized", "api_token or the USEAPI_TOKEN"),
			calls: 1,
		},
		{
			name: "lapsed subscription",
			setup: func(env *accEnv) string {
				env.emu.SetSubscriptionActive(env.token, false)
				return env.token
			},
			want:  errorRegexp("Unable to create Kling account", "402", "Subscription required", "renew it"),
			calls: 1,
		},
		{
			name: "account cap",
			setup: func(env *accEnv) string {
				for _, e := range []string{"one", "two", "three"} {
					env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: e + "@example.com", Password: "p", MaxJobs: 1})
				}
				return env.token
			},
			// The service does not document its words past the account cap, so the diagnostic gives its
			// status and words and ends there: no guess that the subscription lapsed.
			want:  regexp.MustCompile(errorRegexp("Unable to create Kling account", "402 Payment Required", "allows up to 3 Kling accounts").String() + `\s*$`),
			calls: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnvWith(t, emulator.Options{MaxAccounts: 3})
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
			if got := env.emu.Accounts(env.token, emulator.Kling); slices.ContainsFunc(got, func(a emulator.Account) bool { return a.Email == "a@example.com" }) {
				t.Fatalf("a refused create left its account: %+v", got)
			}
			// A definite refusal is not retried: one request, the first that met it.
			if got := totalCalls(env); got != tt.calls {
				t.Fatalf("%d requests (%v), want %d", got, env.emu.CallCounts(), tt.calls)
			}
		})
	}
}
