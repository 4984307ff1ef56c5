package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAccExamplesValidate runs terraform validate on every example the docs show, and on the demo, against
// the built provider: an example that drifts from the schema fails here, not in a reader's editor.
func TestAccExamplesValidate(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	dirs, err := filepath.Glob("../../examples/*/*")
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, "../../examples/provider", "../../examples/demo")
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
		if len(files) == 0 {
			continue
		}
		t.Run(strings.TrimPrefix(dir, "../../"), func(t *testing.T) {
			t.Parallel()
			var config strings.Builder
			for _, f := range files {
				data, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				config.Write(data)
				config.WriteString("\n")
			}
			w := newCLIWorkspace(t, "")
			text := config.String()
			if !strings.Contains(text, "required_providers") {
				text = cliProviderHeader + text
			}
			if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			r := w.mustRun(nil, "validate")
			if !strings.Contains(r.stdout, "The configuration is valid") {
				t.Fatalf("terraform validate:\n%s%s", r.stdout, r.stderr)
			}
		})
	}
}
