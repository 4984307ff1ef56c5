package provider

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

// TestAccCredentialsStayOutOfOutput runs the built provider under the real terraform CLI with
// TF_LOG=trace for every service of the second shape: an add, a fresh credential sent with a version
// bump, and a credential the site refuses. No credential a user gave, in any form, and none of the
// secrets the services answer with (access tokens, session cookies, JWTs, even the ones they already
// shorten) may appear in the printed output, the trace log or the state; the one credential kept in state
// by design (the sensitive form) appears there only.
func TestAccCredentialsStayOutOfOutput(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	logPath := filepath.Join(t.TempDir(), "terraform.log")

	type given struct {
		c          credentialCase
		id         string
		first, new credential
	}
	var all []given
	for _, c := range credentialCases {
		id := c.identity("secret-" + c.svc.name)
		all = append(all, given{c: c, id: id, first: c.issue(env, id), new: c.issue(env, id)})
	}
	inStateID := flowMusicCase().identity("in-state")
	inState := flowMusicCase().issue(env, inStateID)

	config := func(version int, refused bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, "provider \"useapi\" {\n  base_url = %q\n}\n", env.url)
		for _, g := range all {
			name := g.c.svc.name
			fmt.Fprintf(&b, "variable %q {\n  type = string\n  sensitive = true\n  ephemeral = true\n}\n", name+"_cred")
			fmt.Fprintf(&b, "variable %q {\n  type = string\n  sensitive = true\n  ephemeral = true\n  default = \"\"\n}\n", name+"_part")
			body := strings.NewReplacer("var.credential", "var."+name+"_cred", "var.part", "var."+name+"_part").Replace(g.c.body(version, g.c.jobs(1), ""))
			fmt.Fprintf(&b, "resource %q \"wo\" {\n%s}\n", g.c.svc.typeName(), body)
		}
		fmt.Fprintf(&b, "resource \"useapi_flow_music_account\" \"in_state\" {\n  refresh_token = %s\n}\n", hclString(inState.value))
		if refused {
			// A credential the site never issued: the service refuses it, and its words reach the output.
			fmt.Fprintf(&b, "resource \"useapi_flow_music_account\" \"refused\" {\n  refresh_token = %q\n}\n", refusedToken)
		}
		return b.String()
	}
	credentialEnv := func(pick func(given) credential) []string {
		var out []string
		for _, g := range all {
			out = append(out, "TF_VAR_"+g.c.svc.name+"_cred="+pick(g).value, "TF_VAR_"+g.c.svc.name+"_part="+pick(g).part)
		}
		return out
	}
	first := func(g given) credential { return g.first }
	fresh := func(g given) credential { return g.new }
	w := newCLIWorkspace(t, config(1, false), append(credentialEnv(first), "USEAPI_TOKEN="+env.token, "TF_LOG=trace", "TF_LOG_PATH="+logPath)...)

	var printed strings.Builder
	collect := func(r cliResult) { printed.WriteString(r.stdout + r.stderr) }
	collect(w.mustRun(nil, "apply", "-auto-approve"))
	w.write(config(2, false))
	collect(w.mustRun(credentialEnv(fresh), "plan"))
	collect(w.mustRun(credentialEnv(fresh), "apply", "-auto-approve"))
	w.write(config(2, true))
	failed := w.run(credentialEnv(fresh), "apply", "-auto-approve")
	collect(failed)
	if failed.err == nil || !errorRegexp("Unable to create Flow Music account", "refresh token is invalid").MatchString(failed.stderr) {
		t.Fatalf("the refused refresh token was not reported:\n%s", failed.stderr)
	}
	collect(w.mustRun(credentialEnv(fresh), "show"))

	// The checks below only mean something if the credentials went to the service through the logged path.
	for _, g := range all {
		if err := g.c.expectPosts(env, g.id, 2).check(env.emu); err != nil {
			t.Fatalf("%v: want %s added and then sent a fresh credential", err, g.id)
		}
	}
	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	logText := string(logData)
	for _, want := range []string{"sending request to useapi.net", `\"refresh_token\":\"[REDACTED]\"`, `\"cookies\":\"[REDACTED]\"`,
		`\"token\":\"[REDACTED]\"`, `\"url\":\"[REDACTED]\"`, `\"access_token\":\"[REDACTED]\"`} {
		if !strings.Contains(logText, want) {
			t.Fatalf("the trace log lacks %s, so it does not show the provider's requests and answers", want)
		}
	}

	var secrets []string
	for _, g := range all {
		for _, cred := range []credential{g.first, g.new} {
			secrets = append(secrets, credentialParts(cred)...)
		}
	}
	secrets = append(secrets, credentialParts(credential{value: refusedToken})...)
	// What the services answer with, shortened: the markers appear only inside a secret's value, and the
	// emulator opens every session token with "eyJ" and every cookie value with "g.a000".
	shortened := []string{"…redacted…", "…secured…", "(redacted)", "eyJ", "g.a000"}
	state := readablePrivate(t, w.readFile("terraform.tfstate"))
	if !strings.Contains(state, `"sha256"`) {
		t.Fatal("the state's private data holds no credential digest, so the grep of it proves nothing")
	}
	for place, text := range map[string]string{"printed output": printed.String(), "trace log": logText, "state": state} {
		for _, secret := range secrets {
			for _, form := range leaktest.Forms(secret) {
				if strings.Contains(text, form) {
					t.Errorf("%s contains a credential, in the form %q", place, form)
				}
			}
		}
		for _, s := range append(shortened, env.token) {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %q", place, s)
			}
		}
		if place != "state" && strings.Contains(text, inState.value) {
			t.Errorf("%s contains the refresh token kept in state", place)
		}
	}
	// refresh_token is documented to live in state (marked sensitive); this proves the grep above can see it.
	if !strings.Contains(state, inState.value) {
		t.Error("state lacks the refresh token of the in-state account")
	}
}

// refusedToken is a refresh token no site issued.
const refusedToken = "never-issued-refresh-token-0123456789"

// credentialParts are the values of a credential worth looking for: the whole of it, and for a cookie
// table each cookie's value, which a service may answer with on its own.
func credentialParts(c credential) []string {
	out := []string{c.value}
	if c.part != "" {
		out = append(out, c.part)
	}
	for line := range strings.SplitSeq(c.value, "\n") {
		if fields := strings.Split(line, "\t"); len(fields) > 1 && len(fields[1]) >= 8 {
			out = append(out, fields[1])
		}
	}
	return out
}

// flowMusicCase is Flow Music's credentialCase.
func flowMusicCase() credentialCase {
	for _, c := range credentialCases {
		if c.svc == flowMusicService {
			return c
		}
	}
	panic("no Flow Music case")
}

// readablePrivate is a state file with each resource's private data decoded, so that a grep reads what
// it holds: Terraform stores it base64-encoded, and the framework's keys base64-encode their values again.
func readablePrivate(t *testing.T, state string) string {
	t.Helper()
	var parsed struct {
		Resources []struct {
			Instances []struct {
				Private string `json:"private"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(state), &parsed); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range parsed.Resources {
		for _, i := range r.Instances {
			if i.Private == "" {
				continue
			}
			raw, err := base64.StdEncoding.DecodeString(i.Private)
			if err != nil {
				t.Fatal(err)
			}
			var keys map[string][]byte
			if err := json.Unmarshal(raw, &keys); err != nil {
				t.Fatalf("private data %q: %v", raw, err)
			}
			for k, v := range keys {
				fmt.Fprintf(&b, "\n%s: %s", k, v)
			}
			state = strings.Replace(state, i.Private, "", 1)
		}
	}
	return state + b.String()
}
