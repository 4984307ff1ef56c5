package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

// Comparing with an earlier revision: the schema grows with every service, and Terraform fetches it on
// every command, so the Kling cycle is measured against a build from before, on the same machine.
const (
	baselineSize   = 100
	baselineRounds = 5    // alternate the two builds and take medians, to damp machine noise
	maxSlowdown    = 1.05 // the N=100 Kling cycle, against the baseline revision
	// A one-account plan is mostly the provider's start and its schema, which grows with each service: it
	// is short, so it takes more rounds to damp the noise.
	onePlanRounds = 21
	maxPlanGrowth = 1.05
)

// baselineResult is each build's steps, as the median of the rounds, and the median of the rounds' ratios
// of the cycle's time now to before: pairing each round's two runs cancels the machine's slower spells.
type baselineResult struct {
	revision string
	before   []step
	now      []step
	ratio    float64
}

// planResult is a plan of one account with a build at revision (before) and this one (now): each
// build's median, the median of the rounds' ratios of now to before, and how many account services each
// build serves.
type planResult struct {
	revision string
	walls    [2]time.Duration
	ratio    float64
	services [2]int
}

// buildAt builds the provider as it was at revision into dir.
func buildAt(ctx context.Context, revision, dir string) (string, error) {
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o700); err != nil {
		return "", err
	}
	archive := exec.CommandContext(ctx, "git", "archive", "--format=tar", revision)
	unpack := exec.CommandContext(ctx, "tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	unpack.Stdin = pipe
	if err := unpack.Start(); err != nil {
		return "", err
	}
	var stderr bytes.Buffer
	archive.Stderr = &stderr
	if err := archive.Run(); err != nil {
		return "", fmt.Errorf("git archive %s: %w\n%s", revision, err, stderr.String())
	}
	if err := unpack.Wait(); err != nil {
		return "", fmt.Errorf("unpacking %s: %w", revision, err)
	}
	return tfcli.Build(ctx, src, dir, "terraform-provider-useapi-baseline")
}

// compareWithBaseline measures the N=100 Kling cycle with the provider at revision and with this one.
func compareWithBaseline(now, before *harness, revision string) (baselineResult, error) {
	res := baselineResult{revision: revision}
	var rounds [2][][]step
	for range baselineRounds {
		for i, h := range []*harness{before, now} {
			steps, err := h.measure(baselineSize, providerConfig)
			if err != nil {
				return res, err
			}
			rounds[i] = append(rounds[i], steps)
		}
	}
	res.before, res.now = medians(rounds[0]), medians(rounds[1])
	ratios := make([]float64, baselineRounds)
	for i := range ratios {
		ratios[i] = sum(rounds[1][i]).Seconds() / sum(rounds[0][i]).Seconds()
	}
	slices.Sort(ratios)
	res.ratio = ratios[len(ratios)/2]
	return res, nil
}

// compareOnePlan times a plan of one account that needs no change, with each build in turn.
func compareOnePlan(now, before *harness, revision string) (b planResult, err error) {
	b.revision = revision
	var dirs [2]string
	var walls [2][]time.Duration
	for i, h := range []*harness{before, now} {
		dir, err := h.workspace(fmt.Sprintf("one-plan-%d", i), onePlanConfig(i))
		if err != nil {
			return b, err
		}
		if _, err := h.tf(dir, "apply (one)", "apply", "-auto-approve"); err != nil {
			return b, err
		}
		if b.services[i], err = h.accountServices(dir); err != nil {
			return b, err
		}
		dirs[i] = dir
	}
	ratios := make([]float64, onePlanRounds)
	for r := range onePlanRounds {
		for i, h := range []*harness{before, now} {
			s, err := h.tf(dirs[i], "plan (one account)", "plan", "-detailed-exitcode")
			if err != nil {
				return b, err
			}
			walls[i] = append(walls[i], s.wall)
		}
		ratios[r] = walls[1][r].Seconds() / walls[0][r].Seconds()
	}
	for i, h := range []*harness{before, now} {
		if _, err := h.tf(dirs[i], "destroy (one)", "destroy", "-auto-approve"); err != nil {
			return b, err
		}
		slices.Sort(walls[i])
		b.walls[i] = walls[i][len(walls[i])/2]
	}
	slices.Sort(ratios)
	b.ratio = ratios[len(ratios)/2]
	return b, nil
}

// onePlanConfig is one Kling account, its email apart for each build so the two never share it.
func onePlanConfig(build int) string {
	return fmt.Sprintf(`
terraform {
  required_providers {
    useapi = { source = "useapi-community/useapi" }
  }
}
provider "useapi" {}
resource "useapi_kling_account" "one" {
  email    = "one-plan-%d@example.com"
  max_jobs = 1
  password = "p"
}
`, build)
}

// medians is, step by step, the round with the median wall time, and the median CPU time.
func medians(rounds [][]step) []step {
	out := make([]step, len(rounds[0]))
	for i := range out {
		var walls, cpus []time.Duration
		for _, r := range rounds {
			walls, cpus = append(walls, r[i].wall), append(cpus, r[i].cpu)
		}
		slices.Sort(walls)
		slices.Sort(cpus)
		out[i] = step{name: rounds[0][i].name, wall: walls[len(walls)/2], cpu: cpus[len(cpus)/2]}
	}
	return out
}

// slowdown is the cycle's wall time now over before: the median of the rounds' ratios.
func (b baselineResult) slowdown() float64 { return b.ratio }

// accountServices counts the account resources the build in dir serves, from its schema.
func (h *harness) accountServices(dir string) (int, error) {
	cmd := exec.CommandContext(context.Background(), h.terraform, "providers", "schema", "-json")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), h.env...)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("terraform providers schema: %w", err)
	}
	var schema struct {
		Schemas map[string]struct {
			Resources map[string]json.RawMessage `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(out, &schema); err != nil {
		return 0, err
	}
	n := 0
	for _, p := range schema.Schemas {
		for name := range p.Resources {
			if strings.HasSuffix(name, "_account") {
				n++
			}
		}
	}
	return n, nil
}
