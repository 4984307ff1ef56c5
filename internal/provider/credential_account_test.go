package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// credentialCase is one service of the second shape as these tests drive it: every test in this file
// runs for each, so every such service is held to the same rules.
type credentialCase struct {
	svc *accountService
	emu emulator.Service
	// identity is the n-th upstream account's identity: an email, or MiniMax's and Mureka's digits.
	identity func(name string) string
	// refreshByList says the service's accounts are refreshed from its list, not their own URL.
	refreshByList bool
	// refreshes says useapi.net refreshes the service's credentials by itself (MiniMax's does not).
	refreshes bool
}

func emailIdentity(name string) string { return name + "@example.com" }

// digitsIdentity is a stable MiniMax user id or Mureka account id for name.
func digitsIdentity(name string) string {
	n := uint64(1469)
	for _, r := range name {
		n = n*31 + uint64(r)
	}
	return fmt.Sprint(100_000_000_000 + n%900_000_000_000)
}

var credentialCases = []credentialCase{
	{svc: flowMusicService, emu: emulator.FlowMusic, identity: emailIdentity, refreshByList: true, refreshes: true},
	{svc: miniMaxService, emu: emulator.MiniMax, identity: digitsIdentity},
	{svc: googleFlowService, emu: emulator.GoogleFlow, identity: emailIdentity, refreshByList: true, refreshes: true},
	// Mureka's token way; its email and password way is driven in mureka_account_test.go.
	{svc: murekaService, emu: emulator.Mureka, identity: digitsIdentity, refreshes: true},
	{svc: geminiNotebookService, emu: emulator.GeminiNotebook, identity: emailIdentity, refreshByList: true},
	{svc: googleVidsService, emu: emulator.GoogleVids, identity: emailIdentity, refreshByList: true},
}

// forEachCredentialService runs test once per service of the second shape, in parallel, on the emulator.
func forEachCredentialService(t *testing.T, test func(t *testing.T, c credentialCase, env *accEnv)) {
	t.Parallel()
	for _, c := range credentialCases {
		t.Run(c.svc.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			env.needsEmulator(t) // live, only Kling has credentials to test with
			test(t, c, env)
		})
	}
}

// credential is what a user copies for one upstream account: the credential and its further part, if
// the service has one (MiniMax's url, Mureka's refresh token).
type credential struct{ value, part string }

// issue makes the emulated site issue a fresh credential of the account named.
func (c credentialCase) issue(env *accEnv, identity string) credential {
	value := env.emu.IssueCredential(c.emu, identity)
	cred := credential{value: value}
	if c.hasParts() {
		switch c.partName() {
		case "url":
			cred.part = env.emu.CredentialURL(c.emu, value)
		case "refresh_token":
			cred.part = env.emu.CredentialRefreshToken(c.emu, value)
		}
	}
	return cred
}

func (c credentialCase) addr() string             { return c.svc.typeName() + ".test" }
func (c credentialCase) field() string            { return c.svc.credential.field }
func (c credentialCase) calls() emulator.CallKeys { return emulator.Calls(c.emu) }
func (c credentialCase) hasParts() bool           { return len(c.svc.credential.parts) > 0 }

// partName is the argument of the credential's further part, when hasParts.
func (c credentialCase) partName() string { return c.svc.credential.parts[0].name }

func (c credentialCase) refresh() string {
	if c.refreshByList {
		return c.calls().List
	}
	return c.calls().Get
}

// jobs is a valid max_jobs, counted down from the maximum; 0 for a service without max_jobs.
func (c credentialCase) jobs(n int64) int64 {
	if !c.svc.hasMaxJobs() {
		return 0
	}
	return c.svc.maxJobs.max - n%(c.svc.maxJobs.max-c.svc.maxJobs.min+1)
}

// variables declares the configuration's inputs: the credential and its part, ephemeral for the
// write-only form as the docs recommend.
func variables(writeOnly bool) string {
	ephemeral := ""
	if writeOnly {
		ephemeral = "\n  ephemeral = true"
	}
	return fmt.Sprintf(`
variable "credential" {
  type      = string
  sensitive = true%[1]s
}
variable "part" {
  type      = string
  sensitive = true
  default   = ""%[1]s
}
`, ephemeral)
}

