package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// serviceCase is one account service as these tests drive it. Every test in this file runs for each,
// so every service is held to the same rules.
type serviceCase struct {
	svc *accountService
	emu emulator.Service
	// region is the region configurations use, for a service whose identity has one.
	region string
	// refreshByList says the service's accounts are refreshed from its list, not their own URL.
	refreshByList bool
	// extraChecks check the service's own computed attributes after a create or update.
	extraChecks func(addr string) []statecheck.StateCheck
}

var serviceCases = []serviceCase{
	{svc: klingService, emu: emulator.Kling, extraChecks: sessionChecks("user_id", "expire_time", "expire_time_utc")},
	{svc: runwayService, emu: emulator.Runway, extraChecks: sessionChecks("user_id", "issued_at", "expires_at")},
	{svc: pixverseService, emu: emulator.PixVerse, extraChecks: sessionChecks("account_id", "username", "expire_time", "expire_time_utc")},
	{svc: dreaminaService, emu: emulator.Dreamina, region: "US", refreshByList: true, extraChecks: notNullChecks("session_expires")},
	{svc: museService, emu: emulator.Muse, refreshByList: true, extraChecks: notNullChecks("session_expires_at")},
	{svc: aceMusicService, emu: emulator.ACEMusic, refreshByList: true, extraChecks: notNullChecks("user_id", "plan")},
}

// caseOf is the case of the named service.
func caseOf(name string) serviceCase {
	for _, c := range serviceCases {
		if c.svc.name == name {
			return c
		}
	}
	panic("no service case " + name)
}

func sessionChecks(fields ...string) func(string) []statecheck.StateCheck {
	return func(addr string) []statecheck.StateCheck {
		var out []statecheck.StateCheck
		for _, f := range fields {
			out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New("session").AtMapKey(f), knownvalue.NotNull()))
		}
		return out
	}
}

func notNullChecks(names ...string) func(string) []statecheck.StateCheck {
	return func(addr string) []statecheck.StateCheck {
		var out []statecheck.StateCheck
		for _, n := range names {
			out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(n), knownvalue.NotNull()))
		}
		return out
	}
}

// forEachService runs test once per service, in parallel. Live, only Kling has credentials to test with.
func forEachService(t *testing.T, test func(t *testing.T, c serviceCase, env *accEnv)) {
	forServices(t, func(serviceCase) bool { return true }, test)
}

// forServices is forEachService for the services a rule applies to.
func forServices(t *testing.T, applies func(serviceCase) bool, test func(t *testing.T, c serviceCase, env *accEnv)) {
	t.Parallel()
	for _, c := range serviceCases {
		if !applies(c) {
			continue
		}
		t.Run(c.svc.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			if c.emu != emulator.Kling {
				env.needsEmulator(t)
			}
			test(t, c, env)
		})
	}
}

func (c serviceCase) addr() string             { return c.svc.typeName() + ".test" }
func (c serviceCase) id(email string) string   { return c.svc.accountID(c.region, email) }
func (c serviceCase) calls() emulator.CallKeys { return emulator.Calls(c.emu) }

// refresh is the call a refresh of one account makes.
func (c serviceCase) refresh() string {
	if c.refreshByList {
		return c.calls().List
	}
	return c.calls().Get
}

// plus adds counts of calls, so that a service whose refresh is its list counts both in one key.
func plus(counts ...any) map[string]int {
	out := map[string]int{}
	for i := 0; i < len(counts); i += 2 {
		out[counts[i].(string)] += counts[i+1].(int)
	}
	return out
}

// jobs is a valid max_jobs: the n-th value counted down from the service's maximum, starting over at the
// maximum past the minimum (ACE Music takes only 1 to 4).
func (c serviceCase) jobs(n int64) int64 {
	return c.svc.maxJobs.max - n%(c.svc.maxJobs.max-c.svc.maxJobs.min+1)
}

// resourceBlock is the resource "test" with the given arguments, plus the region where there is one.
func (c serviceCase) resourceBlock(args string) string {
	if c.region != "" && !strings.Contains(args, "region") {
		args = fmt.Sprintf("region = %q\n", c.region) + args
	}
	return fmt.Sprintf("resource %q \"test\" {\n%s\n}\n", c.svc.typeName(), args)
}

func (c serviceCase) config(env *accEnv, email string, maxJobs int64, password string) string {
	return env.providerBlock() + c.resourceBlock(fmt.Sprintf("email = %q\nmax_jobs = %d\npassword = %q", email, maxJobs, password))
}

