package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// These tests hold the provider to what each service answers: its own words decide the diagnostic, and
// the service-specific rules (defaults, password-less updates, paused accounts) hold through the CLI.

// TestAccAccount_siteLoginRefused: a wrong password is the AI site refusing the login, whatever status the
// service wraps it in (Kling's 400, Runway's 401, Dreamina's 500): one POST, no retry, a true diagnostic.
// Where the service does not document its words for it (PixVerse, Muse, ACE Music), the diagnostic gives
// the status and the words, with no advice read into them: not a bad API token, for one.
func TestAccAccount_siteLoginRefused(t *testing.T) {
	undocumented := map[string]*regexp.Regexp{
		"pixverse":  errorRegexp("400 Bad Request: Unable to sign in to PixVerse: wrong email or password", "useapi.net refused the request as sent"),
		"ace_music": errorRegexp("400 Bad Request: Unable to sign in to ACE Music: wrong email or password", "useapi.net refused the request as sent"),
		"muse":      regexp.MustCompile(errorRegexp("401 Unauthorized: Unable to sign in to Meta: wrong email or password").String() + `\s*$`),
	}
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		env.emu.AddUser(c.emu, "a@example.com", "the-right-one")
		// An account configured before, as when a configuration adopts it: a refused login must not touch it.
		env.emu.PutAccount(env.token, c.emu, emulator.Account{Email: "old@example.com", Region: c.region, Password: "p", MaxJobs: c.jobs(2)})
		env.emu.AddUser(c.emu, "old@example.com", "p")
		for _, email := range []string{"a@example.com", "old@example.com"} {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig:   env.resetCalls,
					Config:      c.config(env, email, c.jobs(1), "a-wrong-one"),
					ExpectError: cmp.Or(undocumented[c.svc.name], errorRegexp("Unable to create "+c.svc.title+" account", c.svc.title+" refused the account's own login, not the useapi.net API token")),
				}},
			})
			// The list that checks for an existing account, and one POST: no retry, no read-back.
			if got, want := env.emu.CallCounts(), plus(c.calls().List, 1, c.calls().Post, 1); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s: calls %v, want %v", email, got, want)
			}
		}
		if got := env.emu.Accounts(env.token, c.emu); len(got) != 1 || got[0].Email != "old@example.com" || got[0].MaxJobs != c.jobs(2) {
			t.Fatalf("a refused login changed the accounts: %+v", got)
		}
	})
}

