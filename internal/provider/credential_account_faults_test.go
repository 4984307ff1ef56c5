package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// TestAccCredentialAccount_errorStateIsHealed: an account the service reports broken keeps its reason in
// error, and the plan adds it again with the configured credential; one POST later the plan is empty.
// An account without a configured credential is left as it is, with a warning that says what it needs.
func TestAccCredentialAccount_errorStateIsHealed(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("broken-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := c.config(env, c.body(0, c.jobs(1), ""))
		const reason = "Session expired, please add the account again"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(cred)},
				{
					PreConfig:          func() { env.emu.SetAccountError(env.token, c.emu, id, reason) },
					ConfigVariables:    vars(cred),
					RefreshState:       true,
					ExpectNonEmptyPlan: true,
					Check:              resource.TestCheckResourceAttrWith(c.addr(), "error", containsText(reason)),
				},
				{
					PreConfig:       env.resetCalls,
					Config:          cfg,
					ConfigVariables: vars(cred),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectUnknownValue(c.addr(), tfjsonpath.New("error")),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
						c.expectPosts(env, id, 2),
					},
				},
			},
		})

		// Set up in useapi.net's browser, imported, then broken: nothing to send, so nothing is planned.
		remote := c.identity("remote-broken-" + c.svc.name)
		env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: remote, MaxJobs: c.jobs(1)})
		noCredential := env.providerBlock() + fmt.Sprintf("resource %q \"test\" {\n%s}\nimport {\n  to = %s\n  id = %q\n}\n",
			c.svc.typeName(), c.body(-1, c.jobs(1), ""), c.addr(), remote)
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: noCredential},
				{
					PreConfig: func() {
						env.emu.SetAccountError(env.token, c.emu, remote, reason)
						env.resetCalls()
					},
					Config: noCredential,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.NotNull()),
						env.expectCalls(plus(c.refresh(), 1)),
					},
				},
			},
		})
	})
}

// TestAccCredentialAccount_drift: an account removed outside Terraform is added again with the configured
// credential; one removed and then destroyed counts as gone.
func TestAccCredentialAccount_drift(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("drift-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := c.config(env, c.body(0, c.jobs(1), ""))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(cred)},
				{
					PreConfig: func() {
						env.emu.RemoveAccount(env.token, c.emu, id)
						env.resetCalls()
					},
					Config:          cfg,
					ConfigVariables: vars(cred),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectCalls(plus(c.refresh(), 1, c.calls().List, 1, c.calls().Post, 1)),
						c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
					},
				},
				{
					PreConfig:       func() { env.emu.RemoveAccount(env.token, c.emu, id) },
					Config:          cfg,
					ConfigVariables: vars(cred),
					Destroy:         true,
				},
			},
		})
	})
}

// TestAccCredentialAccount_lostCreateAnswer: a create whose every answer was lost is settled by the one
// account that appeared since the apply began; when none appeared and an attempt may still be under way,
// the resource is kept with no identity, its destroy is refused rather than guessed, and the next apply
// posts the credential again and records the account its answer names.
func TestAccCredentialAccount_lostCreateAnswer(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("lost-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := env.providerBlockWith("max_retries = 2") + variables(false) +
			fmt.Sprintf("resource %q \"test\" {\n%s}\n", c.svc.typeName(), c.body(0, c.jobs(1), ""))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{
					// Applied, and every answer lost: the list shows the one new account.
					PreConfig:       func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"}) },
					Config:          cfg,
					ConfigVariables: vars(cred),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
					},
				},
				{Config: cfg, ConfigVariables: vars(cred), Destroy: true},
				{
					// Never applied, and no answer: nothing tells which account, so it is kept without one.
					PreConfig:          func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.DropConnection, Method: "POST"}) },
					Config:             cfg,
					ConfigVariables:    vars(cred),
					ExpectNonEmptyPlan: true,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact("")),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.StringExact(pendingNote)),
						c.expectHeld(env, map[string]int64{}),
					},
				},
				{
					Config:          cfg,
					ConfigVariables: vars(cred),
					Destroy:         true,
					ExpectError:     errorRegexp("Unable to delete "+c.svc.title+" account", "Run terraform apply first"),
				},
				// The pending account's refresh makes no call: nothing names it yet.
				c.resendStep(env, cfg, cred, id, env.expectCalls(plus(c.calls().Post, 1)), c.expectHeld(env, map[string]int64{id: c.jobs(1)})),
			},
		})
	})
}

// containsText checks that an attribute holds want.
func containsText(want string) func(string) error {
	return func(got string) error {
		if !strings.Contains(got, want) {
			return fmt.Errorf("%q does not contain %q", got, want)
		}
		return nil
	}
}

// TestAccCredentialAccount_lostUpdateAnswer: an update that sent a credential and got no definite answer
// may have reached another account; the resource keeps its account, says so in error, and the next apply
// sends the credential again and records the account it names.
func TestAccCredentialAccount_lostUpdateAnswer(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("lost-update-" + c.svc.name)
		first, fresh := c.issue(env, id), c.issue(env, id)
		cfg := env.providerBlockWith("max_retries = 2") + variables(false) +
			fmt.Sprintf("resource %q \"test\" {\n%s}\n", c.svc.typeName(), c.body(0, c.jobs(1), ""))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(first)},
				{
					PreConfig:       func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.DropConnection, Method: "POST"}) },
					Config:          cfg,
					ConfigVariables: vars(fresh),
					ExpectError:     errorRegexp("Unable to update " + c.svc.title + " account"),
				},
				c.resendStep(env, cfg, fresh, id, env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)), c.expectPosts(env, id, 2)),
			},
		})
	})
}

// resendStep is the apply after an outcome left unknown: an in-place update that posts cred again, whose
// answer names the account id, healthy; checks say what else must hold.
func (c credentialCase) resendStep(env *accEnv, cfg string, cred credential, id string, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{
		PreConfig:       env.resetCalls,
		Config:          cfg,
		ConfigVariables: vars(cred),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
				plancheck.ExpectUnknownValue(c.addr(), tfjsonpath.New("id")),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: append([]statecheck.StateCheck{
			statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
		}, checks...),
	}
}
