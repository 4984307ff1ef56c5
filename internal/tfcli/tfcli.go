// Package tfcli runs the terraform CLI (or OpenTofu) against a provider built from this module, found
// through dev_overrides: the one harness shared by the tests that need the real binary, the benchmarks
// and the demo.
package tfcli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/hashicorp/go-version"
)

// ProviderSource is the provider's registry source, as configurations name it.
const ProviderSource = "useapi-community/useapi"

// BinaryName is the file name Terraform looks for in a dev_overrides folder.
const BinaryName = "terraform-provider-useapi"

// EnvTerraformPath names the CLI to drive instead of terraform on PATH, as terraform-plugin-testing reads it.
const EnvTerraformPath = "TF_ACC_TERRAFORM_PATH"

// Path is the CLI to drive: $TF_ACC_TERRAFORM_PATH when set, else terraform on PATH.
func Path() (string, error) {
	if p := os.Getenv(EnvTerraformPath); p != "" {
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", fmt.Errorf("no terraform on PATH and %s unset: install Terraform 1.11 or later, or build one "+
			"with make tofu or make terraform-current and set %s", EnvTerraformPath, EnvTerraformPath)
	}
	return p, nil
}

// Build compiles the provider in the module at root into dir, named as dev_overrides expects unless name
// says otherwise, and returns the binary's path.
func Build(ctx context.Context, root, dir, name string) (string, error) {
	if name == "" {
		name = BinaryName
	}
	bin := filepath.Join(dir, name)
	// Built as a release is: trimmed, without debug information.
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
}

// Setup writes, into dir, a CLI configuration whose dev_overrides make the CLI start the provider found
// in pluginDir, and returns the environment every command needs: that configuration, automation mode,
// and no calls home.
func Setup(dir, pluginDir string) ([]string, error) {
	rc := filepath.Join(dir, "terraformrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", ProviderSource, pluginDir)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return nil, err
	}
	return []string{"TF_CLI_CONFIG_FILE=" + rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"}, nil
}

// Version is the version a CLI reports (OpenTofu reports its own under the same key).
func Version(ctx context.Context, cli string) (*version.Version, error) {
	out, err := exec.CommandContext(ctx, cli, "version", "-json").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", cli, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("%s version -json: %w", cli, err)
	}
	return version.NewVersion(v.Version)
}
