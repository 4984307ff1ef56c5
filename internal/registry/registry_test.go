package registry

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fakeDist(t *testing.T) *Provider {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"terraform-provider-useapi_1.2.3_linux_amd64.zip":  "zip-a",
		"terraform-provider-useapi_1.2.3_darwin_arm64.zip": "zip-b",
		"terraform-provider-useapi_1.2.3_manifest.json":    `{"version":1,"metadata":{"protocol_versions":["6.0"]}}`,
		"terraform-provider-useapi_1.2.3_SHA256SUMS": "aaa  terraform-provider-useapi_1.2.3_linux_amd64.zip\n" +
			"bbb  terraform-provider-useapi_1.2.3_darwin_arm64.zip\nccc  terraform-provider-useapi_1.2.3_manifest.json\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return &Provider{Namespace: "useapi-community", Type: "useapi", Version: "1.2.3", Dir: dir, KeyID: "ABCD", PublicKey: "armor"}
}

func get(t *testing.T, srv *httptest.Server, path string, out any) int {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s: %v: %s", path, err, data)
		}
	}
	return resp.StatusCode
}

func TestRegistryProtocol(t *testing.T) {
	t.Parallel()
	h, err := fakeDist(t).Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)

	var discovery map[string]string
	if get(t, srv, "/.well-known/terraform.json", &discovery); discovery["providers.v1"] != "/v1/providers/" {
		t.Fatalf("discovery %v", discovery)
	}
	var versions struct {
		Versions []struct {
			Version   string   `json:"version"`
			Protocols []string `json:"protocols"`
			Platforms []struct{ OS, Arch string }
		} `json:"versions"`
	}
	get(t, srv, "/v1/providers/useapi-community/useapi/versions", &versions)
	if len(versions.Versions) != 1 || versions.Versions[0].Version != "1.2.3" || len(versions.Versions[0].Platforms) != 2 ||
		versions.Versions[0].Protocols[0] != "6.0" {
		t.Fatalf("versions %+v", versions)
	}
	var download map[string]any
	get(t, srv, "/v1/providers/useapi-community/useapi/1.2.3/download/linux/amd64", &download)
	if download["shasum"] != "aaa" || !strings.HasSuffix(download["download_url"].(string), "/files/terraform-provider-useapi_1.2.3_linux_amd64.zip") ||
		!strings.HasSuffix(download["shasums_signature_url"].(string), "_SHA256SUMS.sig") {
		t.Fatalf("download %v", download)
	}
	if code := get(t, srv, "/v1/providers/useapi-community/useapi/1.2.3/download/windows/amd64", nil); code != http.StatusNotFound {
		t.Fatalf("unknown platform: %d", code)
	}
	if code := get(t, srv, "/files/terraform-provider-useapi_1.2.3_linux_amd64.zip", nil); code != http.StatusOK {
		t.Fatalf("zip: %d", code)
	}
}
