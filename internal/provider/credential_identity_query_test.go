package provider

import (
	"fmt"
	"regexp"
	"testing"

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
func (c credentialCase) identityOf(id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{c.svc.credential.identity: knownvalue.StringExact(id)}
}

// TestAccCredentialAccount_identity: the identity the answer named is recorded, and an import block by
// identity (Terraform 1.12+, OpenTofu 1.12+) takes it; the import sends nothing, not even the configured
// credential, and a malformed identity is refused.
func TestAccCredentialAccount_identity(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		id := c.identity("ident-" + c.svc.name)
		cred := c.issue(env, id)
		cfg := c.config(env, c.body(0, c.jobs(1), ""))
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:          cfg,
					ConfigVariables: vars(cred),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectIdentity(c.addr(), c.identityOf(id)),
						statecheck.ExpectIdentityValueMatchesState(c.addr(), tfjsonpath.New(c.svc.credential.identity)),
					},
				},
				{
					PreConfig:       env.resetCalls,
					Config:          cfg,
					ConfigVariables: vars(cred),
					ResourceName:    c.addr(),
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithResourceIdentity,
					// The import cannot know the credential, so the plan records the configured one: an
					// update that sends nothing.
					ExpectNonEmptyPlan: true,
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New("id"), knownvalue.StringExact(id)),
						},
					},
				},
				{
					Config:                 cfg + fmt.Sprintf("import {\n  to = %s\n  identity = {\n    %s = \"not an identity\"\n  }\n}\n", c.addr(), c.svc.credential.identity),
					ConfigVariables:        vars(cred),
					ResourceName:           c.addr(),
					ImportState:            true,
					ImportStateKind:        resource.ImportBlockWithResourceIdentity,
					ImportStateConfigExact: true,
					ExpectError:            errorRegexp("Invalid import identity", "The identity of a "+c.svc.typeName()+" is "+c.svc.credential.idForm),
				},
			},
		})
		if n := env.emu.CallCounts()[c.calls().Post]; n != 0 {
			t.Errorf("the import posted %d times", n)
		}
	})
}

// TestAccCredentialAccount_query: terraform query lists a service's accounts with their identities, those
// in an error state included, in one call (Terraform 1.14+).
func TestAccCredentialAccount_query(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		ids := []string{c.identity("qa"), c.identity("qb"), c.identity("qc")}
		for i, id := range ids {
			env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: id, MaxJobs: c.jobs(int64(i))})
		}
		env.emu.SetAccountError(env.token, c.emu, ids[1], "Session expired")
		listAddr := c.svc.typeName() + ".all"
		byID := func(id string) queryfilter.QueryFilter { return queryfilter.ByResourceIdentity(c.identityOf(id)) }
		values := []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(ids[1])},
			{Path: tfjsonpath.New(c.svc.credential.identity), KnownValue: knownvalue.StringExact(ids[1])},
			{Path: tfjsonpath.New("error"), KnownValue: knownvalue.StringRegexp(regexp.MustCompile(`Session expired`))},
			{Path: tfjsonpath.New(c.field()), KnownValue: knownvalue.Null()},
		}
		if c.svc.hasMaxJobs() {
			values = append(values, querycheck.KnownValueCheck{Path: tfjsonpath.New("max_jobs"), KnownValue: knownvalue.Int64Exact(c.jobs(1))})
		}
		resource.Test(t, resource.TestCase{
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{{
				PreConfig: env.resetCalls,
				Query:     true,
				Config:    env.providerBlock() + fmt.Sprintf("list %q \"all\" {\n  provider = useapi\n  include_resource = true\n}\n", c.svc.typeName()),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(listAddr, 3),
					querycheck.ExpectIdentity(listAddr, c.identityOf(ids[0])),
					querycheck.ExpectResourceDisplayName(listAddr, byID(ids[1]),
						knownvalue.StringRegexp(regexp.MustCompile(`needs attention: .*Session expired$`))),
					querycheck.ExpectResourceKnownValues(listAddr, byID(ids[1]), values),
				},
			}},
		})
		if got := env.emu.CallCounts(); got[c.calls().List] != 1 || len(got) != 1 {
			t.Errorf("the query made %v, want one list read", got)
		}
	})
}

// TestAccCredentialAccountsDataSource: useapi_<service>_accounts lists the accounts by identity, in ID
// order, those in an error state with the service's reason; none is an empty list, whichever empty form
// the service answers with.
func TestAccCredentialAccountsDataSource(t *testing.T) {
	forEachCredentialService(t, func(t *testing.T, c credentialCase, env *accEnv) {
		addr := "data." + c.svc.typeName() + "s.all"
		cfg := env.providerBlock() + fmt.Sprintf("data %q \"all\" {}\n", c.svc.typeName()+"s")
		empty := []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("accounts"), knownvalue.ListExact(nil))}
		healthy, broken := c.identity("ds-a"), c.identity("ds-b")
		if broken < healthy {
			healthy, broken = broken, healthy
		}
		entry := func(id string, jobs int64, problem knownvalue.Check) knownvalue.Check {
			fields := map[string]knownvalue.Check{
				"id": knownvalue.StringExact(id), c.svc.credential.identity: knownvalue.StringExact(id), "error": problem,
			}
			if c.svc.hasMaxJobs() {
				fields["max_jobs"] = knownvalue.Int64Exact(jobs)
			}
			for _, x := range c.svc.settings {
				fields[x.name] = knownvalue.Null() // the services' lists do not show their settings
			}
			for _, x := range c.svc.extras {
				fields[x.name] = knownvalue.NotNull()
			}
			return knownvalue.ObjectExact(fields)
		}
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: protoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigStateChecks: empty},
				{
					PreConfig:         func() { env.emu.SetEmptyListObject(c.emu, true) },
					Config:            cfg,
					ConfigStateChecks: empty,
				},
				{
					PreConfig: func() {
						env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: healthy, MaxJobs: c.jobs(1)})
						env.emu.PutAccount(env.token, c.emu, emulator.Account{ID: broken, MaxJobs: c.jobs(2)})
						env.emu.SetAccountError(env.token, c.emu, broken, "Session expired")
					},
					Config: cfg,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(addr, tfjsonpath.New("accounts"), knownvalue.ListExact([]knownvalue.Check{
							entry(healthy, c.jobs(1), knownvalue.Null()),
							entry(broken, c.jobs(2), knownvalue.StringRegexp(regexp.MustCompile("Session expired"))),
						})),
					},
				},
			},
		})
	})
}
