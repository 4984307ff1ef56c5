package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Environment the wrapper reads: the real provider to run, and where to record what it used.
const (
	wrapTargetEnv = "BENCH_WRAP_TARGET"
	wrapRSSDirEnv = "BENCH_RSS_DIR"
)

// wrapProvider runs the real provider as a child with this process's stdio, so Terraform talks to it
// directly, and records the child's peak resident memory and CPU time once it exits. Terraform starts this wrapper
// in place of the provider through dev_overrides.
func wrapProvider(target string) int {
	cmd := exec.Command(target, os.Args[1:]...) //nolint:noctx // lives exactly as long as Terraform wants the provider
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState != nil {
		if dir := os.Getenv(wrapRSSDirEnv); dir != "" {
			name := filepath.Join(dir, strconv.Itoa(cmd.ProcessState.Pid())+".usage")
			cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			line := fmt.Sprintf("%d %d", maxRSSKiB(cmd.ProcessState), cpu.Microseconds())
			_ = os.WriteFile(name, []byte(line), 0o600)
		}
		return cmd.ProcessState.ExitCode()
	}
	fmt.Fprintln(os.Stderr, "bench wrapper:", err)
	return 1
}

// providerUsage reads and clears what the wrappers recorded since the last call: the largest peak RSS
// in MiB, and the CPU time of all provider processes together (Terraform may start more than one).
func providerUsage(dir string) (peakMiB float64, cpu time.Duration) {
	entries, _ := os.ReadDir(dir)
	var peak, micros int64
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".usage") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if data, err := os.ReadFile(path); err == nil {
			var kib, us int64
			if _, err := fmt.Sscanf(string(data), "%d %d", &kib, &us); err == nil {
				peak, micros = max(peak, kib), micros+us
			}
		}
		_ = os.Remove(path)
	}
	return float64(peak) / 1024, time.Duration(micros) * time.Microsecond
}
