package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// faultConfig is one account with a small retry budget, so tests can spend it on purpose.
func faultConfig(env *accEnv, maxRetries string) string {
	return env.providerBlockWith("max_retries = "+maxRetries) + `
resource "useapi_kling_account" "test" {
  email    = "faulty@example.com"
  max_jobs = 2
  password = "pw"
}
`
}

// TestAccKlingAccount_lostAnswers: a POST applied but unanswered is sent again, and so is a DELETE; both
// converge, because a POST is an upsert and a DELETE of what is gone is success.
func TestAccKlingAccount_lostAnswers(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	lose := func() {
		env.resetCalls()
		env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			env.expectAccounts(map[string]int64{}),
			env.expectCalls(map[string]int{getAccount: 1, deleteAccount: 2}),
		),
		Steps: []resource.TestStep{
			{
				PreConfig: lose,
				Config:    faultConfig(env, "3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					env.expectCalls(map[string]int{postAccount: 2}),
					env.expectAccounts(map[string]int64{"faulty@example.com": 2}),
				),
			},
			{
				// The destroy's refresh GET is answered; its DELETE is applied and the answer lost.
				PreConfig: func() {
					env.resetCalls()
					env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer, Method: "DELETE"})
				},
				Config:  faultConfig(env, "3"),
				Destroy: true,
			},
		},
	})
}

// TestAccKlingAccount_retryBudgetSpent: when every attempt fails the error says how many were made and
// what the service last said, and a create whose outcome is unknown is kept in state, tainted, so the next
// apply replaces it instead of leaving an account Terraform does not know about.
func TestAccKlingAccount_retryBudgetSpent(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectAccounts(map[string]int64{}),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// The first attempt is applied but its answer lost; the next two meet a 503 page.
					env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer})
					env.emu.FailNext(2, emulator.Fault{Kind: emulator.UnavailableHTML})
				},
				Config:      faultConfig(env, "2"),
				ExpectError: errorRegexp("Unable to create Kling account", "503 Service Unavailable", "(after 3 attempts)", "safe to repeat"),
			},
			{
				PreConfig: env.resetCalls,
				Config:    faultConfig(env, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					env.expectCalls(map[string]int{getAccount: 1, deleteAccount: 1, postAccount: 1}),
					env.expectAccounts(map[string]int64{"faulty@example.com": 2}),
				),
			},
		},
	})
}

// TestAccKlingAccount_definiteRefusalIsNotKept: a create the service refused is not recorded in state.
func TestAccKlingAccount_definiteRefusalIsNotKept(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.AddKlingUser("faulty@example.com", "other")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: faultConfig(env, "2"), ExpectError: errorRegexp("400 Bad Request")},
			{
				// Nothing was kept in state: with the right password the plan is a create, not a replacement.
				PreConfig: func() { env.emu.AddKlingUser("faulty@example.com", "pw") },
				Config:    faultConfig(env, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccKlingAccount_createTimeout: the timeouts block bounds a whole create. The service applies the
// account but answers after the deadline, so the account is kept, tainted, and the next apply converges.
func TestAccKlingAccount_createTimeout(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := func(create string) string {
		return env.providerBlock() + `
resource "useapi_kling_account" "test" {
  email    = "slow@example.com"
  max_jobs = 2
  password = "pw"
  timeouts {
    create = "` + create + `"
  }
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.emu.SetLatency(5 * time.Second) },
				Config:      cfg("1s"),
				ExpectError: errorRegexp("Unable to create Kling account", "deadline exceeded", "Raise the resource's timeouts"),
			},
			{
				PreConfig: func() { env.emu.SetLatency(0) },
				Config:    cfg("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: env.expectAccounts(map[string]int64{"slow@example.com": 2}),
			},
		},
	})
}
