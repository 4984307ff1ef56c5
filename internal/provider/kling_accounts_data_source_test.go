package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

const accountsData = "data.useapi_kling_accounts.all"

var compareSame = compare.ValuesSame()

func TestAccKlingAccountsDataSource_empty(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config:    env.providerBlock() + `data "useapi_kling_accounts" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountsData, tfjsonpath.New("accounts"), knownvalue.ListSizeExact(0)),
			},
			Check: env.expectCalls(map[string]int{listAccounts: 1}).fn(),
		}},
	})
}

// TestAccKlingAccountsDataSource_mixed lists accounts added outside Terraform next to one it manages.
func TestAccKlingAccountsDataSource_mixed(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "zed@example.com", Password: "p", MaxJobs: 2})
	env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "amy@example.com", Password: "p", MaxJobs: 9})
	summary := func(email string, maxJobs int64) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"email": knownvalue.StringExact(email), "max_jobs": knownvalue.Int64Exact(maxJobs),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config: caseOf("kling").config(env, "mid@example.com", 4, "pw") + `
data "useapi_kling_accounts" "all" {
  depends_on = [useapi_kling_account.test]
}
output "emails" {
  value = data.useapi_kling_accounts.all.accounts[*].email
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountsData, tfjsonpath.New("accounts"), knownvalue.ListExact([]knownvalue.Check{
					summary("amy@example.com", 9), summary("mid@example.com", 4), summary("zed@example.com", 2),
				})),
				statecheck.ExpectKnownValue(accountsData, tfjsonpath.New("accounts").AtSliceIndex(0).AtMapKey("session").AtMapKey("user_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownOutputValue("emails", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("amy@example.com"), knownvalue.StringExact("mid@example.com"), knownvalue.StringExact("zed@example.com"),
				})),
			},
			// One POST for the resource and one list for the data source, read after it.
			Check: env.expectCalls(map[string]int{postAccount: 1, listAccounts: 2}).fn(),
		}},
	})
}

func TestAccKlingAccountsDataSource_unauthorized(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerBlockWithToken("user:1-wrong") + `data "useapi_kling_accounts" "all" {}`,
			ExpectError: errorRegexp("Unable to list Kling accounts", "401 Unauthorized", "Check the useapi.net API token"),
		}},
	})
}
