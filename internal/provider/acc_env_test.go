package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// Environment variables that point the acceptance tests at the live service instead of the emulator.
const (
	envLive          = "USEAPI_LIVE"
	envKlingEmail    = "USEAPI_KLING_EMAIL"
	envKlingPassword = "USEAPI_KLING_PASSWORD"
)

var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"useapi": func() (tfprotov6.ProviderServer, error) { return NewServer("test")(), nil },
}

var tokenSeq atomic.Int64

// accEnv is what one acceptance test runs against: its own emulator on its own port, or the live service.
type accEnv struct {
	emu   *emulator.Server // nil when live
	url   string
	token string
}

// newAccEnv starts an emulator for t, stopped when t ends. With USEAPI_LIVE=1 it targets useapi.net.
func newAccEnv(t *testing.T) *accEnv { return newAccEnvWith(t, emulator.Options{}) }

// newAccEnvWith is newAccEnv with an emulator shaped by opts, such as an account cap.
func newAccEnvWith(t *testing.T, opts emulator.Options) *accEnv {
	t.Helper()
	if live() {
		return &accEnv{token: os.Getenv(EnvToken), url: os.Getenv(EnvBaseURL)}
	}
	emu := emulator.New(opts)
	token := fmt.Sprintf("user:%d-acc%s", 1000+tokenSeq.Add(1), strings.ReplaceAll(t.Name(), "_", ""))
	emu.AddToken(token)
	// Served by Serve, which counts connections (ConnState) and can close and reopen its port (Restart faults).
	l, err := emu.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := l.Stop(); err != nil {
			t.Errorf("stopping the emulator: %v", err)
		}
	})
	return &accEnv{emu: emu, url: l.URL, token: token}
}

func live() bool { return os.Getenv(envLive) == "1" }

// needsEmulator skips a test that reaches into the service's internals, which only the emulator allows.
func (e *accEnv) needsEmulator(t *testing.T) {
	t.Helper()
	if e.emu == nil {
		t.Skip("needs the emulator: it changes the service out of band or counts requests")
	}
}

// providerBlock configures the provider for this environment.
func (e *accEnv) providerBlock() string {
	if e.emu == nil {
		return "provider \"useapi\" {}\n"
	}
	return e.providerBlockWithToken(e.token)
}

// providerBlockWithToken points the provider at this environment with another token, such as a wrong one.
func (e *accEnv) providerBlockWithToken(token string) string {
	return e.providerBlockWith(fmt.Sprintf("api_token = %q", token))
}

// providerBlockWith points the provider at this environment, with the given lines in the block.
func (e *accEnv) providerBlockWith(lines ...string) string {
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "api_token") }) {
		lines = append(lines, fmt.Sprintf("api_token = %q", e.token))
	}
	return fmt.Sprintf("provider \"useapi\" {\n  base_url = %q\n  %s\n}\n", e.url, strings.Join(lines, "\n  "))
}

// email names a test account; live, it is the one real Kling login the tests were given.
func (e *accEnv) email(name string) string {
	if e.emu == nil {
		return os.Getenv(envKlingEmail)
	}
	return name + "@example.com"
}

// password is the Kling password of email; the emulator accepts any for an email it was not told about.
func (e *accEnv) password(fallback string) string {
	if e.emu == nil {
		return os.Getenv(envKlingPassword)
	}
	return fallback
}

// resetCalls is a PreConfig: with expectCalls in Check, a step counts exactly the requests its plan and apply made.
func (e *accEnv) resetCalls() {
	if e.emu != nil {
		e.emu.ResetCalls()
	}
}

// emulatorCheck is a check of what the emulator holds or counted, usable as a ConfigStateCheck and, through
// fn, as a CheckDestroy. Live, there is nothing to look into, and tests that rely on it skip themselves.
type emulatorCheck struct {
	env   *accEnv
	check func(*emulator.Server) error
}

// CheckState runs the check after a step.
func (c emulatorCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.fn()(nil)
}

func (c emulatorCheck) fn() resource.TestCheckFunc {
	return func(*terraform.State) error {
		if c.env.emu == nil {
			return nil
		}
		return c.check(c.env.emu)
	}
}

// expectCalls checks the emulator's counters against want, keyed like "POST /v1/kling/accounts"; any
// route not in want must have had no request.
func (e *accEnv) expectCalls(want map[string]int) emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		got := emu.CallCounts()
		for k, v := range got {
			if v != want[k] {
				return fmt.Errorf("API calls %v, want %v", got, want)
			}
		}
		for k, v := range want {
			if got[k] != v {
				return fmt.Errorf("API calls %v, want %v", got, want)
			}
		}
		return nil
	}}
}

// expectAccounts checks that the service holds exactly these Kling emails with these max_jobs.
func (e *accEnv) expectAccounts(want map[string]int64) emulatorCheck {
	return e.expectServiceAccounts(emulator.Kling, want)
}

// expectServiceAccounts checks that the service holds exactly these account IDs with these max_jobs.
func (e *accEnv) expectServiceAccounts(svc emulator.Service, want map[string]int64) emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		got := map[string]int64{}
		for _, a := range emu.Accounts(e.token, svc) {
			got[a.ID] = a.MaxJobs
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("%s holds %v, want %v", svc, got, want)
		}
		return nil
	}}
}

// expectPassword checks the password the service received for an account.
func (e *accEnv) expectPassword(svc emulator.Service, id, want string) emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		for _, a := range emu.Accounts(e.token, svc) {
			if a.ID == id && a.Password == want {
				return nil
			}
		}
		return fmt.Errorf("%s does not hold password %q for %s", svc, want, id)
	}}
}

// expectUserAgent checks that requests name the provider's version and the CLI's, as support desks ask.
func (e *accEnv) expectUserAgent() emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		want := regexp.MustCompile(`^terraform-provider-useapi/test Terraform/\d+\.\d+\.\d+`)
		if got := emu.LastUserAgent(); !want.MatchString(got) {
			return fmt.Errorf("User-Agent %q, want it to match %s", got, want)
		}
		return nil
	}}
}

// accountAddr is the Kling account most single-service tests declare, as caseOf("kling").config does.
const accountAddr = "useapi_kling_account.test"

// Kling's call keys, as the emulator counts them.
var (
	postAccount   = emulator.Calls(emulator.Kling).Post
	listAccounts  = emulator.Calls(emulator.Kling).List
	getAccount    = emulator.Calls(emulator.Kling).Get
	deleteAccount = emulator.Calls(emulator.Kling).Delete
)

// errorRegexp matches the parts in order, however Terraform wrapped the lines of the diagnostic.
func errorRegexp(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
