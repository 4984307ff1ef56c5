//go:build release

package registry

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// TestReleaseInstallsFromARegistry builds a goreleaser snapshot, signs it with a throw-away key, serves it
// over the registry protocol on loopback, and has terraform init and apply it as a workspace would:
// Terraform itself checks the SHA256SUMS signature and the zip's checksum, and writes the lock file.
func TestReleaseInstallsFromARegistry(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dist := buildSnapshot(t, root)
	version := snapshotVersion(t, dist)
	p := &Provider{Namespace: "useapi-community", Type: "useapi", Version: version, Dir: dist}
	placeManifest(t, root, dist, p)
	p.KeyID, p.PublicKey = signShasums(t, filepath.Join(dist, p.prefix()+"_SHA256SUMS"))
	zipSum := fileSHA256(t, filepath.Join(dist, fmt.Sprintf("%s_linux_amd64.zip", p.prefix())))

	registryURL, caFile := serveTLS(t, p)
	emuURL, token, emu := startEmulator(t)

	w := newWorkspace(t, registryURL, caFile, version, emuURL, token)
	w.run("init", "-input=false")
	lock := w.read(".terraform.lock.hcl")
	for _, want := range []string{`provider "registry.terraform.io/useapi-community/useapi"`, `version     = "` + version + `"`, `"zh:` + zipSum + `"`, `"h1:`} {
		if !strings.Contains(lock, want) {
			t.Fatalf("the lock file lacks %s:\n%s", want, lock)
		}
	}
	w.run("apply", "-auto-approve", "-input=false")
	if got := emu.Accounts(token); len(got) != 1 || got[0].Email != "release@example.com" {
		t.Fatalf("the installed provider did not create the account: %+v", got)
	}
	w.run("destroy", "-auto-approve", "-input=false")

	// A signature that does not match must stop the install: proof that Terraform checked it.
	sig := filepath.Join(dist, p.prefix()+"_SHA256SUMS.sig")
	if err := os.WriteFile(sig, []byte("not a signature"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := newWorkspace(t, registryURL, caFile, version, emuURL, token)
	out, err := bad.try("init", "-input=false")
	if err == nil || !strings.Contains(out, "signature") {
		t.Fatalf("terraform init accepted a bad signature (%v):\n%s", err, out)
	}
}

func buildSnapshot(t *testing.T, root string) string {
	t.Helper()
	goreleaser := filepath.Join(root, "bin", "goreleaser")
	if _, err := os.Stat(goreleaser); err != nil {
		if goreleaser, err = exec.LookPath("goreleaser"); err != nil {
			t.Fatal("no goreleaser: run `make test-release`, which installs it into bin/")
		}
	}
	cmd := exec.CommandContext(context.Background(), goreleaser, "release", "--snapshot", "--clean", "--skip=sign,publish")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser: %v\n%s", err, out)
	}
	return filepath.Join(root, "dist")
}

// placeManifest puts the registry manifest beside the zips, as the release step uploads it, and checks that
// SHA256SUMS covers exactly that file.
func placeManifest(t *testing.T, root, dist string, p *Provider) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "terraform-registry-manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	name := p.prefix() + "_manifest.json"
	if err := os.WriteFile(filepath.Join(dist, name), data, 0o600); err != nil {
		t.Fatal(err)
	}
	sums, err := p.shasums()
	if err != nil {
		t.Fatal(err)
	}
	if got := fileSHA256(t, filepath.Join(dist, name)); sums[name] != got {
		t.Fatalf("SHA256SUMS lists %s as %q, the manifest's checksum is %s", name, sums[name], got)
	}
}

func snapshotVersion(t *testing.T, dist string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &meta); err != nil || meta.Version == "" {
		t.Fatalf("dist/metadata.json: %v %s", err, data)
	}
	return meta.Version
}

// signShasums makes a throw-away OpenPGP key, writes the detached signature beside the file as goreleaser's
// gpg step would, and returns the key's ID and armored public key for the registry to publish.
func signShasums(t *testing.T, path string) (string, string) {
	t.Helper()
	entity, err := openpgp.NewEntity("useapi release test", "throw-away", "release-test@example.com", nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sig bytes.Buffer
	if err := openpgp.DetachSign(&sig, entity, bytes.NewReader(data), nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".sig", sig.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var pub bytes.Buffer
	aw, err := armor.Encode(&pub, openpgp.PublicKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := entity.Serialize(aw); err != nil {
		t.Fatal(err)
	}
	_ = aw.Close()
	return strings.ToUpper(entity.PrimaryKey.KeyIdString()), pub.String()
}

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// serveTLS serves p over HTTPS on loopback with a certificate of its own, and returns the URL and a CA
// file that makes Terraform trust it (through SSL_CERT_FILE).
func serveTLS(t *testing.T, p *Provider) (string, string) {
	t.Helper()
	h, err := p.Handler()
	if err != nil {
		t.Fatal(err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "useapi release test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL, caFile
}

func startEmulator(t *testing.T) (string, string, *emulator.Server) {
	t.Helper()
	const token = "user:4242-releaseTest"
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return srv.URL, token, emu
}

type workspace struct {
	t   *testing.T
	dir string
	env []string
}

// newWorkspace points registry.terraform.io at the local registry through a host block in the CLI
// configuration, so the provider's real address is installed from the snapshot.
func newWorkspace(t *testing.T, registryURL, caFile, version, emuURL, token string) *workspace {
	t.Helper()
	dir := t.TempDir()
	rc := fmt.Sprintf("host \"registry.terraform.io\" {\n  services = {\n    \"providers.v1\" = %q\n  }\n}\n", registryURL+"/v1/providers/")
	config := fmt.Sprintf(`
terraform {
  required_providers {
    useapi = {
      source  = "useapi-community/useapi"
      version = "%s"
    }
  }
}
provider "useapi" {
  api_token = %q
  base_url  = %q
}
resource "useapi_kling_account" "release" {
  email    = "release@example.com"
  max_jobs = 2
  password = "pw"
}
`, version, token, emuURL)
	for name, body := range map[string]string{"terraformrc": rc, "main.tf": config} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return &workspace{t: t, dir: dir, env: []string{
		"TF_CLI_CONFIG_FILE=" + filepath.Join(dir, "terraformrc"), "SSL_CERT_FILE=" + caFile,
		"TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_PLUGIN_CACHE_DIR=",
	}}
}

func (w *workspace) try(args ...string) (string, error) {
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		terraform = "terraform"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraform, append(args, "-no-color")...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), w.env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (w *workspace) run(args ...string) {
	w.t.Helper()
	if out, err := w.try(args...); err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func (w *workspace) read(name string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(data)
}
