package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

// Comparing with an earlier revision: the schema grows with every service, and Terraform fetches it on
// every command, so the Kling cycle is measured against a build from before, on the same machine.
const (
	baselineSize   = 100
	baselineRounds = 5    // alternate the two builds and take medians, to damp machine noise
	maxSlowdown    = 1.05 // the N=100 Kling cycle, against the baseline revision
)

// baselineResult is each build's steps, as the median of the rounds, and the median of the rounds' ratios
// of the cycle's time now to before: pairing each round's two runs cancels the machine's slower spells.
type baselineResult struct {
	revision string
	before   []step
	now      []step
	ratio    float64
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