// writeOnlyConfig feeds password_wo from an ephemeral variable, as the docs recommend.
func (c serviceCase) writeOnlyConfig(env *accEnv, email string, version int) string {
	return env.providerBlock() + `
variable "password" {
  type      = string
  sensitive = true
  ephemeral = true
}
` + c.resourceBlock(fmt.Sprintf("email = %q\nmax_jobs = %d\npassword_wo = var.password\npassword_wo_version = %d", email, c.jobs(1), version))
}

func TestAccAccount_lifecycle(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		first, second := env.email("first-"+c.svc.name), env.email("second-"+c.svc.name)
		password := env.password("first-Passw0rd")
		sameID := statecheck.CompareValue(compare.ValuesSame())
		addr := c.addr()
		steps := []resource.TestStep{
			{
				PreConfig: env.resetCalls,
				Config:    c.config(env, first, c.jobs(3), password),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(c.extraChecks(addr),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(c.id(first))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact(first)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(c.jobs(3))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()),
					statecheck.ExpectSensitiveValue(addr, tfjsonpath.New("password")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					// A create is one list read (is the account already there?) and one POST, whose answer
					// fills state: no read after it.
					env.expectCalls(plus(c.calls().List, 1, c.calls().Post, 1)),
					env.expectServiceAccounts(c.emu, map[string]int64{c.id(first): c.jobs(3)}),
					env.expectUserAgent(),
				),
			},
			{
				PreConfig: env.resetCalls,
				Config:    c.config(env, first, c.jobs(0), password),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(c.jobs(0))),
					sameID.AddStateValue(addr, tfjsonpath.New("id")),
					// The plan's refresh is one read, the update one POST.
					env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
					env.expectServiceAccounts(c.emu, map[string]int64{c.id(first): c.jobs(0)}),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     c.id(first),
				ImportStateVerify: true,
				// The service never returns the password, so an import cannot know it.
				ImportStateVerifyIgnore: []string{"password"},
			},
		}
		if env.emu != nil { // live, there is only one real login to test with
			steps = append(steps, resource.TestStep{
				PreConfig: env.resetCalls,
				Config:    c.config(env, second, c.jobs(0), password),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(c.id(second))),
					env.expectCalls(plus(c.refresh(), 1, c.calls().Delete, 1, c.calls().List, 1, c.calls().Post, 1)),
					env.expectServiceAccounts(c.emu, map[string]int64{c.id(second): c.jobs(0)}),
				},
			})
		}
		if c.region != "" {
			// A different region is a different account: changing it replaces the resource.
			moved := serviceCase{svc: c.svc, emu: c.emu, region: c.svc.regions[1]}
			steps = append(steps, resource.TestStep{
				Config: moved.config(env, second, c.jobs(0), password),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(moved.id(second))),
					env.expectServiceAccounts(c.emu, map[string]int64{moved.id(second): c.jobs(0)}),
				},
			})
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             env.expectServiceAccounts(c.emu, map[string]int64{}).fn(),
			Steps:                    steps,
		})
	})
}

func TestAccAccount_writeOnlyPassword(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t) // reads the password the service received
		email := env.email("wo")
		addr := c.addr()
		noPasswordInState := []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo"), knownvalue.Null()),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("password"), knownvalue.Null()),
		}
		secret := func(s string) config.Variables { return config.Variables{"password": config.StringVariable(s)} }
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             env.expectServiceAccounts(c.emu, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{
					PreConfig:       env.resetCalls,
					Config:          c.writeOnlyConfig(env, email, 1),
					ConfigVariables: secret("first-secret"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: append(noPasswordInState,
						env.expectPassword(c.emu, c.id(email), "first-secret"),
						env.expectCalls(plus(c.calls().List, 1, c.calls().Post, 1))),
				},
				{
					// Terraform cannot see a write-only value change: without a version bump nothing is sent.
					PreConfig:       env.resetCalls,
					Config:          c.writeOnlyConfig(env, email, 1),
					ConfigVariables: secret("second-secret"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectPassword(c.emu, c.id(email), "first-secret"),
						env.expectCalls(plus(c.refresh(), 1)),
					},
				},
				{
					PreConfig:       env.resetCalls,
					Config:          c.writeOnlyConfig(env, email, 2),
					ConfigVariables: secret("second-secret"),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: append(noPasswordInState,
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(2)),
						env.expectPassword(c.emu, c.id(email), "second-secret"),
						env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1))),
				},
				{
					ConfigVariables:         secret("second-secret"),
					ResourceName:            addr,
					ImportState:             true,
					ImportStateId:           c.id(email),
					ImportStateVerify:       true,
					ImportStateVerifyIgnore: []string{"password_wo_version"},
				},
			},
		})
	})
}