// vars are the variables' values for cred.
func vars(cred credential) config.Variables {
	return config.Variables{"credential": config.StringVariable(cred.value), "part": config.StringVariable(cred.part)}
}

// body is the resource's arguments: the credential in the sensitive form, or with version > 0 in the
// write-only form, and max_jobs when jobs > 0.
func (c credentialCase) body(version int, jobs int64, extra string) string {
	var b strings.Builder
	f := c.field()
	switch {
	case version > 0:
		fmt.Fprintf(&b, "%s_wo = var.credential\n%s_wo_version = %d\n", f, f, version)
		if c.hasParts() {
			b.WriteString(c.partName() + "_wo = var.part\n")
		}
	case version == 0:
		fmt.Fprintf(&b, "%s = var.credential\n", f)
		if c.hasParts() {
			b.WriteString(c.partName() + " = var.part\n")
		}
	}
	if jobs > 0 {
		fmt.Fprintf(&b, "max_jobs = %d\n", jobs)
	}
	return b.String() + extra
}

// config is the provider and one resource "test" with the given body.
func (c credentialCase) config(env *accEnv, body string) string {
	return env.providerBlock() + variables(strings.Contains(body, "_wo ")) +
		fmt.Sprintf("resource %q \"test\" {\n%s}\n", c.svc.typeName(), body)
}

// expectHeld checks the accounts the service holds, by identity, with max_jobs (0 without it).
func (c credentialCase) expectHeld(env *accEnv, want map[string]int64) emulatorCheck {
	return env.expectServiceAccounts(c.emu, want)
}

// expectPosts checks how many POSTs carried a credential for the account since it was added.
func (c credentialCase) expectPosts(env *accEnv, id string, want int) emulatorCheck {
	return emulatorCheck{env: env, check: func(emu *emulator.Server) error {
		for _, a := range emu.Accounts(env.token, c.emu) {
			if a.ID == id {
				if a.CredentialPosts != want {
					return fmt.Errorf("%s: %d POSTs carried a credential for %s, want %d", c.emu, a.CredentialPosts, id, want)
				}
				return nil
			}
		}
		return fmt.Errorf("%s does not hold %s", c.emu, id)
	}}
}

// TestAccCredentialAccount_lifecycle: the identity is known after apply and taken from the answer; the
// credential is sent to add the account and never again while it does not change, even across the
// service's own refreshes, form switches and max_jobs changes (where the service takes one without it).
func TestAccCredentialAccount_lifecycle(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("first-" + c.svc.name)
		cred := c.issue(env, id)
		addr := c.addr()
		identityPath := tfjsonpath.New(c.svc.credential.identity)
		steps := []resource.TestStep{
			{
				PreConfig:       env.resetCalls,
				Config:          c.config(env, c.body(0, c.jobs(1), "")),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectUnknownValue(addr, identityPath),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("id")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, identityPath, knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New(c.field())),
					env.expectCalls(plus(c.calls().List, 1, c.calls().Post, 1)),
					c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
					c.expectPosts(env, id, 1),
				},
			},
			{
				// useapi.net refreshes the credential it holds; the configured one is stale now, and a plan of
				// the unchanged configuration sends nothing.
				PreConfig: func() {
					if c.refreshes && env.emu.RefreshCredentials(c.emu, id) != 1 {
						t.Error("the emulator refreshed nothing")
					}
					env.resetCalls()
				},
				Config:          c.config(env, c.body(0, c.jobs(1), "")),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(plus(c.refresh(), 1)),
					c.expectPosts(env, id, 1),
				},
			},
			{
				// Moving the same value to the write-only form is not a change: no call, no post.
				PreConfig:       env.resetCalls,
				Config:          c.config(env, c.body(1, c.jobs(1), "")),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, identityPath, knownvalue.StringExact(id)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New(c.field()), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New(c.field()+"_wo"), knownvalue.Null()),
					env.expectCalls(plus(c.refresh(), 1)),
					c.expectPosts(env, id, 1),
					c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
				},
			},
		}
		if c.svc.hasMaxJobs() {
			step := resource.TestStep{
				PreConfig:       env.resetCalls,
				Config:          c.config(env, c.body(1, c.jobs(2), "")),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(c.jobs(2))),
					env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
					c.expectHeld(env, map[string]int64{id: c.jobs(2)}),
				},
			}
			if c.svc.credential.jobsNeedIt {
				// MiniMax has no update without the token: the configured one is sent, as its docs say.
				step.ConfigStateChecks = append(step.ConfigStateChecks, c.expectPosts(env, id, 2))
			} else {
				step.ConfigStateChecks = append(step.ConfigStateChecks, c.expectPosts(env, id, 1),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()))
			}
			steps = append(steps, step)
		}
		fresh := c.issue(env, id)
		steps = append(steps,
			resource.TestStep{
				// A new credential with a bumped version is sent; the answer names the same account.
				PreConfig:       env.resetCalls,
				Config:          c.config(env, c.body(2, c.jobs(2), "")),
				ConfigVariables: vars(fresh),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, identityPath),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()),
					env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
					c.expectPosts(env, id, c.postsSoFar()+1),
				},
			},
			resource.TestStep{
				ConfigVariables:         vars(fresh),
				ResourceName:            addr,
				ImportState:             true,
				ImportStateId:           id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append(c.settingNames(), c.svc.credential.version()),
			},
		)
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps:                    steps,
		})
	})
}

