// Package registry serves a goreleaser dist folder over the Terraform provider registry protocol, so a
// test can install the provider the way Terraform Cloud and HCP Terraform workspaces do: discovery,
// versions, then a download that Terraform checks against the signed SHA256SUMS.
package registry

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Provider is one provider version built by goreleaser into Dir.
type Provider struct {
	Namespace, Type, Version string
	// Dir holds terraform-provider-<type>_<version>_{<os>_<arch>.zip,SHA256SUMS,SHA256SUMS.sig,manifest.json}.
	Dir string
	// KeyID and PublicKey (ASCII armored) verify SHA256SUMS.sig.
	KeyID, PublicKey string
}

func (p *Provider) prefix() string { return fmt.Sprintf("terraform-provider-%s_%s", p.Type, p.Version) }

type platform struct {
	OS   string `json:"os"`
	Arch string `json:"arch"`
}

// Handler serves the registry protocol for p under /v1/providers/ and its files under /files/.
func (p *Provider) Handler() (http.Handler, error) {
	sums, err := p.shasums()
	if err != nil {
		return nil, err
	}
	protocols, err := p.protocols()
	if err != nil {
		return nil, err
	}
	var platforms []platform
	for name := range sums {
		rest, ok := strings.CutPrefix(name, p.prefix()+"_")
		if !ok || !strings.HasSuffix(rest, ".zip") {
			continue
		}
		osName, arch, ok := strings.Cut(strings.TrimSuffix(rest, ".zip"), "_")
		if ok {
			platforms = append(platforms, platform{OS: osName, Arch: arch})
		}
	}
	if len(platforms) == 0 {
		return nil, fmt.Errorf("no %s_<os>_<arch>.zip listed in the SHA256SUMS of %s", p.prefix(), p.Dir)
	}

	mux := http.NewServeMux()
	base := fmt.Sprintf("/v1/providers/%s/%s/", p.Namespace, p.Type)
	mux.HandleFunc("GET /.well-known/terraform.json", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]string{"providers.v1": "/v1/providers/"})
	})
	mux.HandleFunc("GET "+base+"versions", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]any{"versions": []any{map[string]any{
			"version": p.Version, "protocols": protocols, "platforms": platforms,
		}}})
	})
	mux.HandleFunc("GET "+base+"{version}/download/{os}/{arch}", func(w http.ResponseWriter, r *http.Request) {
		zip := fmt.Sprintf("%s_%s_%s.zip", p.prefix(), r.PathValue("os"), r.PathValue("arch"))
		sum, ok := sums[zip]
		if r.PathValue("version") != p.Version || !ok {
			http.NotFound(w, r)
			return
		}
		files := "https://" + r.Host + "/files/"
		writeJSON(w, map[string]any{
			"protocols": protocols, "os": r.PathValue("os"), "arch": r.PathValue("arch"),
			"filename": zip, "download_url": files + zip, "shasum": sum,
			"shasums_url":           files + p.prefix() + "_SHA256SUMS",
			"shasums_signature_url": files + p.prefix() + "_SHA256SUMS.sig",
			"signing_keys": map[string]any{"gpg_public_keys": []any{map[string]any{
				"key_id": p.KeyID, "ascii_armor": p.PublicKey,
			}}},
		})
	})
	mux.Handle("GET /files/", http.StripPrefix("/files/", http.FileServer(http.Dir(p.Dir))))
	return mux, nil
}

// shasums reads SHA256SUMS: file name to hex digest.
func (p *Provider) shasums() (map[string]string, error) {
	f, err := os.Open(filepath.Join(p.Dir, p.prefix()+"_SHA256SUMS"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	out := map[string]string{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if fields := strings.Fields(lines.Text()); len(fields) == 2 {
			out[fields[1]] = fields[0]
		}
	}
	return out, lines.Err()
}

// protocols reads the protocol versions from the manifest goreleaser copies from terraform-registry-manifest.json.
func (p *Provider) protocols() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(p.Dir, p.prefix()+"_manifest.json"))
	if err != nil {
		return nil, err
	}
	var manifest struct {
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	if len(manifest.Metadata.ProtocolVersions) == 0 {
		return nil, fmt.Errorf("the manifest lists no protocol_versions")
	}
	return manifest.Metadata.ProtocolVersions, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
