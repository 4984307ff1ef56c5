package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

// TestAccSecretsStayOutOfOutput runs the built provider under the real terraform CLI with TF_LOG=trace and
// reads everything Terraform wrote: the token and the Kling passwords must appear nowhere but where
// documented (password, not password_wo, is kept in state).
func TestAccSecretsStayOutOfOutput(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	const (
		statePassword = "In-State-Pa55word"
		woPassword    = "Write-Only-Pa55word"
		woPassword2   = "Second-Write-Only-Pa55word"
		wrongPassword = "Wrong-Kling-Pa55word"
	)
	env.emu.AddUser(emulator.Kling, "refused@example.com", "something-else")
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	config := func(version int, withRefused bool) string {
		cfg := fmt.Sprintf(`
provider "useapi" {
  base_url = %q
}
variable "kling_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "useapi_kling_account" "in_state" {
  email    = "state@example.com"
  max_jobs = 2
  password = %q
}
resource "useapi_kling_account" "write_only" {
  email               = "wo@example.com"
  max_jobs            = 3
  password_wo         = var.kling_password
  password_wo_version = %[3]d
}
`, env.url, statePassword, version)
		// One account of every other service: Runway and PixVerse answer with a session token of their own.
		for _, c := range serviceCases {
			if c.emu == emulator.Kling {
				continue
			}
			cfg += c.resourceBlock(fmt.Sprintf("email = \"wo@example.com\"\nmax_jobs = 1\npassword_wo = var.kling_password\npassword_wo_version = %d", version))
		}
		if withRefused {
			cfg += fmt.Sprintf("resource \"useapi_kling_account\" \"refused\" {\n  email = \"refused@example.com\"\n  max_jobs = 1\n  password = %q\n}\n", wrongPassword)
		}
		return cfg
	}
	w := newCLIWorkspace(t, config(1, false),
		"USEAPI_TOKEN="+env.token, "TF_LOG=trace", "TF_LOG_PATH="+logPath, "TF_VAR_kling_password="+woPassword)

	var printed strings.Builder
	collect := func(r cliResult) { printed.WriteString(r.stdout + r.stderr) }
	collect(w.mustRun(nil, "apply", "-auto-approve"))
	// A new write-only password, sent by bumping the version; then a failing create with a wrong password.
	w.write(config(2, false))
	collect(w.mustRun([]string{"TF_VAR_kling_password=" + woPassword2}, "plan"))
	collect(w.mustRun([]string{"TF_VAR_kling_password=" + woPassword2}, "apply", "-auto-approve"))
	w.write(config(2, true))
	failed := w.run([]string{"TF_VAR_kling_password=" + woPassword2}, "apply", "-auto-approve")
	collect(failed)
	if failed.err == nil || !errorRegexp("password is incorrect").MatchString(failed.stderr) {
		t.Fatalf("the wrong Kling password was not refused:\n%s", failed.stderr)
	}

	// The checks below only mean something if the secrets really went to the service through the logged path.
	accounts := env.emu.Accounts(env.token, emulator.Kling)
	if len(accounts) != 2 || accounts[0].Password != statePassword || accounts[1].Password != woPassword2 {
		t.Fatalf("service holds %+v", accounts)
	}
	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	logText := string(logData)
	for _, c := range serviceCases {
		if got := env.emu.Accounts(env.token, c.emu); c.emu != emulator.Kling && (len(got) != 1 || got[0].Password != woPassword2) {
			t.Fatalf("%s holds %+v", c.emu, got)
		}
	}
	// The services' own session tokens passed through the log, masked: "eyJ" opens every one the emulator makes.
	for _, want := range []string{"sending request to useapi.net", `request_body="{\"email\":`, "[TRACE]", `\"token\":\"[REDACTED]\"`} {
		if !strings.Contains(logText, want) {
			t.Fatalf("the trace log lacks %q, so it does not show the provider's requests", want)
		}
	}

	tokenSecretPart := env.token[strings.Index(env.token, "-")+1:]
	state := w.readFile("terraform.tfstate")
	places := map[string]string{"printed output": printed.String(), "trace log": logText, "state": state}
	for place, text := range places {
		for _, secret := range []string{env.token, tokenSecretPart, woPassword, woPassword2, wrongPassword, "eyJ"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s contains the secret %q", place, secret)
			}
		}
		if place != "state" && strings.Contains(text, statePassword) {
			t.Errorf("%s contains the password %q", place, statePassword)
		}
	}
	// password is documented to live in state (marked sensitive); this proves the grep above can see it.
	if !strings.Contains(state, statePassword) {
		t.Error("state lacks the password of the password-style account")
	}
}

// TestAccSecretsEchoedInEveryForm runs the built provider under terraform with TF_LOG=trace against a
// service that echoes the password a POST carried in its refusals and in the error it stores for an account,
// after a preamble that puts the password across the byte where the client cuts a message. Neither the
// printed output, nor the trace log, nor the state may show a write-only password in any form: as sent,
// JSON-escaped with or without HTML escaping, with its white space folded, or Go-quoted as hclog writes a
// value. It covers a refused Kling login and a Muse login paused by a security check (596), whose words
// become the computed error attribute that state and plans show; the service answers in JSON, then in
// plain text.
func TestAccSecretsEchoedInEveryForm(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	for name, plain := range map[string]bool{"JSON": false, "plain text": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkEchoedSecrets(t, plain)
		})
	}
}