// settingNames are the service's settings, which an import cannot read: the lists do not show them.
func (c credentialCase) settingNames() []string {
	var out []string
	for _, x := range c.svc.settings {
		out = append(out, x.name)
	}
	return out
}

// postsSoFar is how many credential posts the lifecycle test made before its version bump.
func (c credentialCase) postsSoFar() int {
	if c.svc.credential.jobsNeedIt {
		return 2
	}
	return 1
}

// TestAccCredentialAccount_importWithoutCredential: an account set up in useapi.net's own browser has no
// credential anyone could configure; it is imported, managed and removed without one, and a change that
// needs one fails at plan time, before any call.
func TestAccCredentialAccount_importWithoutCredential(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("remote-" + c.svc.name)
		env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: id, MaxJobs: c.jobs(1)})
		importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", c.addr(), id)
		cfg := func(jobs int64) string {
			return env.providerBlock() + fmt.Sprintf("resource %q \"test\" {\n%s}\n", c.svc.typeName(), c.body(-1, jobs, ""))
		}
		steps := []resource.TestStep{
			{
				PreConfig: env.resetCalls,
				Config:    cfg(c.jobs(1)) + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
					env.expectCalls(map[string]int{c.refresh(): 1}),
				},
			},
		}
		if c.svc.hasMaxJobs() {
			if c.svc.credential.jobsNeedIt {
				steps = append(steps, resource.TestStep{
					Config:      cfg(c.jobs(2)),
					PlanOnly:    true,
					ExpectError: errorRegexp("Missing token", "MiniMax changes max_jobs only with the token and url posted again"),
				})
			} else {
				steps = append(steps, resource.TestStep{
					PreConfig: env.resetCalls,
					Config:    cfg(c.jobs(2)),
					ConfigStateChecks: []statecheck.StateCheck{
						c.expectHeld(env, map[string]int64{id: c.jobs(2)}),
						env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
						c.expectPosts(env, id, 0),
					},
				})
			}
		}
		// Lost at the service: adding it again needs the credential, which the plan says before any post.
		steps = append(steps, resource.TestStep{
			PreConfig:   func() { env.emu.RemoveAccount(env.token, c.emu, id); env.resetCalls() },
			Config:      cfg(c.jobs(1)),
			ExpectError: errorRegexp("Missing "+c.field(), "adding an account needs one", "Nothing was sent to useapi.net"),
		})
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps:                    steps,
		})
		if n := env.emu.CallCounts()[c.calls().Post]; n != 0 {
			t.Errorf("the plan that needed a credential posted %d times", n)
		}
	})
}

