package provider

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// These tests hold the provider to the rule that an outcome it could not observe is unknown, not absent:
// a create whose request may still be under way, or may have been applied by an earlier attempt, keeps
// its account in state, and what settles it later never deletes first.

// waitIdle waits for the emulator to finish what it is working on, such as a login its client gave up on.
func waitIdle(t *testing.T, env *accEnv) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := env.emu.WaitIdle(ctx); err != nil {
		t.Fatalf("the emulator did not finish its requests: %v", err)
	}
}

// waitListening waits, until deadline, for the emulator to accept connections again after a restart.
func waitListening(t *testing.T, env *accEnv, deadline time.Time) {
	t.Helper()
	host := strings.TrimPrefix(env.url, "http://")
	for {
		conn, err := (&net.Dialer{Timeout: time.Second}).DialContext(context.Background(), "tcp", host)
		if err == nil {
			_ = conn.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the emulator does not listen again: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// expectSettledInPlace applies a configuration whose one Kling account is kept with its outcome unknown:
// an in-place update settles it, with one POST, no DELETE and no list read (which only a create makes).
func expectSettledInPlace(t *testing.T, env *accEnv, w *cliWorkspace) {
	t.Helper()
	env.resetCalls()
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectAgreement(t, env, w, 1)
	expectEmptyPlan(t, w)
	if got := env.emu.CallCounts(); got[deleteAccount] != 0 || got[listAccounts] != 0 || got[postAccount] != 1 {
		t.Fatalf("settling made %v; want one POST, no list and no DELETE", got)
	}
}

// noDeletes is a check that the service was never asked to remove an account.
func (e *accEnv) noDeletes() emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		if n := emu.CallCounts()[deleteAccount]; n != 0 {
			return fmt.Errorf("%d DELETEs: settling an unknown outcome must never delete", n)
		}
		return nil
	}}
}

// TestAccKlingAccount_timeoutDuringLogin: the create's deadline comes while useapi.net is still logging
// in to Kling. Reading the account back at once finds nothing, which proves nothing: the service finishes
// the login afterwards. The account must be in state, so that the next apply settles it in place.
func TestAccKlingAccount_timeoutDuringLogin(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := slowCreateConfig(env, "2s")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:          func() { env.emu.SetLoginDelay(4 * time.Second) },
				Config:             cfg,
				ExpectNonEmptyPlan: true, // the unsettled account plans its sending again
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.StringExact(unsettledNote)),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("id"), knownvalue.StringExact("slow@example.com")),
				},
			},
			{
				// The service finished the login after the provider gave up: state already knows the account.
				PreConfig: func() {
					waitIdle(t, env)
					if got := env.emu.Accounts(env.token, emulator.Kling); len(got) != 1 {
						t.Fatalf("the delayed login did not land: %+v", got)
					}
					env.emu.SetLoginDelay(0)
					env.resetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(accountAddr, tfjsonpath.New("error")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.Null()),
					env.expectCalls(map[string]int{getAccount: 1, postAccount: 1}),
					env.expectAccounts(map[string]int64{"slow@example.com": 2}),
				},
			},
		},
	})
}

