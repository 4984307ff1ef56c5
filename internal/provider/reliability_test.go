package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// These tests run the built provider under the terraform CLI with many accounts, faults and signals, and
// then compare the state file with what the emulator holds: the two must agree exactly.

func skipUnlessAcc(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
}

// manyAccounts declares n accounts; shift changes every max_jobs, for an in-place update of all of them.
func manyAccounts(env *accEnv, n, shift int, providerLines ...string) string {
	return env.providerBlockWith(providerLines...) + fmt.Sprintf(`
resource "useapi_kling_account" "many" {
  count    = %d
  email    = "user${count.index}@example.com"
  max_jobs = 1 + (count.index + %d) %% 10
  password = "pw-${count.index}"
}
`, n, shift)
}

// expectAgreement fails unless the state and the service hold the same accounts, none of them tainted.
func expectAgreement(t *testing.T, env *accEnv, w *cliWorkspace, wantCount int) {
	t.Helper()
	state := w.stateAccounts()
	service := env.emu.Accounts(env.token, emulator.Kling)
	var diffs []string
	for _, a := range service {
		s, ok := state[a.Email]
		switch {
		case !ok:
			diffs = append(diffs, a.Email+" is at the service but not in state")
		case s.Tainted:
			diffs = append(diffs, a.Email+" is tainted in state")
		case s.MaxJobs != a.MaxJobs:
			diffs = append(diffs, fmt.Sprintf("%s has max_jobs %d in state, %d at the service", a.Email, s.MaxJobs, a.MaxJobs))
		}
		delete(state, a.Email)
	}
	for email := range state {
		diffs = append(diffs, email+" is in state but not at the service")
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("state and service disagree:\n%s", strings.Join(diffs, "\n"))
	}
	if len(service) != wantCount {
		t.Fatalf("the service holds %d accounts, want %d", len(service), wantCount)
	}
}

func expectEmptyPlan(t *testing.T, w *cliWorkspace) {
	t.Helper()
	if r := w.run(nil, "plan", "-detailed-exitcode", "-input=false"); r.err != nil {
		t.Fatalf("the plan after apply is not empty (%v):\n%s\n%s", r.err, r.stdout, r.stderr)
	}
}

func totalCalls(env *accEnv) int {
	n := 0
	for _, c := range env.emu.CallCounts() {
		n += c
	}
	return n
}

// TestAccFaultStorm applies, refreshes, updates and destroys 24 accounts while 30% of requests fail with a
// mix of 429 + Retry-After, 500, a 503 HTML page, dropped connections and POSTs applied with the answer lost.
func TestAccFaultStorm(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	const n = 24
	env.emu.SetFaultRate(0.3, 2026,
		emulator.Fault{Kind: emulator.TooManyRequests, RetryAfter: "1"},
		emulator.Fault{Kind: emulator.InternalError},
		emulator.Fault{Kind: emulator.UnavailableHTML},
		emulator.Fault{Kind: emulator.DropConnection},
		emulator.Fault{Kind: emulator.LoseAnswer},
	)
	w := newCLIWorkspace(t, manyAccounts(env, n, 0, "max_retries = 10"))
	minimum := 0

	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	minimum += n // one POST each
	expectAgreement(t, env, w, n)

	expectEmptyPlan(t, w) // its refresh reads every account through the faults
	minimum += n

	w.write(manyAccounts(env, n, 3, "max_retries = 10"))
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	minimum += 2 * n // a refresh GET and an update POST each
	expectAgreement(t, env, w, n)

	w.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	minimum += 2 * n // a refresh GET and a DELETE each
	expectAgreement(t, env, w, 0)

	// The storm must really have happened for the agreement to mean anything.
	if got := totalCalls(env); got < minimum+minimum/5 {
		t.Fatalf("%d requests for a minimum of %d: too few faults to test anything", got, minimum)
	}
}

// TestAccHighParallelism applies and destroys 100 accounts at -parallelism=50.
func TestAccHighParallelism(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	const n = 100
	// Long enough that Terraform can dispatch 50 operations before the first finishes, even on 2 busy cores.
	env.emu.SetLatency(200 * time.Millisecond)
	w := newCLIWorkspace(t, manyAccounts(env, n, 0))

	w.mustRun(nil, "apply", "-auto-approve", "-input=false", "-parallelism=50")
	expectAgreement(t, env, w, n)
	if peak := env.emu.PeakConcurrency(); peak < 40 || peak > 50 {
		t.Errorf("at most %d requests were in flight at once; -parallelism=50 should give close to 50", peak)
	}
	// One provider process shares one connection pool: connections are reused, not opened per request.
	if conns := env.emu.Connections(); conns > 60 {
		t.Errorf("%d connections for %d requests: the pool is not shared", conns, n)
	}

	env.resetCalls()
	w.mustRun(nil, "destroy", "-auto-approve", "-input=false", "-parallelism=50")
	expectAgreement(t, env, w, 0)
	if got := env.emu.CallCounts(); got[getAccount] != n || got[deleteAccount] != n || len(got) != 2 {
		t.Fatalf("destroy made %v, want %d GETs and %d DELETEs", got, n, n)
	}
}