func checkEchoedSecrets(t *testing.T, plain bool) {
	env := newAccEnv(t)
	env.needsEmulator(t)
	const (
		klingPassword = "pa  ss\t<&>\"wörd-1"
		musePassword  = "x&y<z>\"q  r-2"
	)
	env.emu.EchoSecrets(true)
	if plain {
		env.emu.EchoSecretsPlain(true)
	}
	env.emu.AddUser(emulator.Kling, "refused@example.com", "something-else")
	env.emu.RequireSecurityCheck("checked@example.com", true)
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	config := fmt.Sprintf(`
provider "useapi" {
  base_url = %q
}
variable "kling_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
variable "muse_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "useapi_kling_account" "refused" {
  email               = "refused@example.com"
  max_jobs            = 1
  password_wo         = var.kling_password
  password_wo_version = 1
}
resource "useapi_muse_account" "checked" {
  email               = "checked@example.com"
  max_jobs            = 1
  password_wo         = var.muse_password
  password_wo_version = 1
}
`, env.url)
	w := newCLIWorkspace(t, config, "USEAPI_TOKEN="+env.token, "TF_LOG=trace", "TF_LOG_PATH="+logPath,
		"TF_VAR_kling_password="+klingPassword, "TF_VAR_muse_password="+musePassword)

	var printed strings.Builder
	failed := w.run(nil, "apply", "-auto-approve")
	printed.WriteString(failed.stdout + failed.stderr)
	if failed.err == nil || !errorRegexp("password is incorrect", "[REDAC").MatchString(failed.stderr) {
		t.Fatalf("the wrong Kling password was not refused with its echo masked:\n%s\n%s", failed.stdout, failed.stderr)
	}
	if !errorRegexp("Muse account saved, but it needs attention", "security check", "[REDAC").MatchString(failed.stdout + failed.stderr) {
		t.Fatalf("the Muse security check is not reported with its echo masked:\n%s\n%s", failed.stdout, failed.stderr)
	}
	// The state as terraform shows it, and a plan that shows the error attribute (without a refresh: a
	// read carries no password to mask, see below).
	printed.WriteString(w.mustRun(nil, "show").stdout)
	plan := w.mustRun(nil, "plan", "-refresh=false")
	printed.WriteString(plan.stdout + plan.stderr)
	if !errorRegexp("error", "security check", "[REDAC").MatchString(plan.stdout) {
		t.Fatalf("the plan does not show the Muse account's error:\n%s", plan.stdout)
	}

	// The checks below mean something only if the service did echo the passwords: Muse stores its error
	// with the password in it, and a refusal of the Kling login carries it JSON-escaped (as \u003c…), or
	// as it is in plain text.
	muse := env.emu.Accounts(env.token, emulator.Muse)
	if len(muse) != 1 || muse[0].Password != musePassword || !strings.Contains(muse[0].Error, musePassword) {
		t.Fatalf("Muse holds %+v, want the account with its password echoed in its error", muse)
	}
	echoed := leaktest.JSONInner(klingPassword, true)
	if plain {
		echoed = klingPassword
	}
	if answer := postKling(t, env, "refused@example.com", klingPassword); !strings.Contains(answer, echoed) {
		t.Fatalf("the emulator's refusal does not echo the password as %q:\n%s", echoed, answer)
	}

	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	state := w.readFile("terraform.tfstate")
	if !errorRegexp("security check", "[REDAC").MatchString(state) {
		t.Fatalf("the state lacks the Muse account's error, masked:\n%s", state)
	}
	places := map[string]string{"printed output": printed.String(), "trace log": string(logData), "state": state}
	for place, text := range places {
		// Terraform wraps a diagnostic's lines and boxes them in "│": read it folded as well.
		folded := strings.Join(strings.Fields(strings.ReplaceAll(text, "│", " ")), " ")
		// A password cut in two at the end of a message must not show either half.
		for _, secret := range []string{klingPassword, musePassword, env.token, klingPassword[:len(klingPassword)/2],
			klingPassword[len(klingPassword)/2:], musePassword[:len(musePassword)/2], musePassword[len(musePassword)/2:]} {
			for _, form := range leaktest.Forms(secret) {
				if strings.Contains(text, form) || strings.Contains(folded, form) {
					t.Errorf("%s shows the secret %q as %q", place, secret, form)
				}
			}
		}
	}
}

// postKling posts a Kling account straight to the emulator and returns its answer's body.
func postKling(t *testing.T, env *accEnv, email, password string) string {
	t.Helper()
	body, err := json.Marshal(map[string]any{"email": email, "password": password, "maxJobs": 1})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, env.url+"/v1/kling/accounts", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+env.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