func TestAccAccount_switchPasswordStyle(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := env.email("switch")
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: c.config(env, email, c.jobs(1), "in-state")},
				{
					Config:          c.writeOnlyConfig(env, email, 1),
					ConfigVariables: config.Variables{"password": config.StringVariable("write-only")},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("password"), knownvalue.Null()),
						env.expectPassword(c.emu, c.id(email), "write-only"),
					},
				},
			},
		})
	})
}

func TestAccAccount_drift(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := env.email("drift")
		cfg := c.config(env, email, c.jobs(2), "pw")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					// Someone changes max_jobs outside Terraform: the refresh sees it and the apply puts it back.
					PreConfig: func() {
						env.emu.PutAccount(env.token, c.emu, emulator.Account{Email: email, Region: c.region, Password: "pw", MaxJobs: c.jobs(0)})
						env.resetCalls()
					},
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(c.jobs(2))),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
						env.expectServiceAccounts(c.emu, map[string]int64{c.id(email): c.jobs(2)}),
					},
				},
				{
					// Someone deletes the account outside Terraform: the refresh drops it and the apply adds it again.
					PreConfig: func() {
						env.emu.RemoveAccount(env.token, c.emu, c.id(email))
						env.resetCalls()
					},
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionCreate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectCalls(plus(c.refresh(), 1, c.calls().List, 1, c.calls().Post, 1)),
						env.expectServiceAccounts(c.emu, map[string]int64{c.id(email): c.jobs(2)}),
					},
				},
				{
					// Deleted outside Terraform and then destroyed: the service's own 404 counts as done.
					PreConfig: func() { env.emu.RemoveAccount(env.token, c.emu, c.id(email)) },
					Config:    cfg,
					Destroy:   true,
				},
			},
		})
	})
}

func TestAccAccount_importByBlockAndBadID(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := "existing@example.com"
		env.emu.PutAccount(env.token, c.emu, emulator.Account{Email: email, Region: c.region, Password: "old", MaxJobs: c.jobs(4)})
		importBlock := fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", c.addr(), c.id(email))
		cfg := c.config(env, email, c.jobs(4), "new")
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					// After an import the password is unknown to state, so the first apply sends the configured one.
					Config: cfg + importBlock,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectPassword(c.emu, c.id(email), "new"),
						env.expectServiceAccounts(c.emu, map[string]int64{c.id(email): c.jobs(4)}),
					},
				},
				{
					Config:        cfg,
					ResourceName:  c.addr(),
					ImportState:   true,
					ImportStateId: "not-an-email",
					ExpectError:   errorRegexp("Invalid import ID", "Import a "+c.svc.typeName()+" by its"),
				},
				{
					Config:        cfg,
					ResourceName:  c.addr(),
					ImportState:   true,
					ImportStateId: c.id("missing@example.com"),
					ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
				},
			},
		})
	})
}

// badInput is a resource body that must fail validation with want.
type badInput struct {
	name, body string
	want       *regexp.Regexp
}

// TestAccAccount_badInput checks that each mistake fails at validate or plan time with an error that
// names the attribute, before a single request reaches the service.
func TestAccAccount_badInput(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		lo, hi := c.svc.maxJobs.min, c.svc.maxJobs.max
		rangeText := func(n int64) *regexp.Regexp {
			return errorRegexp("max_jobs", fmt.Sprintf("between %d and %d, got: %d", lo, hi, n))
		}
		tests := []badInput{
			{"max_jobs too low", fmt.Sprintf("email = \"a@example.com\"\nmax_jobs = %d\npassword = \"p\"", lo-1), rangeText(lo - 1)},
			{"max_jobs too high", fmt.Sprintf("email = \"a@example.com\"\nmax_jobs = %d\npassword = \"p\"", hi+1), rangeText(hi + 1)},
			{"email empty", "email = \"\"\nmax_jobs = 1\npassword = \"p\"", errorRegexp("email", "must be an email address")},
			{"email not an email", "email = \"someone\"\nmax_jobs = 1\npassword = \"p\"", errorRegexp("email", "must be an email address")},
			{"email missing", "max_jobs = 1\npassword = \"p\"", errorRegexp(`The argument "email" is required`)},
			{"both passwords", "email = \"a@example.com\"\nmax_jobs = 1\npassword = \"p\"\npassword_wo = \"q\"\npassword_wo_version = 1", errorRegexp("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [password,password_wo]")},
			{"neither password", "email = \"a@example.com\"\nmax_jobs = 1", errorRegexp("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [password,password_wo]")},
			{"empty password", "email = \"a@example.com\"\nmax_jobs = 1\npassword = \"\"", errorRegexp("password", "length must be at least 1")},
			{"empty password_wo", "email = \"a@example.com\"\nmax_jobs = 1\npassword_wo = \"\"\npassword_wo_version = 1", errorRegexp("password_wo", "length must be at least 1")},
			{"password_wo without its version", "email = \"a@example.com\"\nmax_jobs = 1\npassword_wo = \"q\"", errorRegexp("password_wo_version", "must be specified when", "password_wo")},
			{"version without password_wo", "email = \"a@example.com\"\nmax_jobs = 1\npassword = \"p\"\npassword_wo_version = 1", errorRegexp("password_wo", "must be specified when", "password_wo_version")},
		}
		if c.svc.maxJobs.byDefault == 0 {
			tests = append(tests, badInput{"max_jobs missing", "email = \"a@example.com\"\npassword = \"p\"", errorRegexp(`The argument "max_jobs" is required`)})
		}
		if c.region != "" {
			tests = append(tests,
				badInput{"region unknown", "region = \"EU\"\nemail = \"a@example.com\"\nmax_jobs = 1\npassword = \"p\"", errorRegexp("region", `value must be one of: ["US" "CA"]`)},
				badInput{"region lower case", "region = \"us\"\nemail = \"a@example.com\"\nmax_jobs = 1\npassword = \"p\"", errorRegexp("region", `value must be one of`)},
			)
		}
		for _, tt := range tests {
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.providerBlock() + c.resourceBlock(tt.body),
					PlanOnly:    true,
					ExpectError: tt.want,
				}},
			})
		}
		if env.emu != nil && len(env.emu.CallCounts()) != 0 {
			t.Fatalf("bad input reached the service: %v", env.emu.CallCounts())
		}
	})
}

