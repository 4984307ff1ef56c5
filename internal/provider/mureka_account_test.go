package provider

import (
	"fmt"
	"os"
	"path/filepath"
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
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

// Mureka's token way runs the whole second-shape suite (credentialCases); these tests drive what only
// Mureka has: the email and password way, and switching between the two on one account.

const murekaAddr = "useapi_mureka_account.test"

// murekaCase is Mureka's entry of credentialCases.
func murekaCase() credentialCase {
	for _, c := range credentialCases {
		if c.emu == emulator.Mureka {
			return c
		}
	}
	panic("no Mureka credential case")
}

// murekaConfig is the provider, the inputs of both ways, and the resource "test" with body.
func murekaConfig(env *accEnv, body string) string {
	return env.providerBlock() + `
variable "password" {
  type      = string
  sensitive = true
  default   = ""
}
variable "token" {
  type      = string
  sensitive = true
  default   = ""
}
variable "refresh_token" {
  type      = string
  sensitive = true
  default   = ""
}
resource "useapi_mureka_account" "test" {
` + body + "}\n"
}

// murekaVars are the inputs: a password, and a token with its refresh token.
func murekaVars(password string, token credential) config.Variables {
	return config.Variables{"password": config.StringVariable(password), "token": config.StringVariable(token.value),
		"refresh_token": config.StringVariable(token.part)}
}

// expectMode checks the way the emulated service holds the account by.
func expectMode(env *accEnv, id, want string) emulatorCheck {
	return emulatorCheck{env: env, check: func(emu *emulator.Server) error {
		for _, a := range emu.Accounts(env.token, emulator.Mureka) {
			if a.ID == id {
				if a.AuthMode != want {
					return fmt.Errorf("Mureka holds %s by %q, want %q", id, a.AuthMode, want)
				}
				return nil
			}
		}
		return fmt.Errorf("Mureka does not hold %s", id)
	}}
}

// TestAccMurekaAccount_switchWays: an account added with its email and password is the same account when
// it switches to its token and back, each switch an update in place that sends the way now configured;
// a token useapi.net has since refreshed is not sent again; and an account switched outside Terraform is
// sent the configured way again, because auth_mode shows the difference.
func TestAccMurekaAccount_switchWays(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := murekaCase()
	email := "switch@example.com"
	id := emulator.MurekaAccountID(email)
	token := c.issue(env, id)
	byEmail := fmt.Sprintf("email = %q\npassword = var.password\n", email)
	byEmailWO := fmt.Sprintf("email = %q\npassword_wo = var.password\npassword_wo_version = 1\n", email)
	byToken := "token_wo = var.token\nrefresh_token_wo = var.refresh_token\ntoken_wo_version = 1\n"
	vars := murekaVars("first-password", token)
	state := func(mode string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("account"), knownvalue.StringExact(id)),
			statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("auth_mode"), knownvalue.StringExact(mode)),
			statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("error"), knownvalue.Null()),
			c.expectHeld(env, map[string]int64{id: 0}),
			expectMode(env, id, mode),
		}
	}
	sent := func(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(murekaAddr, action),
				plancheck.ExpectUnknownValue(murekaAddr, tfjsonpath.New("account")),
				plancheck.ExpectUnknownValue(murekaAddr, tfjsonpath.New("auth_mode")),
			},
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		}
	}
	calls := c.calls()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig:        env.resetCalls,
				Config:           murekaConfig(env, byEmail),
				ConfigVariables:  vars,
				ConfigPlanChecks: sent(plancheck.ResourceActionCreate),
				ConfigStateChecks: append(state("email"),
					statecheck.ExpectSensitiveValue(murekaAddr, tfjsonpath.New("password")),
					env.expectCalls(plus(calls.List, 1, calls.Post, 1)), c.expectPosts(env, id, 1),
					env.expectPassword(emulator.Mureka, id, "first-password")),
			},
			{
				// To the token: the same account, updated in place, now held by the token.
				PreConfig:        env.resetCalls,
				Config:           murekaConfig(env, byToken),
				ConfigVariables:  vars,
				ConfigPlanChecks: sent(plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(state("token"),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("email"), knownvalue.Null()),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("password"), knownvalue.Null()),
					env.expectCalls(plus(calls.Get, 1, calls.Post, 1)), c.expectPosts(env, id, 2)),
			},
			{
				// useapi.net renews the token by itself: the configured one is stale, and nothing is sent.
				PreConfig: func() {
					if env.emu.RefreshCredentials(emulator.Mureka, id) != 1 {
						t.Error("the emulator refreshed nothing")
					}
					env.resetCalls()
				},
				Config:            murekaConfig(env, byToken),
				ConfigVariables:   vars,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: append(state("token"), env.expectCalls(plus(calls.Get, 1)), c.expectPosts(env, id, 2)),
			},
			{
				// Connected by its email outside Terraform: the configured token, which useapi.net has since
				// replaced, is not sent unasked (the plan warns), so the working account stays as it is.
				PreConfig: func() {
					env.emu.PutAccount(env.token, emulator.Mureka, emulator.Account{ID: id, Email: email, Password: "set-by-hand"})
					env.resetCalls()
				},
				Config:            murekaConfig(env, byToken),
				ConfigVariables:   vars,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: append(state("email"), env.expectCalls(plus(calls.Get, 1)), env.expectPassword(emulator.Mureka, id, "set-by-hand")),
			},
			{
				// Back to the email, now write-only.
				PreConfig:        env.resetCalls,
				Config:           murekaConfig(env, byEmailWO),
				ConfigVariables:  vars,
				ConfigPlanChecks: sent(plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(state("email"),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("token"), knownvalue.Null()),
					env.expectCalls(plus(calls.Get, 1, calls.Post, 1)), c.expectPosts(env, id, 3)),
			},
			{
				// Switched to a token outside Terraform: auth_mode shows it, and the email and password are
				// sent again although they are the ones last sent.
				PreConfig: func() {
					env.emu.PutAccount(env.token, emulator.Mureka, emulator.Account{ID: id, Credential: c.issue(env, id).value})
					env.resetCalls()
				},
				Config:           murekaConfig(env, byEmailWO),
				ConfigVariables:  vars,
				ConfigPlanChecks: sent(plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(state("email"), env.expectCalls(plus(calls.Get, 1, calls.Post, 1)),
					env.expectPassword(emulator.Mureka, id, "first-password")),
			},
			{
				// A new password goes with a bumped version; the account stays the same.
				PreConfig:         env.resetCalls,
				Config:            murekaConfig(env, strings.Replace(byEmailWO, "password_wo_version = 1", "password_wo_version = 2", 1)),
				ConfigVariables:   murekaVars("second-password", token),
				ConfigPlanChecks:  sent(plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(state("email"), env.expectCalls(plus(calls.Get, 1, calls.Post, 1)), env.expectPassword(emulator.Mureka, id, "second-password")),
			},
		},
	})
}

