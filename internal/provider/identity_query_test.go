package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// identityOf is the identity of an account of c, as checks compare it.
func (c serviceCase) identityOf(email string) map[string]knownvalue.Check {
	out := map[string]knownvalue.Check{"email": knownvalue.StringExact(email)}
	if c.region != "" {
		out["region"] = knownvalue.StringExact(c.region)
	}
	return out
}

// TestAccAccount_identity: every account resource records its identity, and imports by it with an import
// block (Terraform 1.12+, OpenTofu 1.12+).
func TestAccAccount_identity(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		cfg := c.config(env, "ident@example.com", c.jobs(1), "pw")
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config: cfg,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentity(c.addr(), c.identityOf("ident@example.com")),
						statecheck.ExpectIdentityValueMatchesState(c.addr(), tfjsonpath.New("email")),
					},
				},
				{
					Config:          cfg,
					ResourceName:    c.addr(),
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
					// The service never returns the password, so the import plans the update that sends it.
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(c.id("ident@example.com"))),
						},
					},
				},
			},
		})
	})
}

// TestAccAccount_query: terraform query lists a service's accounts in one call, those in an error state
// included, honours the limit, and fills the whole resource when asked (Terraform 1.14+).
func TestAccAccount_query(t *testing.T) {
	forEachService(t, func(t *testing.T, c serviceCase, env *accEnv) {
		env.needsEmulator(t)
		for i, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
			env.emu.PutAccount(env.token, c.emu, emulator.Account{Email: email, Region: c.region, Password: "p", MaxJobs: c.jobs(int64(i))})
		}
		env.emu.SetAccountError(env.token, c.emu, c.id("b@example.com"), "Session expired")
		listAddr := c.svc.typeName() + ".all" // query checks name a list block without its "list." prefix
		list := func(extra string) string {
			return env.providerBlock() + fmt.Sprintf("list %q \"all\" {\n  provider = useapi\n%s}\n", c.svc.typeName(), extra)
		}
		byEmail := func(email string) queryfilter.QueryFilter { return queryfilter.ByResourceIdentity(c.identityOf(email)) }
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					PreConfig: env.resetCalls,
					Query:     true,
					Config:    list("  include_resource = true\n"),
					QueryResultChecks: []querycheck.QueryResultCheck{
						querycheck.ExpectLength(listAddr, 3),
						querycheck.ExpectIdentity(listAddr, c.identityOf("a@example.com")),
						querycheck.ExpectResourceDisplayName(listAddr, byEmail("a@example.com"),
							knownvalue.StringExact(fmt.Sprintf("%s (max_jobs %d)", c.id("a@example.com"), c.jobs(0)))),
						querycheck.ExpectResourceDisplayName(listAddr, byEmail("b@example.com"),
							knownvalue.StringRegexp(regexp.MustCompile(`needs attention: Session expired$`))),
						querycheck.ExpectResourceKnownValues(listAddr, byEmail("b@example.com"), []querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(c.id("b@example.com"))},
							{Path: tfjsonpath.New("max_jobs"), KnownValue: knownvalue.Int64Exact(c.jobs(1))},
							{Path: tfjsonpath.New("error"), KnownValue: knownvalue.StringExact("Session expired")},
						}),
					},
				},
				{
					// A query reads the service's list once, whatever the number of accounts.
					PreConfig: func() {
						if got := env.emu.CallCounts(); got[c.calls().List] != 1 || len(got) != 1 {
							t.Errorf("the query made %v, want one list read", got)
						}
					},
					Query:  true,
					Config: list("  limit = 2\n"),
					QueryResultChecks: []querycheck.QueryResultCheck{
						querycheck.ExpectLength(listAddr, 2),
					},
				},
				{
					// A failure reaches terraform query as a diagnostic, not as an empty list.
					Query: true,
					Config: env.providerBlockWithToken("user:1-wrong") +
						fmt.Sprintf("list %q \"all\" {\n  provider = useapi\n}\n", c.svc.typeName()),
					ExpectError: errorRegexp("Unable to list "+c.svc.title+" accounts", "401 Unauthorized", "Check the useapi.net API token"),
				},
			},
		})
	})
}

