//go:build release

package registry

import (
	"bufio"
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

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// TestReleaseInstallsFromARegistry builds a goreleaser snapshot that goreleaser's own signs step signs with
// gpg and a throw-away key, serves it over the registry protocol on loopback, and has terraform init and
// apply it as a workspace would: Terraform itself checks the SHA256SUMS signature and the zip's checksum,
// and writes the lock file.
func TestReleaseInstallsFromARegistry(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	key := newSigningKey(t)
	dist := buildSnapshot(t, root, key)
	version := snapshotVersion(t, dist)
	p := &Provider{Namespace: "useapi-community", Type: "useapi", Version: version, Dir: dist}
	if _, err := os.Stat(filepath.Join(dist, p.prefix()+"_SHA256SUMS.sig")); err != nil {
		t.Fatalf("goreleaser's signs step wrote no signature of SHA256SUMS: %v", err)
	}
	placeManifest(t, root, dist, p)
	// goreleaser 2.15 rewrote SHA256SUMS after signing it, adding the signature's own checksum; say so
	// plainly rather than through Terraform's "invalid signature".
	sums, err := p.shasums()
	if err != nil {
		t.Fatal(err)
	}
	if _, listed := sums[p.prefix()+"_SHA256SUMS.sig"]; listed {
		t.Fatal("goreleaser rewrote SHA256SUMS after signing it (it lists its own signature): " +
			"pin a goreleaser without that bug (GORELEASER_VERSION in GNUmakefile)")
	}
	p.KeyID, p.PublicKey = key.id(), key.publicKey(t)
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
	if got := emu.Accounts(token, emulator.Kling); len(got) != 1 || got[0].Email != "release@example.com" {
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

// buildSnapshot runs the release as the release workflow does, publishing aside: .goreleaser.yml's signs
// step runs gpg with GPG_FINGERPRINT, here the throw-away key's.
func buildSnapshot(t *testing.T, root string, key *signingKey) string {
	t.Helper()
	goreleaser := filepath.Join(root, "bin", "goreleaser")
	if _, err := os.Stat(goreleaser); err != nil {
		if goreleaser, err = exec.LookPath("goreleaser"); err != nil {
			t.Fatal("no goreleaser: run `make test-release`, which installs it into bin/")
		}
	}
	cmd := exec.CommandContext(t.Context(), goreleaser, "release", "--snapshot", "--clean", "--skip=publish")
	cmd.Dir = root
	cmd.Env = append(key.env(), "GPG_FINGERPRINT="+key.fingerprint)
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

// signingKey is a throw-away OpenPGP key without a passphrase in a GNUPGHOME of its own, so gpg signs in
// batch mode without asking for anything, as it does in the release workflow after the key is imported.
type signingKey struct {
	home, fingerprint string
}

func newSigningKey(t *testing.T) *signingKey {
	t.Helper()
	if _, err := exec.LookPath("gpg"); err != nil {
		t.Fatal("no gpg on PATH: goreleaser signs SHA256SUMS with it. Install GnuPG " +
			"(Debian and Ubuntu: apt-get install gnupg; macOS: brew install gnupg)")
	}
	k := &signingKey{home: gnupgHome(t)}
	// gpg starts an agent for the home on first use; stop it before the home is removed.
	t.Cleanup(func() {
		cmd := exec.CommandContext(context.Background(), "gpgconf", "--kill", "gpg-agent")
		cmd.Env = k.env()
		_ = cmd.Run()
	})
	// An RSA key, as the Terraform Registry asks of a provider's signing key.
	k.gpg(t, `%no-protection
Key-Type: RSA
Key-Length: 3072
Key-Usage: sign
Name-Real: useapi release test
Name-Email: release-test@example.com
Expire-Date: 1d
%commit
`, "--generate-key")
	lines := bufio.NewScanner(strings.NewReader(k.gpg(t, "", "--with-colons", "--list-secret-keys")))
	for lines.Scan() {
		if fields := strings.Split(lines.Text(), ":"); fields[0] == "fpr" && len(fields) > 9 {
			k.fingerprint = fields[9]
			break
		}
	}
	if len(k.fingerprint) < 16 {
		t.Fatal("gpg generated a key but listed no fingerprint for it")
	}
	return k
}

// gnupgHome returns an empty directory for GNUPGHOME. gpg-agent may put its sockets there, and a socket's
// path is limited to about 107 bytes, which t.TempDir under a deep TMPDIR can exceed.
func gnupgHome(t *testing.T) string {
	t.Helper()
	if dir := t.TempDir(); len(dir) <= 80 {
		return dir
	}
	dir, err := os.MkdirTemp("/tmp", "gnupg")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

func (k *signingKey) env() []string { return append(os.Environ(), "GNUPGHOME="+k.home) }

// gpg runs gpg in batch mode on the key's home with stdin as its input, and returns its standard output.
func (k *signingKey) gpg(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "gpg", append([]string{"--batch", "--no-tty"}, args...)...)
	cmd.Env = k.env()
	cmd.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gpg %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// id is the key ID the registry lists beside the key: the fingerprint's last 16 hex digits.
func (k *signingKey) id() string { return k.fingerprint[len(k.fingerprint)-16:] }

// publicKey is the ASCII-armored public key, as the registry publishes it for Terraform to check
// SHA256SUMS.sig with.
func (k *signingKey) publicKey(t *testing.T) string {
	t.Helper()
	return k.gpg(t, "", "--armor", "--export", k.fingerprint)
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