// TestAccAccount_errorStateIsHealed: an account the service reports in an error state stays in state with
// the reason, the plan adds it again in place, and one POST later the plan is empty.
func TestAccAccount_errorStateIsHealed(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := env.email("broken")
		cfg := c.config(env, email, c.jobs(1), "pw")
		const reason = "Session expired, please add the account again"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					// The refresh keeps the account, with the service's reason.
					PreConfig:          func() { env.emu.SetAccountError(env.token, c.emu, c.id(email), reason) },
					RefreshState:       true,
					ExpectNonEmptyPlan: true,
					Check: resource.ComposeTestCheckFunc(
						resource.TestCheckResourceAttr(c.addr(), "error", reason),
						resource.TestCheckResourceAttr(c.addr(), "max_jobs", fmt.Sprint(c.jobs(1))),
					),
				},
				{
					PreConfig: env.resetCalls,
					Config:    cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectUnknownValue(c.addr(), tfjsonpath.New("error")),
						},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
						env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
						env.expectServiceAccounts(c.emu, map[string]int64{c.id(email): c.jobs(1)}),
					},
				},
			},
		})
	})
}

// TestAccAccount_timeoutsOnlyChangeMakesNoCall: a change the service does not hold costs no login, and the
// plan keeps every computed value known.
func TestAccAccount_timeoutsOnlyChangeMakesNoCall(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := env.email("calm")
		args := fmt.Sprintf("email = %q\nmax_jobs = %d\npassword = \"pw\"", email, c.jobs(1))
		withTimeout := func(d string) string {
			return env.providerBlock() + c.resourceBlock(args+"\ntimeouts {\n  update = \""+d+"\"\n}")
		}
		known := []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New("error"), knownvalue.Null()),
		}
		for _, x := range c.svc.extras {
			known = append(known, plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New(x.name), knownvalue.NotNull()))
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: withTimeout("5m")},
				{
					PreConfig:        env.resetCalls,
					Config:           withTimeout("7m"),
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: known},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectCalls(plus(c.refresh(), 1)),
					},
				},
			},
		})
	})
}

// TestAccAccount_createBeforeDestroyKeepsTheAccount: replacing an account with create_before_destroy posts
// the same account and then deletes the old object, which is that same account: it must stay.
func TestAccAccount_createBeforeDestroyKeepsTheAccount(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		email := env.email("cbd")
		cfg := env.providerBlock() + c.resourceBlock(fmt.Sprintf(
			"email = %q\nmax_jobs = %d\npassword = \"pw\"\nlifecycle {\n  create_before_destroy = true\n}", email, c.jobs(1)))
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			CheckDestroy:             env.expectServiceAccounts(c.emu, map[string]int64{}).fn(),
			Steps: []resource.TestStep{
				{Config: cfg},
				{
					PreConfig: env.resetCalls,
					Config:    cfg,
					Taint:     []string{c.addr()},
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionCreateBeforeDestroy)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectServiceAccounts(c.emu, map[string]int64{c.id(email): c.jobs(1)}),
						// The replacement's create posts; the deposed object's delete makes no call.
						env.expectCalls(plus(c.refresh(), 1, c.calls().List, 1, c.calls().Post, 1)),
					},
				},
			},
		})
	})
}
