package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

// harness runs terraform commands in throw-away workspaces and measures each one.
type harness struct {
	terraform string
	work      string
	emu       *emulator.Server
	rssDir    string
	env       []string
}

// step is one measured terraform command.
type step struct {
	name   string
	wall   time.Duration
	rssMiB float64
	cpu    time.Duration // the provider's own, user + system
	calls  map[string]int
}

// configFunc renders a configuration of n resources; shift changes every resource, for an update.
type configFunc func(n, shift int) string

func providerConfig(n, shift int) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    useapi = { source = "useapi-community/useapi" }
  }
}
provider "useapi" {}
resource "useapi_kling_account" "bench" {
  count    = %d
  email    = "bench${count.index}@example.com"
  max_jobs = 1 + (count.index + %d) %% 10
  password = "pw-${count.index}"
}
`, n, shift)
}

func terraformDataConfig(n, shift int) string {
	return fmt.Sprintf(`
resource "terraform_data" "bench" {
  count = %d
  input = "v-${count.index}-%d"
}
`, n, shift)
}

const dataSourceConfig = `
terraform {
  required_providers {
    useapi = { source = "useapi-community/useapi" }
  }
}
provider "useapi" {}
data "useapi_kling_accounts" "all" {}
output "count" {
  value = length(data.useapi_kling_accounts.all.accounts)
}
`

// newHarness measures the provider binary real in workspaces under work.
func newHarness(terraform, work, baseURL string, emu *emulator.Server, real string) (*harness, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	plugins := filepath.Join(work, "plugins")
	rssDir := filepath.Join(work, "rss")
	for _, d := range []string{work, plugins, rssDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	// Terraform starts this program, in its wrapper role, in place of the provider.
	if err := os.Symlink(self, filepath.Join(plugins, tfcli.BinaryName)); err != nil {
		return nil, err
	}
	env, err := tfcli.Setup(work, plugins)
	if err != nil {
		return nil, err
	}
	return &harness{
		terraform: terraform, work: work, emu: emu, rssDir: rssDir,
		env: append(env, "USEAPI_TOKEN="+token, "USEAPI_BASE_URL="+baseURL,
			wrapTargetEnv+"="+real, wrapRSSDirEnv+"="+rssDir),
	}, nil
}

func (h *harness) terraformVersion() string {
	out, err := exec.CommandContext(context.Background(), h.terraform, "version").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// tf runs one terraform command in dir and measures it; any exit code but 0 is an error (for plan
// -detailed-exitcode, that includes a non-empty plan).
func (h *harness) tf(dir, name string, args ...string) (step, error) {
	h.emu.ResetCalls()
	_, _ = providerUsage(h.rssDir)
	var out bytes.Buffer
	cmd := exec.CommandContext(context.Background(), h.terraform, append(args, "-no-color", "-input=false")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), h.env...)
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return step{}, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	rss, cpu := providerUsage(h.rssDir)
	return step{name: name, wall: wall, rssMiB: rss, cpu: cpu, calls: h.emu.CallCounts()}, nil
}

func (h *harness) workspace(name, config string) (string, error) {
	dir := filepath.Join(h.work, name)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}

// measure creates, refreshes, updates and destroys n resources of one configuration.
func (h *harness) measure(n int, cfg configFunc) ([]step, error) {
	name := fmt.Sprintf("%p-%d", cfg, n)
	dir, err := h.workspace(name, cfg(n, 0))
	if err != nil {
		return nil, err
	}
	var steps []step
	run := func(label string, args ...string) error {
		s, err := h.tf(dir, label, args...)
		steps = append(steps, s)
		return err
	}
	if err := run("apply (create)", "apply", "-auto-approve"); err != nil {
		return nil, err
	}
	if err := run("plan (refresh)", "plan", "-detailed-exitcode"); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg(n, 1)), 0o600); err != nil {
		return nil, err
	}
	if err := run("apply (update all)", "apply", "-auto-approve"); err != nil {
		return nil, err
	}
	if err := run("destroy", "destroy", "-auto-approve"); err != nil {
		return nil, err
	}
	if left := len(h.emu.Accounts(token, emulator.Kling)); left != 0 {
		return nil, fmt.Errorf("%d accounts left after destroy", left)
	}
	return steps, nil
}

// measureDataSource plans a configuration that lists n accounts added out of band.
func (h *harness) measureDataSource(n int) (step, error) {
	for i := range n {
		h.emu.PutAccount(token, emulator.Kling, emulator.Account{Email: fmt.Sprintf("listed%d@example.com", i), Password: "p", MaxJobs: 1})
	}
	defer func() {
		for _, a := range h.emu.Accounts(token, emulator.Kling) {
			h.emu.RemoveAccount(token, emulator.Kling, a.ID)
		}
	}()
	dir, err := h.workspace(fmt.Sprintf("data-source-%d", n), dataSourceConfig)
	if err != nil {
		return step{}, err
	}
	return h.tf(dir, "data source (list)", "plan")
}

// measureLatency is how much longer an apply of n accounts takes when every call has the given latency.
func (h *harness) measureLatency(n int, latency time.Duration) (latencyResult, error) {
	res := latencyResult{n: n, latency: latency}
	for i, lat := range []time.Duration{0, latency} {
		h.emu.SetLatency(lat)
		dir, err := h.workspace(fmt.Sprintf("latency-%d-%d", n, i), providerConfig(n, 0))
		if err != nil {
			return res, err
		}
		s, err := h.tf(dir, "apply", "apply", "-auto-approve", "-parallelism=10")
		if err != nil {
			return res, err
		}
		res.walls = append(res.walls, s.wall)
		h.emu.SetLatency(0)
		if _, err := h.tf(dir, "destroy", "destroy", "-auto-approve"); err != nil {
			return res, err
		}
	}
	return res, nil
}