// TestAccCredentialAccount_createBeforeDestroyKeepsTheAccount: a replacement with create_before_destroy
// posts the credential, whose answer names the same account, and the old object's delete leaves it.
func TestAccCredentialAccount_createBeforeDestroyKeepsTheAccount(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("cbd-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := c.config(env, c.body(0, c.jobs(1), "lifecycle {\n  create_before_destroy = true\n}\n"))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{Config: cfg, ConfigVariables: vars(cred)},
				{
					PreConfig:       env.resetCalls,
					Config:          cfg,
					ConfigVariables: vars(cred),
					Taint:           []string{c.addr()},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionCreateBeforeDestroy)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
						// The replacement's create posts; the deposed object's delete makes no call.
						env.expectCalls(plus(c.refresh(), 1, c.calls().List, 1, c.calls().Post, 1)),
					},
				},
			},
		})
	})
}

// TestAccCredentialAccount_anotherAccountsCredential: a credential of another account (cookies of another
// Google session pasted by mistake) is caught: the apply names both accounts, state follows the
// credential, and the earlier account is neither deleted nor changed.
func TestAccCredentialAccount_anotherAccountsCredential(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		mine, other := c.identity("mine-"+c.svc.name), c.identity("other-"+c.svc.name)
		first, wrong := c.issue(env, mine), c.issue(env, other)
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: c.config(env, c.body(0, c.jobs(1), "")), ConfigVariables: vars(first)},
				{
					Config:          c.config(env, c.body(0, c.jobs(1), "")),
					ConfigVariables: vars(wrong),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectUnknownValue(c.addr(), tfjsonpath.New("id")),
						},
					},
					ExpectError: errorRegexp(c.svc.title+" credential of another account", "belongs to "+other, "not to "+mine,
						mine+" was neither changed nor removed", fmt.Sprintf("id = %q", mine)),
				},
				{
					// State follows the credential: the resource manages the other account now.
					Config:          c.config(env, c.body(0, c.jobs(1), "")),
					ConfigVariables: vars(wrong),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(other)),
						c.expectHeld(env, map[string]int64{mine: c.jobs(1), other: c.jobs(1)}),
					},
				},
			},
		})
	})
}

// TestAccCredentialAccount_oneAccountOneResource: two resources whose credentials belong to one account
// are refused, naming the account, rather than both managing it.
func TestAccCredentialAccount_oneAccountOneResource(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("shared-" + c.svc.name)
		a, b := c.issue(env, id), c.issue(env, id)
		block := func(name, v, extra string) string {
			body := strings.ReplaceAll(c.body(0, c.jobs(1), extra), "var.credential", "var.credential_"+v)
			body = strings.ReplaceAll(body, "var.part", "var.part_"+v)
			return fmt.Sprintf("resource %q %q {\n%s}\n", c.svc.typeName(), name, body)
		}
		inputs := env.providerBlock() + strings.NewReplacer(`"credential"`, `"credential_a"`, `"part"`, `"part_a"`).Replace(variables(false)) +
			strings.NewReplacer(`"credential"`, `"credential_b"`, `"part"`, `"part_b"`).Replace(variables(false))
		// two after one, so that which of the two is refused is known.
		one := block("one", "a", "")
		cfg := inputs + one + block("two", "b", "depends_on = ["+c.svc.typeName()+".one]\n")
		both := config.Variables{
			"credential_a": config.StringVariable(a.value), "part_a": config.StringVariable(a.part),
			"credential_b": config.StringVariable(b.value), "part_b": config.StringVariable(b.part),
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{
					Config:          cfg,
					ConfigVariables: both,
					ExpectError: errorRegexp("belongs to "+id+", which another resource of this configuration wrote earlier in this apply",
						"Nothing was added to state for this resource"),
				},
				{
					// The first manages the account; the second is not in state.
					Config:          inputs + one,
					ConfigVariables: both,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.svc.typeName()+".one", tfjsonpath.New("id"), knownvalue.StringExact(id)),
						c.expectHeld(env, map[string]int64{id: c.jobs(1)}),
					},
				},
			},
		})
	})
}