// TestAccAccount_defaultMaxJobs: where max_jobs may be left out, the service's default shows in state and
// the next plan is empty.
func TestAccAccount_defaultMaxJobs(t *testing.T) {
	hasDefault := func(c serviceCase) bool { return c.svc.maxJobs.byDefault > 0 }
	forServices(t, hasDefault, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: env.providerBlock() + c.resourceBlock(`email = "d@example.com"`+"\n"+`password = "pw"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(c.svc.maxJobs.byDefault)),
					env.expectServiceAccounts(c.emu, map[string]int64{c.id("d@example.com"): c.svc.maxJobs.byDefault}),
				},
			}},
		})
	})
}

// TestAccAccount_jobsOnlyUpdateSendsNoPassword: Muse and ACE Music change max_jobs without a login, so such
// an update works with an unchanged write-only password, even after the owner changed the site's password.
func TestAccAccount_jobsOnlyUpdateSendsNoPassword(t *testing.T) {
	withoutPassword := func(c serviceCase) bool { return c.svc.passwordOptionalForJobs }
	forServices(t, withoutPassword, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		env.emu.AddUser(c.emu, "m@example.com", "first")
		cfg := func(jobs int) string {
			return env.providerBlock() + `
variable "password" {
  type      = string
  ephemeral = true
}
` + c.resourceBlock(fmt.Sprintf("email = \"m@example.com\"\nmax_jobs = %d\npassword_wo = var.password\npassword_wo_version = 1", jobs))
		}
		vars := config.Variables{"password": config.StringVariable("first")}
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg(2), ConfigVariables: vars},
				{
					// A login with the configured password would now be refused: only a password-less POST succeeds.
					PreConfig:       func() { env.emu.AddUser(c.emu, "m@example.com", "changed-by-the-owner") },
					Config:          cfg(4),
					ConfigVariables: vars,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{
						env.expectServiceAccounts(c.emu, map[string]int64{"m@example.com": 4}),
						env.expectPassword(c.emu, "m@example.com", "first"),
					},
				},
			},
		})
	})
}

// TestAccMuseAccount_securityCheck: when Meta asks for a security check the service saves the account but
// answers 596. State knows the account and why it is paused; once the owner has signed in, the next apply
// adds it again and the plan is empty.
func TestAccMuseAccount_securityCheck(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	muse := caseOf("muse")
	cfg := muse.config(env, "m@example.com", 3, "pw")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectServiceAccounts(emulator.Muse, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { env.emu.RequireSecurityCheck("m@example.com", true) },
				Config:             cfg,
				ExpectNonEmptyPlan: true, // the paused account plans its re-adding
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(muse.addr(), tfjsonpath.New("error"), knownvalue.StringRegexp(regexp.MustCompile("security check"))),
					env.expectServiceAccounts(emulator.Muse, map[string]int64{"m@example.com": 3}),
				},
			},
			{
				PreConfig: func() { env.emu.RequireSecurityCheck("m@example.com", false) },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(muse.addr(), plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(muse.addr(), tfjsonpath.New("error"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccDreaminaAccount_neverClaimsCredits: no step of a lifecycle reads one Dreamina account, since that
// read may claim the day's free credits.
func TestAccDreaminaAccount_neverClaimsCredits(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	dreamina := caseOf("dreamina")
	id := dreamina.id("d@example.com")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := env.emu.CreditClaims(env.token, id); n != 0 || env.emu.CallCounts()[dreamina.calls().Get] != 0 {
				return fmt.Errorf("%d credit claims, calls %v", n, env.emu.CallCounts())
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: dreamina.config(env, "d@example.com", 5, "pw")},
			{Config: dreamina.config(env, "d@example.com", 6, "pw")},
			{ResourceName: dreamina.addr(), ImportState: true, ImportStateId: id, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password"}},
		},
	})
}

// TestAccDataSource_retryAfterPastTheDeadline: a data source is bounded too, and a wait the service asks
// for that cannot fit fails at once with the service's words rather than a bare deadline.
func TestAccDataSource_retryAfterPastTheDeadline(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.FailNext(1, emulator.Fault{Kind: emulator.TooManyRequests, RetryAfter: "120"})
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerBlock() + `
data "useapi_kling_accounts" "all" {
  timeouts {
    read = "6s"
  }
}
`,
			ExpectError: errorRegexp("Unable to list Kling accounts", "429 Too Many Requests", "it asked to wait 2m0s, more than the", "this operation had left"),
		}},
	})
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Fatalf("took %v: the provider waited for a Retry-After it could not afford", elapsed)
	}
}

// TestAccProvider_unreachableHost: a host that refuses connections is reported in seconds, as a request
// that never reached the service, and nothing is kept in state.
func TestAccProvider_unreachableHost(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf("provider \"useapi\" {\n  api_token = \"user:1-x\"\n  base_url = \"http://%s\"\n}\n", addr) + minimalAccount,
			ExpectError: errorRegexp("Unable to create Kling account", "connection refused", "The request never reached useapi.net", "base_url"),
		}},
	})
	if elapsed := time.Since(start); elapsed > 20*time.Second {
		t.Fatalf("took %v to report a refused connection", elapsed)
	}
}

// TestAccSubscriptionDataSource reads the subscription, and a precondition on it stops a plan.
func TestAccSubscriptionDataSource(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.SetSubscription(env.token, emulator.Subscription{Email: "me@example.com", Name: "Me", Subscriptions: 2, MaxAccountsPerAPI: 6, Renewed: "261101"})
	env.emu.PutAccount(env.token, emulator.Runway, emulator.Account{Email: "r1@example.com", Password: "p", MaxJobs: 1})
	env.emu.PutAccount(env.token, emulator.Runway, emulator.Account{Email: "r2@example.com", Password: "p", MaxJobs: 1})
	env.emu.SetAccountError(env.token, emulator.Runway, "r2@example.com", "Session expired")
	// Accounts of the second shape count as the others do.
	env.emu.PutAccount(env.token, emulator.GoogleFlow, emulator.Account{ID: "g@example.com"})
	env.emu.PutAccount(env.token, emulator.MiniMax, emulator.Account{ID: "1234567", MaxJobs: 2})
	env.emu.SetAccountError(env.token, emulator.MiniMax, "1234567", "Token expired")
	const addr = "data.useapi_subscription.this"
	guarded := env.providerBlock() + `
data "useapi_subscription" "this" {}
resource "terraform_data" "guard" {
  lifecycle {
    precondition {
      condition     = data.useapi_subscription.this.subscription_active
      error_message = "The useapi.net subscription is not active."
    }
  }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: guarded,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact("me@example.com")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("subscription_active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("subscriptions"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_accounts_per_service"), knownvalue.Int64Exact(6)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("renewed"), knownvalue.StringExact("261101")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("services"), knownvalue.MapExact(map[string]knownvalue.Check{
						"Runway API": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"total": knownvalue.Int64Exact(2), "active": knownvalue.Int64Exact(1), "error": knownvalue.Int64Exact(1),
						}),
						"Google Flow API": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"total": knownvalue.Int64Exact(1), "active": knownvalue.Int64Exact(1), "error": knownvalue.Int64Exact(0),
						}),
						"MiniMax API": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"total": knownvalue.Int64Exact(1), "active": knownvalue.Int64Exact(0), "error": knownvalue.Int64Exact(1),
						}),
					})),
				},
			},
			{
				PreConfig:   func() { env.emu.SetSubscriptionActive(env.token, false) },
				Config:      guarded,
				ExpectError: errorRegexp("The useapi.net subscription is not active."),
			},
		},
	})
}

