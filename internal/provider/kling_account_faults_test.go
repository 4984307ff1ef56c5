package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// slowCreateConfig is one account whose create may take no longer than create.
func slowCreateConfig(env *accEnv, create string) string {
	return env.providerBlock() + fmt.Sprintf(`
resource "useapi_kling_account" "test" {
  email    = "slow@example.com"
  max_jobs = 2
  password = "pw"
  timeouts {
    create = %q
  }
}
`, create)
}

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
		env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: resource.ComposeTestCheckFunc(
			env.expectAccounts(map[string]int64{}).fn(),
			env.expectCalls(map[string]int{getAccount: 1, deleteAccount: 2}).fn(),
		),
		Steps: []resource.TestStep{
			{
				PreConfig: lose,
				Config:    faultConfig(env, "3"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(map[string]int{listAccounts: 1, postAccount: 2}),
					env.expectAccounts(map[string]int64{"faulty@example.com": 2}),
				},
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

// TestAccKlingAccount_lostCreateIsReconciled: the create's first POST is applied and its answer lost; the
// retries then meet a 503 until they are spent, or a definite refusal, which the last attempt alone would
// take to mean nothing was done. Reading the account back shows it was created with what was sent, so
// the create succeeds: nothing is tainted and the next plan is empty.
func TestAccKlingAccount_lostCreateIsReconciled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		then emulator.Fault
		n    int
		// posts is how many POST attempts the create makes.
		posts int
	}{
		{name: "then 503s", then: emulator.Fault{Kind: emulator.UnavailableHTML, Method: "POST"}, n: 2, posts: 3},
		{name: "then a refusal", n: 1, posts: 2,
			then: emulator.Fault{Kind: emulator.Refuse, Method: "POST", Status: 409, Message: "Conflict: a login is already under way"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			env.needsEmulator(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				CheckDestroy:             env.expectAccounts(map[string]int64{}).fn(),
				Steps: []resource.TestStep{{
					PreConfig: func() {
						env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"})
						env.emu.FailNext(tt.n, tt.then)
						env.resetCalls()
					},
					Config: faultConfig(env, "2"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("session"), knownvalue.NotNull()),
						statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.Null()),
						// The list before, the POST attempts, and the one read that settles it.
						env.expectCalls(map[string]int{listAccounts: 1, postAccount: tt.posts, getAccount: 1}),
						env.expectAccounts(map[string]int64{"faulty@example.com": 2}),
					},
				}},
			})
		})
	}
}

// TestAccKlingAccount_definiteRefusalIsNotKept: a create the service refused is not recorded in state.
func TestAccKlingAccount_definiteRefusalIsNotKept(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.AddUser(emulator.Kling, "faulty@example.com", "other")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: faultConfig(env, "2"), ExpectError: errorRegexp("400 Bad Request")},
			{
				// Nothing was kept in state: with the right password the plan is a create, not a replacement.
				PreConfig: func() { env.emu.AddUser(emulator.Kling, "faulty@example.com", "pw") },
				Config:    faultConfig(env, "2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccKlingAccount_createTimeout: the timeouts block bounds a whole create. The service applies the
// account but answers after the deadline; reading it back shows the create happened, so it succeeds, and
// the next plan is empty.
func TestAccKlingAccount_createTimeout(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := slowCreateConfig(env, "3s")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			// Each answer takes 2s: the list fits in the 3s, the POST is applied but its answer comes too late.
			PreConfig: func() { env.emu.SetLatency(2 * time.Second); env.resetCalls() },
			Config:    cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPreRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCalls(map[string]int{listAccounts: 1, postAccount: 1, getAccount: 1}),
				env.expectAccounts(map[string]int64{"slow@example.com": 2}),
			},
		}},
	})
}

// TestAccKlingAccount_createWithoutAnswer: creates whose every attempt went without a definite answer.
// Only when every attempt was answered and the service's own "not found" follows is the create known not
// to have happened; otherwise the account is kept in state, untainted, with error saying its outcome is
// unknown, and the next apply settles it with an in-place POST, without deleting anything, even when the
// refresh finds no such account (the first add may still be landing). The CLI tests in unsettled_test.go
// check the warnings' words.
func TestAccKlingAccount_createWithoutAnswer(t *testing.T) {
	t.Parallel()
	lostThen503 := func(env *accEnv) {
		env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"})
		env.emu.FailNext(2, emulator.Fault{Kind: emulator.UnavailableHTML, Method: "POST"})
	}
	tests := []struct {
		name     string
		setup    func(env *accEnv)
		kept     bool
		want     []string // the error's parts, when nothing is kept
		next     plancheck.ResourceActionType
		nextCall map[string]int
	}{
		{
			name: "the read-back fails too, so it is kept",
			setup: func(env *accEnv) {
				lostThen503(env)
				env.emu.FailNext(3, emulator.Fault{Kind: emulator.UnavailableHTML, Call: getAccount})
			},
			kept: true,
			next: plancheck.ResourceActionUpdate,
			// The refresh finds the account; the update posts it again: nothing is deleted.
			nextCall: map[string]int{getAccount: 1, postAccount: 1},
		},
		{
			name: "the account was there before, so it is kept",
			setup: func(env *accEnv) {
				env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "faulty@example.com", Password: "old", MaxJobs: 2})
				lostThen503(env)
			},
			kept:     true,
			next:     plancheck.ResourceActionUpdate,
			nextCall: map[string]int{getAccount: 1, postAccount: 1},
		},
		{
			name:  "dropped connections prove nothing, so it is kept",
			setup: func(env *accEnv) { env.emu.FailNext(3, emulator.Fault{Kind: emulator.DropConnection, Method: "POST"}) },
			kept:  true,
			// The refresh's "not found" does not drop an account whose add may still be landing: it is
			// posted again in place.
			next:     plancheck.ResourceActionUpdate,
			nextCall: map[string]int{getAccount: 1, postAccount: 1},
		},
		{
			name:     "every attempt was answered, so nothing is kept",
			setup:    func(env *accEnv) { env.emu.FailNext(3, emulator.Fault{Kind: emulator.InternalError, Method: "POST"}) },
			want:     []string{"Error: Unable to create Kling account", "500 Internal Server Error", "(after 3 attempts)", "useapi.net answered every attempt that reached it, and it does not hold faulty@example.com afterwards, so it was not created; apply again."},
			next:     plancheck.ResourceActionCreate,
			nextCall: map[string]int{listAccounts: 1, postAccount: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			env.needsEmulator(t)
			first := resource.TestStep{
				PreConfig: func() { tt.setup(env) },
				Config:    faultConfig(env, "2"),
			}
			if tt.kept {
				// A warning, not an error: an error would taint the account, and a tainted account is
				// replaced, deleting it before posting it again.
				first.ExpectNonEmptyPlan = true
				first.ConfigStateChecks = []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.StringExact(unsettledNote)),
				}
			} else {
				// Nothing follows: no advice of the cause's that would speak of an outcome still open.
				first.ExpectError = regexp.MustCompile(errorRegexp(tt.want...).String() + `\s*$`)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				CheckDestroy:             env.expectAccounts(map[string]int64{}).fn(),
				Steps: []resource.TestStep{
					first,
					{
						PreConfig: env.resetCalls,
						Config:    faultConfig(env, "2"),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, tt.next)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.Null()),
							env.expectCalls(tt.nextCall),
							env.expectAccounts(map[string]int64{"faulty@example.com": 2}),
						},
					},
				},
			})
		})
	}
}