// TestAccMurekaAccount_newEmailIsAnotherAccount: a new email is sent, and when it signs in to another
// account the resource follows it, naming both, and the first account is left at useapi.net.
func TestAccMurekaAccount_newEmailIsAnotherAccount(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := murekaCase()
	first, second := "first-mail@example.com", "second-mail@example.com"
	firstID, secondID := emulator.MurekaAccountID(first), emulator.MurekaAccountID(second)
	vars := murekaVars("a-password", credential{})
	body := func(email string) string { return fmt.Sprintf("email = %q\npassword = var.password\n", email) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{firstID: 0}).fn(),
		Steps: []resource.TestStep{
			{Config: murekaConfig(env, body(first)), ConfigVariables: vars},
			{
				PreConfig:       env.resetCalls,
				Config:          murekaConfig(env, body(second)),
				ConfigVariables: vars,
				ExpectError:     errorRegexp("Mureka credential of another account", secondID, "not to "+firstID),
			},
			{
				Config:          murekaConfig(env, body(second)),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("account"), knownvalue.StringExact(secondID)),
					c.expectHeld(env, map[string]int64{firstID: 0, secondID: 0}),
				},
			},
		},
	})
}

// TestAccMurekaAccount_wrongPassword: Mureka's 401 for a refused login is reported as the account's own
// login, not as a bad API token, and nothing is kept.
func TestAccMurekaAccount_wrongPassword(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	email := "refused@example.com"
	env.emu.AddUser(emulator.Mureka, email, "the-right-password")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             murekaCase().expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{{
			Config:          murekaConfig(env, fmt.Sprintf("email = %q\npassword = var.password\n", email)),
			ConfigVariables: murekaVars("a-wrong-password", credential{}),
			ExpectError: errorRegexp("Unable to create Mureka account", "Wrong username/password combination",
				"Mureka refused the credential, not the useapi.net API token", "check the email and password"),
		}},
	})
}

