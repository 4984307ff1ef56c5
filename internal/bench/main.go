// Command bench measures the provider under the real terraform CLI against the in-memory emulator and
// compares it with Terraform's built-in terraform_data. `make bench` runs it; it rewrites
// docs/benchmarks.md and exits non-zero when a target is missed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

const token = "user:1000-benchToken"

func main() {
	if target := os.Getenv(wrapTargetEnv); target != "" {
		os.Exit(wrapProvider(target))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run() error {
	sizes := flag.String("n", "10,100,1000", "comma-separated account counts")
	out := flag.String("out", "docs/benchmarks.md", "where to write the report (empty: stdout only)")
	latency := flag.Duration("latency", 50*time.Millisecond, "latency for the concurrency check at N=100")
	baseline := flag.String("baseline", "", "a git revision to compare the N=100 Kling cycle with (empty: no comparison)")
	planBaseline := flag.String("plan-baseline", "", "a git revision to compare a one-account plan with (empty: no comparison)")
	flag.Parse()

	ns, err := parseSizes(*sizes)
	if err != nil {
		return err
	}
	terraform, err := tfcli.Path()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "useapi-bench-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()

	emu, baseURL, stop, err := startEmulator()
	if err != nil {
		return err
	}
	defer stop()

	real, err := tfcli.Build(context.Background(), ".", work, "terraform-provider-useapi-real")
	if err != nil {
		return fmt.Errorf("building the provider: %w", err)
	}
	h, err := newHarness(terraform, filepath.Join(work, "now"), baseURL, emu, real)
	if err != nil {
		return err
	}
	report := &report{terraformVersion: h.terraformVersion(), latency: *latency}
	for _, n := range ns {
		fmt.Fprintf(os.Stderr, "bench: N=%d\n", n)
		useapiRows, err := h.measure(n, providerConfig)
		if err != nil {
			return fmt.Errorf("useapi at N=%d: %w", n, err)
		}
		dataRows, err := h.measure(n, terraformDataConfig)
		if err != nil {
			return fmt.Errorf("terraform_data at N=%d: %w", n, err)
		}
		dataSource, err := h.measureDataSource(n)
		if err != nil {
			return fmt.Errorf("data source at N=%d: %w", n, err)
		}
		report.sizes = append(report.sizes, sizeResult{n: n, useapi: useapiRows, builtin: dataRows, dataSource: dataSource})
	}
	if report.latencyDelta, err = h.measureLatency(100, *latency); err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	if *baseline != "" {
		fmt.Fprintf(os.Stderr, "bench: N=%d against %s\n", baselineSize, *baseline)
		old, err := buildAt(context.Background(), *baseline, filepath.Join(work, "baseline-build"))
		if err != nil {
			return err
		}
		before, err := newHarness(terraform, filepath.Join(work, "baseline"), baseURL, emu, old)
		if err != nil {
			return err
		}
		cmp, err := compareWithBaseline(h, before, *baseline)
		if err != nil {
			return fmt.Errorf("against %s: %w", *baseline, err)
		}
		report.baseline = &cmp
	}
	if *planBaseline != "" {
		fmt.Fprintf(os.Stderr, "bench: a one-account plan against %s\n", *planBaseline)
		old, err := buildAt(context.Background(), *planBaseline, filepath.Join(work, "plan-baseline-build"))
		if err != nil {
			return err
		}
		before, err := newHarness(terraform, filepath.Join(work, "plan-baseline"), baseURL, emu, old)
		if err != nil {
			return err
		}
		cmp, err := compareOnePlan(h, before, *planBaseline)
		if err != nil {
			return fmt.Errorf("a one-account plan against %s: %w", *planBaseline, err)
		}
		report.onePlan = &cmp
	}

	text := report.markdown()
	fmt.Println(text)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(text), 0o644); err != nil { //nolint:gosec // a doc page, world-readable by design
			return err
		}
	}
	if failed := report.failures(); len(failed) > 0 {
		return fmt.Errorf("targets missed:\n  %s", strings.Join(failed, "\n  "))
	}
	return nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n %q: want positive whole numbers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// startEmulator serves a fresh emulator on a free loopback port.
func startEmulator() (*emulator.Server, string, func(), error) {
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	l, err := emu.Serve(context.Background(), "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	return emu, l.URL, func() { _ = l.Stop() }, nil
}