// TestAccInterruptedDuringLogin interrupts terraform while useapi.net is logging in to Kling: the account
// that the service holds a moment later must be in state already, the run must say that its outcome is
// unknown without also saying it was not created, and the next apply must settle it without a delete.
func TestAccInterruptedDuringLogin(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.SetLoginDelay(4 * time.Second)
	w := newCLIWorkspace(t, manyAccounts(env, 1, 0))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := w.command(ctx, nil, &stdout, &stderr, "apply", "-auto-approve", "-input=false")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for env.emu.CallCounts()[postAccount] < 1 {
		if ctx.Err() != nil {
			t.Fatal("the apply never posted the account")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // well inside the login
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the interrupted apply claims success:\n%s", stdout.String())
	}
	out := stdout.String() + stderr.String()
	if !errorRegexp("Kling account kept; whether it was created is unknown", "interrupted while this request was under way",
		"may still be under way").MatchString(out) {
		t.Fatalf("the run does not say the outcome is unknown:\n%s", out)
	}
	if strings.Contains(out, "not created") || strings.Contains(out, "never reached") {
		t.Fatalf("the run contradicts itself:\n%s", out)
	}
	state := w.stateAccounts()
	if a, ok := state["user0@example.com"]; !ok || a.Tainted || a.Error != unsettledNote {
		t.Fatalf("state after the interrupt: %+v; want the account kept, untainted, with its outcome unknown", state)
	}

	waitIdle(t, env)
	if got := env.emu.Accounts(env.token, emulator.Kling); len(got) != 1 {
		t.Fatalf("the login the provider gave up on did not land: %+v", got)
	}
	env.emu.SetLoginDelay(0)
	expectSettledInPlace(t, env, w)
}

// TestAccRestartAfterLostAnswer: the create's first attempt is applied and its answer lost as the service
// restarts, so the retry, and the read-back after it, cannot connect. The last attempt alone would say
// the request never reached useapi.net; the account exists, so state must hold it, and the apply after
// the restart settles it without a delete.
func TestAccRestartAfterLostAnswer(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	const down = 4 * time.Second
	env.emu.FailNext(1, emulator.Fault{Kind: emulator.Restart, Method: "POST", Down: down})
	w := newCLIWorkspace(t, manyAccounts(env, 1, 0, "max_retries = 2"))
	start := time.Now()
	r := w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if strings.Contains(r.stdout+r.stderr, "never reached useapi.net") || !errorRegexp("whether it was created is unknown",
		"The last attempt could not connect to useapi.net, but an earlier one reached it").MatchString(r.stdout) {
		t.Fatalf("the apply does not say the outcome is unknown:\n%s\n%s", r.stdout, r.stderr)
	}
	if a, ok := w.stateAccounts()["user0@example.com"]; !ok || a.Tainted || a.Error != unsettledNote {
		t.Fatalf("state after the restart: %+v; want the account kept, untainted, its outcome unknown", w.stateAccounts())
	}
	waitListening(t, env, start.Add(down+time.Minute))
	if got := env.emu.Accounts(env.token, emulator.Kling); len(got) != 1 {
		t.Fatalf("the first attempt was not applied: %+v", got)
	}
	expectSettledInPlace(t, env, w)
}

// TestAccKlingAccount_adoptedLostAnswerNeverDeletes: an account configured before the apply whose create
// answer was lost cannot be told apart from one the create did not reach. It is kept, and settling it is
// an in-place POST: when that POST is refused too (the owner changed the Kling password), the working
// account is still at useapi.net, and state still holds it.
func TestAccKlingAccount_adoptedLostAnswerNeverDeletes(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "faulty@example.com", Password: "pw", MaxJobs: 2})
	env.emu.AddUser(emulator.Kling, "faulty@example.com", "pw")
	cfg := faultConfig(env, "2")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectAccounts(map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.FailNext(1, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"})
					env.emu.FailNext(2, emulator.Fault{Kind: emulator.UnavailableHTML, Method: "POST"})
					env.resetCalls()
				},
				Config:             cfg,
				ExpectNonEmptyPlan: true,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.StringExact(unsettledNote)),
				},
			},
			{
				PreConfig: func() {
					env.emu.AddUser(emulator.Kling, "faulty@example.com", "changed-by-the-owner")
					env.resetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				},
				ExpectError: errorRegexp("Unable to update Kling account", "password is incorrect"),
			},
			{
				PreConfig: func() {
					if got := env.emu.Accounts(env.token, emulator.Kling); len(got) != 1 || env.emu.CallCounts()[deleteAccount] != 0 {
						t.Fatalf("the refused re-send cost the account: %+v, calls %v", got, env.emu.CallCounts())
					}
					env.emu.AddUser(emulator.Kling, "faulty@example.com", "pw")
					env.resetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.noDeletes(),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("error"), knownvalue.Null()),
				},
			},
		},
	})
}