// TestErrorHints: the advice follows what happened, not a guess from the status alone.
func TestErrorHints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{&useapi.TransportError{Err: context.Canceled}, "Terraform was interrupted"},
		// A read-back interrupted before it was sent says nothing of the write it follows, which was taken.
		{&useapi.ReadBackError{Err: &useapi.TransportError{Err: context.Canceled, Outcome: useapi.NotApplied}}, "The change itself was made"},
		{&useapi.TransportError{Err: context.DeadlineExceeded}, "ran out of time"},
		{&useapi.TransportError{Err: &useapi.NotSentError{Err: errors.New("connection refused")}}, "never reached useapi.net"},
		{&useapi.APIError{StatusCode: 404, Message: "404 page not found"}, "base_url (or USEAPI_BASE_URL) looks wrong"},
		{&useapi.APIError{StatusCode: 401, Message: "Unauthorized"}, "Check the useapi.net API token"},
		{&useapi.APIError{StatusCode: 401, Message: "This account has been suspended."}, "Runway refused the account's own login"},
		{&useapi.APIError{StatusCode: 402, Message: "Subscription required"}, "missing or has lapsed"},
		{&useapi.APIError{StatusCode: 402, Message: "Your subscription allows up to 3 Runway accounts"}, ""},
		{&useapi.APIError{StatusCode: 401, Message: "Token expired"}, ""},
		{&useapi.TransportError{Err: context.Canceled, Outcome: useapi.NotApplied}, "before this request reached useapi.net, so nothing was changed"},
		{&useapi.TransportError{Err: &useapi.NotSentError{Err: errors.New("connection refused")}, Outcome: useapi.Unobserved}, "an earlier one reached it and got no definite answer"},
		{&useapi.APIError{StatusCode: 429, Message: "Too many requests", RetryAfter: time.Minute}, "so the wait the service asks for fits"},
		{&useapi.APIError{StatusCode: 596, Message: "Session expired"}, "Apply again: the plan adds it anew"},
		{&useapi.APIError{StatusCode: 400, Message: "Parameter maxJobs (11) valid range: 1…10"}, "max_jobs (from 1 to 10)"},
	}
	for _, tt := range tests {
		if got := errorHint(runwayService, tt.err); tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("hint for %v = %q, want it to say %q", tt.err, got, tt.want)
		}
	}
}
