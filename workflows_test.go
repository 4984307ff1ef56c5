package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A line-based scan is enough for the block style the workflows are written in, and keeps YAML out of go.mod.
var (
	usesLine = regexp.MustCompile(`^(\s*(?:-\s+)?)uses:\s*(.*)$`)
	runLine  = regexp.MustCompile(`^(\s*(?:-\s+)?)run:\s*(.*)$`)
	// A tag or branch can be moved by the action's owner; a commit cannot.
	pinnedRef = regexp.MustCompile(`^[^@\s]+@[0-9a-f]{40}$`)
	// Dependabot reads the version from the comment to propose the next pin.
	versionComment = regexp.MustCompile(`^v\d+(\.\d+)*$`)
	// `make test` (not testacc or test-release) or `go test` over ./..., as .ci/run runs them.
	everyPackage = regexp.MustCompile(`(?:^|[\s;&|(])(?:make(?:\s+\S+=\S*)*\s+test|go\s+test\s(?:.*\s)?\./\.\.\.)(?:$|[\s;&|)])`)
)

// scanWorkflow returns the uses: values and run: commands of a workflow, a block scalar's lines joined.
func scanWorkflow(text string) (uses, runs []string) {
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		if m := usesLine.FindStringSubmatch(lines[i]); m != nil {
			uses = append(uses, strings.TrimSpace(m[2]))
			continue
		}
		m := runLine.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		cmd := strings.TrimSpace(m[2])
		if strings.HasPrefix(cmd, "|") || strings.HasPrefix(cmd, ">") {
			var block []string
			for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || indent(lines[i+1]) > len(m[1])) {
				i++
				block = append(block, strings.TrimSpace(lines[i]))
			}
			cmd = strings.Join(block, "\n")
		}
		runs = append(runs, cmd)
	}
	return uses, runs
}

func indent(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

// unpinned returns the uses: values that name a non-local action by anything but a commit SHA with its version.
func unpinned(uses []string) []string {
	var bad []string
	for _, u := range uses {
		ref, comment, _ := strings.Cut(u, "#")
		ref = strings.Trim(strings.TrimSpace(ref), `"'`)
		if strings.HasPrefix(ref, "./") {
			continue
		}
		if !pinnedRef.MatchString(ref) || !versionComment.MatchString(strings.TrimSpace(comment)) {
			bad = append(bad, u)
		}
	}
	return bad
}

func runsEveryPackage(runs []string) bool {
	for _, r := range runs {
		if everyPackage.MatchString(r) {
			return true
		}
	}
	return false
}

func readWorkflows(t *testing.T) map[string]string {
	t.Helper()
	var names []string
	for _, pattern := range []string{".github/workflows/*.yml", ".github/workflows/*.yaml"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, found...)
	}
	if len(names) == 0 {
		t.Fatal("no workflows in .github/workflows")
	}
	workflows := make(map[string]string, len(names))
	for _, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		workflows[name] = string(text)
	}
	return workflows
}

// TestWorkflowsPinActions fails when a workflow names a third-party action by a ref its owner can move.
func TestWorkflowsPinActions(t *testing.T) {
	for name, text := range readWorkflows(t) {
		uses, _ := scanWorkflow(text)
		for _, u := range unpinned(uses) {
			t.Errorf("%s: uses: %s: pin it by its 40-hex commit SHA, with the version as a trailing comment (# v1.2.3)", name, u)
		}
	}
}

// TestWorkflowsRunEveryPackage fails when no workflow step runs every package's tests, as .ci/run does.
func TestWorkflowsRunEveryPackage(t *testing.T) {
	for _, text := range readWorkflows(t) {
		if _, runs := scanWorkflow(text); runsEveryPackage(runs) {
			return
		}
	}
	t.Error("no step in .github/workflows runs `make test` or `go test ./...`: only some packages' tests run on a pull request")
}

// TestWorkflowScan shows that the two tests above fail on the workflows they exist to catch.
func TestWorkflowScan(t *testing.T) {
	const sha = "08c6903cd8c0fde910a37f88322edcfb5dd907a8"
	tests := []struct {
		name      string
		workflow  string
		unpinned  int
		everyPkgs bool
	}{
		{name: "pinned, with version", workflow: "      - uses: actions/checkout@" + sha + " # v5.0.0\n"},
		{name: "quoted pin", workflow: "    uses: \"actions/checkout@" + sha + "\" # v5.0.0\n"},
		{name: "local action", workflow: "      - uses: ./.github/actions/setup\n"},
		{name: "tag", workflow: "      - uses: actions/checkout@v5\n", unpinned: 1},
		{name: "short SHA", workflow: "      - uses: actions/checkout@08c6903 # v5.0.0\n", unpinned: 1},
		{name: "SHA without version", workflow: "      - uses: actions/checkout@" + sha + "\n", unpinned: 1},
		{name: "reusable workflow by branch", workflow: "    uses: org/repo/.github/workflows/ci.yml@main\n", unpinned: 1},
		{name: "make test", workflow: "      - run: make test\n", everyPkgs: true},
		{name: "make test with a variable", workflow: "      - run: make GOTESTSUM_FORMAT=dots test\n", everyPkgs: true},
		{name: "go test ./...", workflow: "      - run: go test -race ./...\n", everyPkgs: true},
		{name: "make test in a block", workflow: "      - run: |\n          export X=1\n          make test\n        env:\n          Y: 2\n", everyPkgs: true},
		{name: "make testacc", workflow: "      - run: make testacc\n"},
		{name: "make test-release", workflow: "      - run: make test-release\n"},
		{name: "one package tree", workflow: "      - run: go test ./internal/provider/...\n"},
		{name: "commented out", workflow: "      # - run: make test\n"},
		{name: "block ends at the next step", workflow: "      - run: |\n          make testacc\n      - name: then make test\n"},
	}
	for _, tt := range tests {
		uses, runs := scanWorkflow(tt.workflow)
		if got := unpinned(uses); len(got) != tt.unpinned {
			t.Errorf("%s: unpinned %q, want %d of them", tt.name, got, tt.unpinned)
		}
		if got := runsEveryPackage(runs); got != tt.everyPkgs {
			t.Errorf("%s: runs every package = %v, want %v (runs %q)", tt.name, got, tt.everyPkgs, runs)
		}
	}
}