// TestAccCredentialAccount_badInput: each mistake fails at validate or plan time with an error that names
// the attribute, before a single request reaches the service.
func TestAccCredentialAccount_badInput(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		f := c.field()
		good := c.issue(env, c.identity("bad-"+c.svc.name))
		env.resetCalls()
		jobs := ""
		if c.svc.hasMaxJobs() {
			jobs = fmt.Sprintf("max_jobs = %d\n", c.jobs(1))
		}
		url, urlWO := "", ""
		if c.hasParts() {
			url, urlWO = fmt.Sprintf("%s = %q\n", c.partName(), good.part), c.partName()+"_wo = var.part\n"
		}
		value := fmt.Sprintf("%s = var.credential\n", f)
		tests := []badInput{
			{"no credential", jobs, errorRegexp("Missing "+f, "This plan needs "+c.svc.credential.what+": adding an account needs one")},
			{"both forms", fmt.Sprintf("%s = %s\n%s_wo = var.credential\n%s_wo_version = 1\n", f, hclString(good.value), f, f) + url + urlWO + jobs,
				errorRegexp("Invalid Attribute Combination", "cannot be configured together", f, f+"_wo")},
			{"write-only without version", fmt.Sprintf("%s_wo = var.credential\n", f) + jobs, errorRegexp(f+"_wo_version", "must be specified when", f+"_wo")},
			{"empty", fmt.Sprintf("%s = \"\"\n", f) + url + jobs, errorRegexp(f, "length must be at least 1")},
		}
		if c.svc.hasMaxJobs() {
			hi := c.svc.maxJobs.max
			tests = append(tests, badInput{"max_jobs too high", value + url + fmt.Sprintf("max_jobs = %d\n", hi+1), errorRegexp("max_jobs", fmt.Sprintf("got: %d", hi+1))})
		}
		switch c.emu {
		case emulator.FlowMusic:
			tests = append(tests, badInput{"refresh token too short", "refresh_token = \"short\"\n", errorRegexp("refresh_token", "length must be at least 10")})
		case emulator.GoogleFlow, emulator.GeminiNotebook, emulator.GoogleVids:
			tests = append(tests, badInput{"cookies without the session cookies", "cookies = \"NID\\tabc\\t.google.com\\n\"\n" + jobs,
				errorRegexp("Invalid Google cookies", "lack")})
			if c.emu == emulator.GeminiNotebook {
				tests = append(tests, badInput{"output_language not a code", value + "output_language = \"English\"\n",
					errorRegexp("output_language", "must be a language code")})
			}
		case emulator.MiniMax:
			tests = append(tests,
				badInput{"token without url", value + jobs, errorRegexp("url", "must be specified when", "token")},
				badInput{"token not a JWT", "token = \"not-a-jwt\"\n" + url + jobs, errorRegexp("token", "must be the hailuoai.video JWT")},
				badInput{"url not https", value + "url = \"hailuoai.video/cursor\"\n" + jobs, errorRegexp("url", "must be the https URL")},
			)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resource.Test(t, resource.TestCase{
					TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
					ProtoV6ProviderFactories: protoV6ProviderFactories,
					Steps: []resource.TestStep{{
						Config:          c.config(env, tt.body),
						ConfigVariables: vars(good),
						PlanOnly:        true,
						ExpectError:     tt.want,
					}},
				})
			})
		}
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config:          c.config(env, c.body(0, c.jobs(1), "")),
				ConfigVariables: vars(good),
				ResourceName:    c.addr(),
				ImportState:     true,
				ImportStateId:   "not-an-identity",
				ExpectError:     errorRegexp("Invalid import ID", "Import a "+c.svc.typeName()+" by "+c.svc.credential.idForm),
			}},
		})
		if n := len(env.emu.CallCounts()); n != 0 {
			t.Fatalf("bad input reached the service: %v", env.emu.CallCounts())
		}
	})
}

// hclString is s as an HCL string literal: quoted, with template sequences escaped.
func hclString(s string) string {
	return strings.NewReplacer("${", "$${", "%{", "%%{").Replace(strconv.Quote(s))
}

// TestCredentialCasesCoverEveryService: every service of the second shape runs the suite above.
func TestCredentialCasesCoverEveryService(t *testing.T) {
	driven := map[*accountService]bool{}
	for _, c := range credentialCases {
		driven[c.svc] = true
	}
	for _, s := range accountServices {
		if s.credential != nil && !driven[s] {
			t.Errorf("%s is of the second shape but has no credentialCase", s.typeName())
		}
	}
}
