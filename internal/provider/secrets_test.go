package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
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