// TestAccQueryAdoptsEveryService runs the adoption path the docs describe, with the CLI: terraform query
// -generate-config-out writes a resource and an import block for each account configured by hand; with a
// password filled in, one apply adopts them all and the next plan is empty.
func TestAccQueryAdoptsEveryService(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	w := newCLIWorkspace(t, env.providerBlock())
	if v := w.terraformVersion(); v.LessThan(version.Must(version.NewVersion("1.14.0"))) {
		t.Skipf("terraform query needs Terraform 1.14 or later; this is %s", v)
	}
	var lists strings.Builder
	want := 0
	for _, c := range serviceCases {
		env.emu.PutAccount(env.token, c.emu, emulator.Account{Email: "hand@example.com", Region: c.region, Password: "by-hand", MaxJobs: c.jobs(1)})
		want++
		fmt.Fprintf(&lists, "list %q \"found\" {\n  provider = useapi\n}\n", c.svc.typeName())
	}
	// An account of the second shape set up in useapi.net's browser is adopted without a credential.
	for _, c := range credentialCases {
		env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: c.identity("hand"), MaxJobs: c.jobs(1)})
		want++
		fmt.Fprintf(&lists, "list %q \"found\" {\n  provider = useapi\n}\n", c.svc.typeName())
	}
	if err := os.WriteFile(filepath.Join(w.dir, "adopt.tfquery.hcl"), []byte(lists.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	r := w.mustRun(nil, "query", "-generate-config-out=generated.tf")
	generated := w.readFile("generated.tf")
	if strings.Count(generated, "import {") != want {
		t.Fatalf("generated.tf holds %d import blocks, want %d:\n%s\n%s", strings.Count(generated, "import {"), want, generated, r.stdout)
	}
	// The person adopting fills in each password of the first shape; the generated blocks leave it out, as
	// the service never returns it. A second-shape password (Mureka's) is one of two ways to connect, which
	// an account set up in useapi.net's browser is adopted without.
	filled := fillPasswords(generated, `password = "by-hand"`)
	if filled == generated {
		t.Fatalf("no password line to fill in generated.tf:\n%s", generated)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	w.mustRun(nil, "apply", "-auto-approve", "-input=false")
	for _, c := range serviceCases {
		if got := env.emu.Accounts(env.token, c.emu); len(got) != 1 || got[0].MaxJobs != c.jobs(1) {
			t.Errorf("%s holds %+v after the adoption", c.emu, got)
		}
	}
	for _, c := range credentialCases {
		if got := env.emu.Accounts(env.token, c.emu); len(got) != 1 || got[0].MaxJobs != c.jobs(1) || got[0].CredentialPosts != 0 {
			t.Errorf("%s holds %+v after the adoption", c.emu, got)
		}
	}
	expectEmptyPlan(t, w)
}

// passwordLine is the generated, empty password argument of an adopted account.
var passwordLine = regexp.MustCompile(`(?m)^\s*password\s*=\s*null.*$`)

// fillPasswords replaces the empty password line of each generated resource of the first shape with line.
func fillPasswords(generated, line string) string {
	firstShape := map[string]bool{}
	for _, s := range accountServices {
		firstShape[s.typeName()] = s.credential == nil
	}
	blocks := strings.SplitAfter("\n"+generated, "\nresource ")
	for i, b := range blocks {
		if typeName, _, _ := strings.Cut(strings.TrimPrefix(b, `"`), `"`); i > 0 && firstShape[typeName] {
			blocks[i] = passwordLine.ReplaceAllString(b, line)
		}
	}
	return strings.Join(blocks, "")[1:]
}
