package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

// These helpers run the provider as users do: a built binary, found by the terraform CLI through
// dev_overrides, with Terraform's own logging. Tests use them where the in-process harness of
// terraform-plugin-testing would hide something: logs that cross the plugin boundary, signals.

var (
	buildOnce   sync.Once
	providerDir string
	buildErr    error
)

// TestMain removes the provider binary that CLI tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if providerDir != "" {
		_ = os.RemoveAll(providerDir)
	}
	os.Exit(code)
}

// providerBinaryDir builds the provider once per test binary and returns the folder holding it.
func providerBinaryDir(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		providerDir, buildErr = os.MkdirTemp("", "useapi-provider-")
		if buildErr == nil {
			_, buildErr = tfcli.Build(context.Background(), "../..", providerDir, "")
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return providerDir
}

// terraformPath is the CLI the tests drive.
func terraformPath(t *testing.T) string {
	t.Helper()
	p, err := tfcli.Path()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// cliWorkspace is a folder with a configuration and the environment to run terraform in it.
type cliWorkspace struct {
	t   *testing.T
	dir string
	env []string
}

func newCLIWorkspace(t *testing.T, config string, env ...string) *cliWorkspace {
	t.Helper()
	dir := t.TempDir()
	base, err := tfcli.Setup(dir, providerBinaryDir(t))
	if err != nil {
		t.Fatal(err)
	}
	w := &cliWorkspace{t: t, dir: dir, env: append(base, env...)}
	w.write(config)
	return w
}

// cliProviderHeader names the provider's source, as every configuration outside the test harness must.
const cliProviderHeader = "terraform {\n  required_providers {\n    useapi = { source = \"useapi-community/useapi\" }\n  }\n}\n"

func (w *cliWorkspace) write(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(cliProviderHeader+config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// cliResult is what one terraform command printed.
type cliResult struct {
	stdout, stderr string
	err            error
}

// command prepares terraform with args and extra environment, its output going to the buffers.
func (w *cliWorkspace) command(ctx context.Context, extraEnv []string, stdout, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, terraformPath(w.t), append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = append(append(os.Environ(), w.env...), extraEnv...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return cmd
}

// run runs terraform with args and extra environment, bounded by a timeout so a hang fails the test.
func (w *cliWorkspace) run(extraEnv []string, args ...string) cliResult {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	err := w.command(ctx, extraEnv, &stdout, &stderr, args...).Run()
	return cliResult{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// mustRun is run that fails the test when terraform fails.
func (w *cliWorkspace) mustRun(extraEnv []string, args ...string) cliResult {
	w.t.Helper()
	r := w.run(extraEnv, args...)
	if r.err != nil {
		w.t.Fatalf("terraform %s: %v\n%s\n%s", strings.Join(args, " "), r.err, r.stdout, r.stderr)
	}
	return r
}

// stateAccount is a useapi_kling_account as the state file records it.
type stateAccount struct {
	MaxJobs int64
	Tainted bool
	// Error is the account's error attribute; empty when null.
	Error string
}

// stateAccounts reads the useapi_kling_account instances from the local state file, by email.
func (w *cliWorkspace) stateAccounts() map[string]stateAccount {
	w.t.Helper()
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Status     string `json:"status"`
				Attributes struct {
					Email   string `json:"email"`
					MaxJobs int64  `json:"max_jobs"`
					Error   string `json:"error"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	out := map[string]stateAccount{}
	data := w.readFile("terraform.tfstate")
	if data == "" {
		return out
	}
	if err := json.Unmarshal([]byte(data), &state); err != nil {
		w.t.Fatalf("reading the state: %v", err)
	}
	for _, r := range state.Resources {
		if r.Type != "useapi_kling_account" {
			continue
		}
		for _, i := range r.Instances {
			out[i.Attributes.Email] = stateAccount{MaxJobs: i.Attributes.MaxJobs, Tainted: i.Status == "tainted", Error: i.Attributes.Error}
		}
	}
	return out
}

func (w *cliWorkspace) readFile(name string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil && !os.IsNotExist(err) {
		w.t.Fatal(err)
	}
	return string(data)
}

// terraformVersion is the version of the CLI the workspace runs.
func (w *cliWorkspace) terraformVersion() *version.Version {
	w.t.Helper()
	v, err := tfcli.Version(context.Background(), terraformPath(w.t))
	if err != nil {
		w.t.Fatal(err)
	}
	return v
}