// TestAccRequestTimeout hangs the service past request_timeout: the apply fails in bounded time with a
// clear error, and the next apply converges.
func TestAccRequestTimeout(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.FailNext(2, emulator.Fault{Kind: emulator.Hang})
	w := newCLIWorkspace(t, manyAccounts(env, 1, 0, `request_timeout = "1s"`, "max_retries = 1"))

	start := time.Now()
	r := w.run(nil, "apply", "-auto-approve", "-input=false")
	if r.err == nil {
		t.Fatal("the apply succeeded against a hung service")
	}
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("the apply took %v to give up; request_timeout is 1s and max_retries 1", elapsed)
	}
	if !errorRegexp("Unable to create Kling account", "no answer within the request timeout of 1s", "(after 2 attempts)", "request_timeout").MatchString(r.stderr) {
		t.Fatalf("unclear error:\n%s", r.stderr)
	}

	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectAgreement(t, env, w, 1)
	expectEmptyPlan(t, w)
}

// TestAccInterruptedApply sends SIGINT to terraform in the middle of an apply: every account the service
// holds must be known to state at once, and the next apply must converge.
func TestAccInterruptedApply(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	const n = 30
	env.emu.SetLatency(300 * time.Millisecond)
	w := newCLIWorkspace(t, manyAccounts(env, n, 0))

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := w.command(ctx, nil, &stdout, &stderr, "apply", "-auto-approve", "-input=false", "-parallelism=4")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for env.emu.CallCounts()[postAccount] < 6 {
		if ctx.Err() != nil {
			t.Fatal("the apply never got going")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("the interrupted apply claims success:\n%s", stdout.String())
	}

	state := w.stateAccounts()
	service := env.emu.Accounts(env.token, emulator.Kling)
	if len(service) == 0 || len(service) == n {
		t.Fatalf("the interrupt did not land mid-apply: the service holds %d of %d accounts", len(service), n)
	}
	for _, a := range service {
		if _, ok := state[a.Email]; !ok {
			t.Errorf("%s is at the service but unknown to state after the interrupt", a.Email)
		}
	}

	env.emu.SetLatency(0)
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectAgreement(t, env, w, n)
	expectEmptyPlan(t, w)
}

// TestAccWrongBaseURLLosesNothing points a working configuration at a path the service does not serve, as
// an easy slip of base_url does: every answer is a router's 404. The plan must not propose to create what
// exists, destroy must not claim success, and state and service keep every account.
func TestAccWrongBaseURLLosesNothing(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	good := manyAccounts(env, 2, 0) + "data \"useapi_kling_accounts\" \"all\" {}\n"
	w := newCLIWorkspace(t, good)
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectAgreement(t, env, w, 2)

	w.write(strings.Replace(good, fmt.Sprintf("base_url = %q", env.url), fmt.Sprintf("base_url = %q", env.url+"/api"), 1))
	for _, args := range [][]string{{"plan", "-input=false"}, {"destroy", "-auto-approve", "-input=false"}} {
		r := w.run(nil, args...)
		if r.err == nil || strings.Contains(r.stdout, "will be created") || strings.Contains(r.stdout, "Destroy complete") {
			t.Fatalf("terraform %s against a wrong base_url did not stop (%v):\n%s", args[0], r.err, r.stdout)
		}
		if !errorRegexp("404 Not Found", "404 page not found", "base_url (or USEAPI_BASE_URL) looks wrong").MatchString(r.stderr) {
			t.Fatalf("terraform %s: the error does not say the URL looks wrong:\n%s", args[0], r.stderr)
		}
		expectAgreement(t, env, w, 2)
	}

	w.write(good)
	expectEmptyPlan(t, w)
}

// TestAccAdoptionWarns declares an account that was configured by hand: the apply adopts it, and says so
// with the values it had.
func TestAccAdoptionWarns(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.PutAccount(env.token, emulator.Kling, emulator.Account{Email: "user0@example.com", Password: "old", MaxJobs: 6})
	w := newCLIWorkspace(t, manyAccounts(env, 2, 0))
	r := w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if !errorRegexp("Warning: Kling account already at useapi.net", "useapi.net already held user0@example.com (with max_jobs = 6)",
		"terraform destroy will remove it").MatchString(r.stdout) {
		t.Fatalf("no adoption warning:\n%s", r.stdout)
	}
	if strings.Count(r.stdout, "account already at useapi.net") != 1 {
		t.Fatalf("only user0 was adopted; user1 is new:\n%s", r.stdout)
	}
	expectAgreement(t, env, w, 2)
	if got := env.emu.CallCounts()[listAccounts]; got != 1 {
		t.Fatalf("%d list reads for two creates; one is shared by the run", got)
	}
}
