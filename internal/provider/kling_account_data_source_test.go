package provider

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

const accountData = "data.useapi_kling_account.test"

func TestAccKlingAccountDataSource_balance(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "outside@example.com", Password: "p", MaxJobs: 8})
	env.emu.SetBalance(env.token, "outside@example.com", []emulator.Points{
		{OrderID: "A-1", Type: "plan", Amount: 66000, Balance: 56000, StartTime: 1700000000000, EndTime: 1702592000000},
		{OrderID: "B-2", Type: "bonus", Amount: 100.5, Balance: 0.5, StartTime: 1700000000001, EndTime: 1702592000001},
	})
	point := func(order, kind string, amount, balance float64, start, end int64) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"order_id": knownvalue.StringExact(order), "type": knownvalue.StringExact(kind),
			"amount": knownvalue.Float64Exact(amount), "balance": knownvalue.Float64Exact(balance),
			"start_time": knownvalue.Int64Exact(start), "end_time": knownvalue.Int64Exact(end),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config:    env.providerBlock() + `data "useapi_kling_account" "test" { email = "outside@example.com" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("session").AtMapKey("user_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("total"), knownvalue.Float64Exact(56000.5)),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("next_apply_time"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("points"), knownvalue.ListExact([]knownvalue.Check{
					point("A-1", "plan", 66000, 56000, 1700000000000, 1702592000000),
					point("B-2", "bonus", 100.5, 0.5, 1700000000001, 1702592000001),
				})),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("error"), knownvalue.Null()),
				// A data source is read once, at plan time.
				env.expectCalls(map[string]int{getAccount: 1}),
			},
		}},
	})
}

// TestAccKlingAccountDataSource_absentFields answers with a bare account, as the service's model allows:
// what it leaves out must be null, not zero.
func TestAccKlingAccountDataSource_absentFields(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"email":"bare@example.com","balance":{"points":[{"orderId":"1"}]}}`)
	}))
	t.Cleanup(srv.Close)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf("provider \"useapi\" {\n  api_token = \"user:1-x\"\n  base_url = %q\n}\n", srv.URL) +
				`data "useapi_kling_account" "test" { email = "bare@example.com" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("max_jobs"), knownvalue.Null()),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("session"), knownvalue.Null()),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("total"), knownvalue.Null()),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("points"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"order_id": knownvalue.StringExact("1"), "type": knownvalue.Null(), "amount": knownvalue.Null(),
						"balance": knownvalue.Null(), "start_time": knownvalue.Null(), "end_time": knownvalue.Null(),
					}),
				})),
			},
		}},
	})
}

func TestAccKlingAccountDataSource_errors(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      env.providerBlock() + `data "useapi_kling_account" "test" { email = "nobody@example.com" }`,
				ExpectError: errorRegexp("Kling account not found", `"nobody@example.com"`, "useapi_kling_account resource"),
			},
			{
				Config:      env.providerBlock() + `data "useapi_kling_account" "test" { email = "nobody" }`,
				ExpectError: errorRegexp("email", "must be an email address"),
			},
			{
				Config:      env.providerBlockWithToken("user:1-wrong") + `data "useapi_kling_account" "test" { email = "nobody@example.com" }`,
				ExpectError: errorRegexp("Unable to read Kling account", "401", "USEAPI_TOKEN"),
			},
		},
	})
}

// TestAccKlingAccountDataSource_sameApply reads an account that a resource creates in the same apply.
func TestAccKlingAccountDataSource_sameApply(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: env.resetCalls,
			Config: caseOf("kling").config(env, "fresh@example.com", 5, "pw") + `
data "useapi_kling_account" "test" {
  email = useapi_kling_account.test.email
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownValue(accountData, tfjsonpath.New("balance").AtMapKey("total"), knownvalue.Float64Exact(56000)),
				statecheck.CompareValuePairs(accountData, tfjsonpath.New("session"), accountAddr, tfjsonpath.New("session"), compareSame),
			},
			Check: env.expectCalls(map[string]int{listAccounts: 1, postAccount: 1, getAccount: 1}).fn(),
		}},
	})
}
