package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// liveCase is a service with a live read, as the test drives it.
type liveCase struct {
	svc *accountService
	emu emulator.Service
	// put adds an account of id to the emulator.
	put func(env *accEnv, id string)
	id  string
}

var liveCases = []liveCase{
	{svc: aceMusicService, emu: emulator.ACEMusic, id: "live@example.com", put: func(env *accEnv, id string) {
		env.emu.PutAccount(env.token, emulator.ACEMusic, emulator.Account{Email: id, Password: "p", MaxJobs: 2})
	}},
	{svc: flowMusicService, emu: emulator.FlowMusic, id: "live@example.com", put: putCredentialed(emulator.FlowMusic)},
	{svc: googleFlowService, emu: emulator.GoogleFlow, id: "live@example.com", put: putCredentialed(emulator.GoogleFlow)},
}

func putCredentialed(svc emulator.Service) func(*accEnv, string) {
	return func(env *accEnv, id string) { env.emu.PutAccount(env.token, svc, emulator.Account{ID: id, MaxJobs: 2}) }
}

// TestAccLiveAccountDataSource: useapi_<service>_account reads one account's live values with one GET of
// it; an account in an error state shows the reason and no values; an unknown one is an error that names
// it; a malformed key is refused before any call.
func TestAccLiveAccountDataSource(t *testing.T) {
	t.Parallel()
	for _, c := range liveCases {
		t.Run(c.svc.name, func(t *testing.T) {
			t.Parallel()
			env := newAccEnv(t)
			env.needsEmulator(t)
			c.put(env, c.id)
			addr := "data." + c.svc.typeName() + ".this"
			cfg := func(id string) string {
				return env.providerBlock() + fmt.Sprintf("data %q \"this\" {\n  %s = %q\n}\n", c.svc.typeName(), c.svc.identityName(), id)
			}
			values := func(check knownvalue.Check) []statecheck.StateCheck {
				var out []statecheck.StateCheck
				for _, x := range c.svc.live.attributes {
					out = append(out, statecheck.ExpectKnownValue(addr, tfjsonpath.New(x.name), check))
				}
				return out
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig: env.resetCalls,
						Config:    cfg(c.id),
						ConfigStateChecks: append(values(knownvalue.NotNull()),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.Null()),
							env.expectCalls(map[string]int{emulator.Calls(c.emu).Get: 1})),
					},
					{
						Config:            cfg(c.id),
						ConfigStateChecks: c.jobsChecks(addr),
					},
					{
						PreConfig: func() { env.emu.SetAccountError(env.token, c.emu, c.id, "Session expired") },
						Config:    cfg(c.id),
						ConfigStateChecks: append(values(knownvalue.Null()),
							statecheck.ExpectKnownValue(addr, tfjsonpath.New("error"), knownvalue.NotNull())),
					},
					{
						Config:      cfg("missing@example.com"),
						ExpectError: errorRegexp(c.svc.title+" account not found", "missing@example.com"),
					},
				},
			})
			env.resetCalls()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      cfg("not-an-email"),
					PlanOnly:    true,
					ExpectError: errorRegexp("Invalid "+c.svc.identityName(), "Name the account by "+c.svc.idForm()),
				}},
			})
			if n := len(env.emu.CallCounts()); n != 0 {
				t.Errorf("a malformed key reached the service: %v", env.emu.CallCounts())
			}
		})
	}
}

// jobsChecks check the account's max_jobs, where the service has it.
func (c liveCase) jobsChecks(addr string) []statecheck.StateCheck {
	if !c.svc.hasMaxJobs() {
		return nil
	}
	return []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(2))}
}