// cbdAccount is one Kling account replaced with create_before_destroy.
func cbdAccount(env *accEnv) string {
	return env.providerBlockWith("max_retries = 2") + `
resource "useapi_kling_account" "test" {
  email    = "own@example.com"
  max_jobs = 2
  password = "pw"
  lifecycle {
    create_before_destroy = true
  }
}
`
}

// TestAccReplaceOwnAccount: terraform apply -replace of an account, with create_before_destroy, posts
// the account again while the old object is still in state, and Terraform tells the create nothing of
// it. The account the service holds may be the configuration's own, and the apply must not claim an
// adoption; the old object's delete is skipped; and a lost answer during it is settled in place, never
// by a delete.
func TestAccReplaceOwnAccount(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	w := newCLIWorkspace(t, cbdAccount(env))
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")

	env.resetCalls()
	r := w.mustRun(nil, "apply", "-auto-approve", "-input=false", "-replace=useapi_kling_account.test")
	if strings.Contains(r.stdout, "account adopted") || !strings.Contains(r.stdout, "Warning: Kling account kept") ||
		!errorRegexp("Kling account already at useapi.net", "If this configuration is replacing its own account with "+
			"create_before_destroy", "that was the account itself").MatchString(r.stdout) {
		t.Fatalf("the replacement of the configuration's own account is not reported as what it may be:\n%s", r.stdout)
	}
	if got := env.emu.CallCounts(); got[deleteAccount] != 0 || got[postAccount] != 1 {
		t.Fatalf("the replacement made %v; want one POST and no DELETE", got)
	}
	expectAgreement(t, env, w, 1)

	// Every answer of the replacement's POST is lost: the read-back finds the account, held before, but
	// cannot tell whether the password reached it. It is kept, untainted, and settled in place.
	env.emu.FailNext(3, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"})
	env.resetCalls()
	r = w.mustRun(nil, "apply", "-auto-approve", "-input=false", "-replace=useapi_kling_account.test")
	if !errorRegexp("whether it was created is unknown", "as it did before this create").MatchString(r.stdout) {
		t.Fatalf("the lost answer of the replacement is not reported as unknown:\n%s", r.stdout)
	}
	if a := w.stateAccounts()["own@example.com"]; a.Tainted || a.Error != unsettledNote {
		t.Fatalf("state holds %+v; want the account untainted, its outcome unknown", a)
	}
	plan := w.run(nil, "plan", "-input=false")
	if !strings.Contains(plan.stdout, "will be updated in-place") || strings.Contains(plan.stdout, "must be replaced") {
		t.Fatalf("settling the replacement is not an in-place update:\n%s", plan.stdout)
	}
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectAgreement(t, env, w, 1)
	expectEmptyPlan(t, w)
	if got := env.emu.CallCounts(); got[deleteAccount] != 0 {
		t.Fatalf("%d DELETEs while replacing and settling the configuration's own account", got[deleteAccount])
	}
}

// TestAccMovedBlockKeepsTheAccount: renaming a resource with a moved block keeps the account: no delete,
// no create, only the refresh. (Without the moved block, Terraform would destroy the old address and
// create the new one; two provider blocks with the same token run as two processes, which cannot see each
// other's writes, so the moved block is the answer there too.)
func TestAccMovedBlockKeepsTheAccount(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	block := func(name string) string {
		return env.providerBlock() + `
resource "useapi_kling_account" "` + name + `" {
  email    = "moved@example.com"
  max_jobs = 2
  password = "pw"
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: block("old")},
			{
				PreConfig: env.resetCalls,
				Config:    block("new") + "moved {\n  from = useapi_kling_account.old\n  to   = useapi_kling_account.new\n}\n",
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("useapi_kling_account.new", plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCalls(map[string]int{getAccount: 1}),
					env.expectAccounts(map[string]int64{"moved@example.com": 2}),
				},
			},
		},
	})
}