// TestAccMurekaAccount_badInput: each wrong combination of the two ways fails at plan, naming the
// attribute, before any request reaches the service.
func TestAccMurekaAccount_badInput(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	token := murekaCase().issue(env, "1234567")
	env.resetCalls()
	tests := []badInput{
		{"nothing", "", errorRegexp("Missing token or email", "This plan needs the token or password", "or else `email` with `password`")},
		{"email without password", "email = \"a@example.com\"\n", errorRegexp(`"password" or "password_wo" must be specified when "email"`)},
		{"password without email", "password = var.password\n", errorRegexp(`"email" must be specified when "password"`)},
		{"write-only password without email", "password_wo = var.password\npassword_wo_version = 1\n", errorRegexp(`"email" must be specified when "password_wo"`)},
		{"write-only password without version", "email = \"a@example.com\"\npassword_wo = var.password\n", errorRegexp(`"password_wo_version" must be specified when "password_wo"`)},
		{"both ways", "email = \"a@example.com\"\npassword = var.password\ntoken = var.token\n", errorRegexp("Invalid Attribute Combination", "cannot be configured together")},
		// With known values, the combination itself is named, beside what each argument needs.
		{"email with the token", "email = \"a@example.com\"\ntoken = \"a.b.c\"\n", errorRegexp("Invalid Attribute Combination", "cannot be configured together", "email", "token")},
		{"refresh token with the password", "email = \"a@example.com\"\npassword = \"p\"\nrefresh_token = \"r\"\n",
			errorRegexp("Invalid Attribute Combination", "cannot be configured together", "refresh_token", "password")},
		{"refresh token without the token", "refresh_token = var.refresh_token\n", errorRegexp(`"token" must be specified when "refresh_token"`)},
		{"refresh token in the other form", "token = var.token\nrefresh_token_wo = var.refresh_token\n", errorRegexp(`"token_wo" must be specified when "refresh_token_wo"`)},
		{"not an email", "email = \"songs\"\npassword = var.password\n", errorRegexp("email", "must be an email address")},
		{"token not a JWT", "token = \"not-a-jwt\"\n", errorRegexp("token", "must be the Mureka access token")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:          murekaConfig(env, tt.body),
					ConfigVariables: murekaVars("a-password", token),
					PlanOnly:        true,
					ExpectError:     tt.want,
				}},
			})
		})
	}
	if calls := env.emu.CallCounts(); len(calls) > 0 {
		t.Fatalf("bad input reached the service: %v", calls)
	}
}

// TestAccMurekaPasswordStaysOutOfOutput runs the built provider under the real terraform CLI with
// TF_LOG=trace: an account added with a write-only password, one with the password kept in state, and
// a refused login whose refusal echoes the password. No password appears in the printed output or the
// trace log, and only the one kept by design appears in state.
func TestAccMurekaPasswordStaysOutOfOutput(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.EchoSecrets(true)
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	writeOnly, inState, wrong := `wo-pa  ss"wörd<&>`, "in-state-password-0123", "wrong-password-0123"
	env.emu.AddUser(emulator.Mureka, "refused@example.com", "the-right-one")
	cfg := func(refused bool) string {
		b := fmt.Sprintf("provider \"useapi\" {\n  base_url = %q\n}\n", env.url) + `
variable "wo" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "useapi_mureka_account" "wo" {
  email               = "write-only@example.com"
  password_wo         = var.wo
  password_wo_version = 1
}
resource "useapi_mureka_account" "in_state" {
  email    = "in-state@example.com"
  password = ` + hclString(inState) + `
}
`
		if refused {
			b += "resource \"useapi_mureka_account\" \"refused\" {\n  email = \"refused@example.com\"\n  password = " + hclString(wrong) + "\n}\n"
		}
		return b
	}
	w := newCLIWorkspace(t, cfg(false), "TF_VAR_wo="+writeOnly, "USEAPI_TOKEN="+env.token, "TF_LOG=trace", "TF_LOG_PATH="+logPath)
	var printed strings.Builder
	collect := func(r cliResult) { printed.WriteString(r.stdout + r.stderr) }
	collect(w.mustRun(nil, "apply", "-auto-approve"))
	w.write(cfg(true))
	failed := w.run(nil, "apply", "-auto-approve")
	collect(failed)
	if failed.err == nil || !errorRegexp("Unable to create Mureka account", "Wrong username/password combination").MatchString(failed.stderr) {
		t.Fatalf("the refused login was not reported:\n%s", failed.stderr)
	}
	collect(w.mustRun(nil, "show"))
	if err := env.expectPassword(emulator.Mureka, emulator.MurekaAccountID("write-only@example.com"), writeOnly).check(env.emu); err != nil {
		t.Fatalf("%v: the write-only password did not reach the service through the logged path", err)
	}
	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logData), `\"password\":\"[REDACTED]\"`) {
		t.Fatal("the trace log does not show the provider's requests, so the grep of it proves nothing")
	}
	state := readablePrivate(t, w.readFile("terraform.tfstate"))
	for place, text := range map[string]string{"printed output": printed.String(), "trace log": string(logData), "state": state} {
		for _, secret := range []string{writeOnly, wrong, inState} {
			if secret == inState && place == "state" {
				continue
			}
			for _, form := range leaktest.Forms(secret) {
				if strings.Contains(text, form) {
					t.Errorf("%s contains a password, in the form %q", place, form)
				}
			}
		}
	}
	if !strings.Contains(state, inState) {
		t.Error("state lacks the password kept in it, so the grep of state proves nothing")
	}
}

