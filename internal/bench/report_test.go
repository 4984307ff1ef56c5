package main

import (
	"strings"
	"testing"
	"time"
)

func steps(n int, wall, cpu time.Duration, rss float64, extraPost int) []step {
	names := []string{"apply (create)", "plan (refresh)", "apply (update all)", "destroy"}
	out := make([]step, len(names))
	for i, name := range names {
		calls := minimumCalls(name, n)
		if i == 0 && extraPost > 0 {
			calls = map[string]int{post: n + extraPost}
		}
		out[i] = step{name: name, wall: wall, cpu: cpu, rssMiB: rss, calls: calls}
	}
	return out
}

func TestFailures(t *testing.T) {
	t.Parallel()
	good := func(n int, scale time.Duration) sizeResult {
		return sizeResult{
			n:          n,
			useapi:     steps(n, 2*scale, scale, 30, 0),
			builtin:    steps(n, scale, 0, 0, 0),
			dataSource: step{name: "data source (list)", calls: map[string]int{list: 1}},
		}
	}
	latency := latencyResult{n: 100, latency: 50 * time.Millisecond, walls: []time.Duration{time.Second, 1500 * time.Millisecond}}
	tests := []struct {
		name   string
		mutate func(r *report)
		want   string // part of the one failure expected; empty: none
	}{
		{name: "all met", mutate: func(*report) {}},
		{name: "an extra POST", mutate: func(r *report) { r.sizes[0].useapi = steps(100, 2*time.Second, time.Second, 30, 1) }, want: "API calls 101 POST"},
		{name: "too slow", mutate: func(r *report) { r.sizes[1].useapi = steps(1000, 60*time.Second, 10*time.Second, 30, 0) }, want: "terraform_data, target 5x"},
		{name: "too much memory", mutate: func(r *report) { r.sizes[1].useapi[2].rssMiB = 80 }, want: "peak RSS 80.0 MiB"},
		{name: "superlinear CPU", mutate: func(r *report) { r.sizes[1].useapi[1].cpu = 12 * time.Second }, want: "provider CPU grows 12.0x"},
		{name: "serial requests", mutate: func(r *report) { r.latencyDelta.walls[1] = 6 * time.Second }, want: "of latency added 5s"},
	}
	for _, tt := range tests {
		r := &report{sizes: []sizeResult{good(100, time.Second), good(1000, 10*time.Second)}, latencyDelta: latency}
		r.latencyDelta.walls = append([]time.Duration(nil), latency.walls...)
		tt.mutate(r)
		got := r.failures()
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("%s: unexpected failures %v", tt.name, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s: failures %v, want one containing %q", tt.name, got, tt.want)
		}
	}
}
