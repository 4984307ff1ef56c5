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

// TestAccCredentialAccount_replacementWithoutAnswer: a create_before_destroy replacement whose create got
// no definite answer may have landed on the very account being replaced, so the old object's delete is
// refused rather than guessed; the next apply posts the credential again, and the account stays.
func TestAccCredentialAccount_replacementWithoutAnswer(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("replaced-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := env.providerBlockWith("max_retries = 2") + variables(false) + fmt.Sprintf("resource %q \"test\" {\n%s}\n",
			c.svc.typeName(), c.body(0, c.jobs(1), "lifecycle {\n  create_before_destroy = true\n}\n"))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(cred)},
				{
					PreConfig:       func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.DropConnection, Method: "POST"}) },
					Config:          cfg,
					ConfigVariables: vars(cred),
					Taint:           []string{c.addr()},
					ExpectError:     errorRegexp("Unable to delete "+c.svc.title+" account", "Nothing was deleted"),
				},
				{
					PreConfig: func() {
						if got := env.emu.Accounts(env.token, c.emu); len(got) != 1 || got[0].ID != id {
							t.Errorf("after the refused delete the service holds %+v, want %s", got, id)
						}
						env.resetCalls()
					},
					Config:          cfg,
					ConfigVariables: vars(cred),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
						c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
						c.noDeletes(env),
					},
				},
			},
		})
	})
}

// noDeletes checks that no DELETE reached the service since the calls were last reset.
func (c credentialCase) noDeletes(env *accEnv) emulatorCheck {
	return emulatorCheck{env: env, check: func(emu *emulator.Server) error {
		if n := emu.CallCounts()[c.calls().Delete]; n != 0 {
			return fmt.Errorf("%d DELETEs of %s accounts: the account being replaced must stay", n, c.emu)
		}
		return nil
	}}
}

// TestAccCredentialAccount_updateAnsweredWith596: a 596 to an update that sent a credential does not say
// which account useapi.net saved, so the resource keeps its account, marked, and the next apply posts the
// credential again and records the account the answer names.
func TestAccCredentialAccount_updateAnsweredWith596(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		mine, other := c.identity("saved-"+c.svc.name), c.identity("saved-other-"+c.svc.name)
		first, wrong := c.issue(env, mine), c.issue(env, other)
		cfg := c.config(env, c.body(0, c.jobs(1), ""))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(first)},
				{
					PreConfig:       func() { env.emu.FailNext(1, emulator.Fault{Kind: emulator.AccountError, Method: "POST"}) },
					Config:          cfg,
					ConfigVariables: vars(wrong),
					ExpectError:     errorRegexp("Unable to update " + c.svc.title + " account"),
				},
				{
					// The credential was another account's: the answer now says so, and state follows it.
					Config:          cfg,
					ConfigVariables: vars(wrong),
					ExpectError:     errorRegexp(c.svc.title+" credential of another account", "belongs to "+other, "not to "+mine),
				},
				{
					Config:          cfg,
					ConfigVariables: vars(wrong),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(other)),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
					},
				},
			},
		})
	})
}

// TestAccFlowMusicAccount_pendingWithoutMaxJobs: a create left pending with max_jobs unset records none,
// and the apply that settles it records the service's value without an inconsistent plan.
func TestAccFlowMusicAccount_pendingWithoutMaxJobs(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := flowMusicCase()
	id := c.identity("pending-default")
	cred := c.issue(env, id)
	cfg := env.providerBlockWith("max_retries = 2") + variables(false) +
		fmt.Sprintf("resource %q \"test\" {\n%s}\n", c.svc.typeName(), c.body(0, 0, ""))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.DropConnection, Method: "POST"}) },
				Config:             cfg,
				ConfigVariables:    vars(cred),
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("max_jobs"), knownvalue.Null()),
				},
			},
			{
				Config:          cfg,
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectUnknownValue(c.addr(), tfjsonpath.New("max_jobs"))},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("max_jobs"), knownvalue.NotNull()),
				},
			},
		},
	})
}

// TestAccFlowMusicAccount_importThenNewToken: an imported account's first write that needs no token
// (a max_jobs change) records the configured token as held, so a later new token is a change and is sent.
func TestAccFlowMusicAccount_importThenNewToken(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := flowMusicCase()
	id := c.identity("imported-token")
	held := c.issue(env, id)
	env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: id, Credential: held.value, MaxJobs: 2})
	fresh := c.issue(env, id)
	importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", c.addr(), id)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				Config:            c.config(env, c.body(0, 3, "")) + importBlock,
				ConfigVariables:   vars(held),
				ConfigStateChecks: []statecheck.StateCheck{c.expectHeld(env, map[string]int64{id: 3}), c.expectPosts(env, id, 0)},
			},
			{
				Config:            c.config(env, c.body(0, 3, "")),
				ConfigVariables:   vars(fresh),
				ConfigStateChecks: []statecheck.StateCheck{c.expectPosts(env, id, 1), c.expectCredential(env, id, fresh.value)},
			},
		},
	})
}

// expectCredential checks the credential the service holds for the account.
func (c credentialCase) expectCredential(env *accEnv, id, want string) emulatorCheck {
	return emulatorCheck{env: env, check: func(emu *emulator.Server) error {
		for _, a := range emu.Accounts(env.token, c.emu) {
			if a.ID == id && a.Credential == want {
				return nil
			}
		}
		return fmt.Errorf("%s does not hold the expected credential for %s", c.emu, id)
	}}
}

// TestAccCredentialAccount_updateAnsweredWithoutAccount: an update that sent a credential and was taken
// with an answer that names no account does not say which account the credential reached: the resource
// keeps its account, marked, and the next apply posts the credential again and records the account named.
func TestAccCredentialAccount_updateAnsweredWithoutAccount(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("bare-" + c.svc.name)
		first, fresh := c.issue(env, id), c.issue(env, id)
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{Config: c.config(env, c.body(1, c.jobs(1), "")), ConfigVariables: vars(first)},
				{
					PreConfig:          func() { env.emu.FailNext(1, emulator.Fault{Kind: emulator.BareAnswer, Method: "POST"}) },
					Config:             c.config(env, c.body(2, c.jobs(1), "")),
					ConfigVariables:    vars(fresh),
					ExpectNonEmptyPlan: true,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.StringExact(unsentNote)),
						c.expectPosts(env, id, 2),
					},
				},
				c.resendStep(env, c.config(env, c.body(2, c.jobs(1), "")), fresh, id,
					env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)), c.expectPosts(env, id, 3)),
			},
		})
	})
}
