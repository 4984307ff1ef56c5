package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// Versions the examples need beyond the baseline: import blocks by identity, and terraform query files.
var (
	identityImportVersion = version.Must(version.NewVersion("1.12.0"))
	queryVersion          = version.Must(version.NewVersion("1.14.0"))
)

// TestAccExamplesValidate runs terraform validate on every example the docs show, and on the demo, against
// the built provider: an example that drifts from the schema fails here, not in a reader's editor. Files
// that need a newer CLI than the one running (import-by-identity.tf, *.tfquery.hcl) are validated by the
// CI runs with a current Terraform, and say so here.
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
		queries, _ := filepath.Glob(filepath.Join(dir, "*.tfquery.hcl"))
		if len(files)+len(queries) == 0 {
			continue
		}
		t.Run(strings.TrimPrefix(dir, "../../"), func(t *testing.T) {
			t.Parallel()
			w := newCLIWorkspace(t, "")
			cli := w.terraformVersion()
			var config strings.Builder
			for _, f := range files {
				if filepath.Base(f) == "import-by-identity.tf" && cli.LessThan(identityImportVersion) {
					t.Logf("%s needs Terraform %s or later to validate; this is %s", f, identityImportVersion, cli)
					continue
				}
				config.WriteString(readExample(t, f) + "\n")
			}
			text := config.String()
			if !strings.Contains(text, "required_providers") {
				text = cliProviderHeader + text
			}
			writeExample(t, w, "main.tf", text)
			args := []string{"validate"}
			if len(queries) > 0 {
				if cli.LessThan(queryVersion) {
					t.Skipf("terraform query files need Terraform %s or later to validate; this is %s", queryVersion, cli)
				}
				for _, q := range queries {
					writeExample(t, w, filepath.Base(q), readExample(t, q))
				}
				args = append(args, "-query")
			}
			r := w.mustRun(nil, args...)
			if !strings.Contains(r.stdout, "The configuration is valid") {
				t.Fatalf("terraform %s:\n%s%s", strings.Join(args, " "), r.stdout, r.stderr)
			}
		})
	}
}

func readExample(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeExample(t *testing.T, w *cliWorkspace, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestIndexListsEveryService: the provider page's table links each service's resource, its data sources
// and its list resource, and names a live data source exactly for the services that have one.
func TestIndexListsEveryService(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "templates", "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	index := string(data)
	for _, s := range accountServices {
		for _, link := range []string{"/resources/" + s.name + "_account)", "/data-sources/" + s.name + "_accounts)",
			"/list-resources/" + s.name + "_account)"} {
			if !strings.Contains(index, link) {
				t.Errorf("the index does not link %s", link)
			}
		}
		live := "/data-sources/" + s.name + "_account)"
		if has := strings.Contains(index, live); has != (s.live != nil || s == klingService) {
			t.Errorf("the index links %s: %v, but the service has a live read: %v", live, has, s.live != nil)
		}
	}
}