// TestAccMurekaAccount_lostAnswers: the email and password way is settled as the token's is. A create
// whose answers were lost is the one account that appeared; a switch of ways whose answer was lost keeps
// the account, marked, and the next apply sends the configured way again, which settles it.
func TestAccMurekaAccount_lostAnswers(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := murekaCase()
	email := "lost-answers@example.com"
	id := emulator.MurekaAccountID(email)
	vars := murekaVars("a-password", c.issue(env, id))
	provider := env.providerBlockWith("max_retries = 2")
	cfg := func(body string) string {
		return strings.Replace(murekaConfig(env, body), env.providerBlock(), provider, 1)
	}
	byEmail := fmt.Sprintf("email = %q\npassword = var.password\n", email)
	byToken := "token = var.token\nrefresh_token = var.refresh_token\n"
	lose := func() { env.emu.FailNext(3, emulator.Fault{Kind: emulator.LoseAnswer, Method: "POST"}) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig:       lose,
				Config:          cfg(byEmail),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("error"), knownvalue.Null()),
					expectMode(env, id, "email"),
				},
			},
			{
				PreConfig:       lose,
				Config:          cfg(byToken),
				ConfigVariables: vars,
				ExpectError:     errorRegexp("Unable to update Mureka account"),
			},
			{
				// Kept, marked: the plan sends the token again, and its answer settles the account.
				PreConfig:       env.resetCalls,
				Config:          cfg(byToken),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(murekaAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(murekaAddr, tfjsonpath.New("auth_mode")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("auth_mode"), knownvalue.StringExact("token")),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("error"), knownvalue.Null()),
					env.expectCalls(plus(c.calls().Get, 1, c.calls().Post, 1)),
					c.expectHeld(env, map[string]int64{id: 0}),
				},
			},
		},
	})
}

// TestAccMurekaAccount_refreshTokenRemovedAlone: the refresh token is optional, and removing it alone
// sends nothing: posting the token without it, stale once useapi.net renewed it, would break the account.
func TestAccMurekaAccount_refreshTokenRemovedAlone(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := murekaCase()
	id := c.identity("refresh-removed")
	vars := murekaVars("", c.issue(env, id))
	calls := c.calls()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{Config: murekaConfig(env, "token = var.token\nrefresh_token = var.refresh_token\n"), ConfigVariables: vars},
			{
				PreConfig: func() {
					if env.emu.RefreshCredentials(emulator.Mureka, id) != 1 {
						t.Error("the emulator refreshed nothing")
					}
					env.resetCalls()
				},
				Config:          murekaConfig(env, "token = var.token\n"),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(murekaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("refresh_token"), knownvalue.Null()),
					statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("error"), knownvalue.Null()),
					env.expectCalls(plus(calls.Get, 1)),
					c.expectPosts(env, id, 1),
				},
			},
		},
	})
}

// TestAccMurekaAccount_importByEmail: nothing of a password is kept, so the first apply after an import
// with the email way sends it, and the answer names the account it signs in to.
func TestAccMurekaAccount_importByEmail(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := murekaCase()
	email := "imported-by-email@example.com"
	id := emulator.MurekaAccountID(email)
	env.emu.PutAccount(env.token, emulator.Mureka, emulator.Account{Email: email, Password: "set-by-hand"})
	cfg := murekaConfig(env, fmt.Sprintf("email = %q\npassword = var.password\n", email)) +
		fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", murekaAddr, id)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{{
			PreConfig:       env.resetCalls,
			Config:          cfg,
			ConfigVariables: murekaVars("the-configured-one", credential{}),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(murekaAddr, tfjsonpath.New("account"), knownvalue.StringExact(id)),
				env.expectPassword(emulator.Mureka, id, "the-configured-one"),
				env.expectCalls(plus(c.calls().Get, 1, c.calls().Post, 1)),
			},
		}},
	})
}
