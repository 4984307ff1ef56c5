package provider

import (
	"cmp"
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
	// id names the account, missing one the service does not hold.
	id, missing string
	// call is the emulator's key of the live read; "" for the service's single-account GET.
	call string
}

var liveCases = []liveCase{
	{svc: aceMusicService, emu: emulator.ACEMusic, put: putPassword(emulator.ACEMusic)},
	{svc: flowMusicService, emu: emulator.FlowMusic, put: putCredentialed(emulator.FlowMusic)},
	{svc: googleFlowService, emu: emulator.GoogleFlow, put: putCredentialed(emulator.GoogleFlow)},
	{svc: museService, emu: emulator.Muse, put: putPassword(emulator.Muse)},
	{svc: runwayService, emu: emulator.Runway, put: putPassword(emulator.Runway), call: emulator.CallRunwayFeatures},
	{svc: pixverseService, emu: emulator.PixVerse, put: putPassword(emulator.PixVerse), call: emulator.CallPixVerseFeatures},
	{svc: miniMaxService, emu: emulator.MiniMax, put: putCredentialed(emulator.MiniMax), call: emulator.CallMiniMaxFeatures,
		id: "1234567890", missing: "987654321"},
	{svc: murekaService, emu: emulator.Mureka, put: putCredentialed(emulator.Mureka), call: emulator.CallMurekaProfile,
		id: "123456789", missing: "987654321"},
}

func putPassword(svc emulator.Service) func(*accEnv, string) {
	return func(env *accEnv, id string) {
		env.emu.PutAccount(env.token, svc, emulator.Account{Email: id, Password: "p", MaxJobs: 2})
	}
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
		c.id, c.missing = cmp.Or(c.id, "live@example.com"), cmp.Or(c.missing, "missing@example.com")
		c.call = cmp.Or(c.call, emulator.Calls(c.emu).Get)
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
							env.expectCalls(map[string]int{c.call: 1})),
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
						Config:      cfg(c.missing),
						ExpectError: errorRegexp(c.svc.title+" account not found", c.missing),
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

// jobsChecks check the account's max_jobs, where the data source has it.
func (c liveCase) jobsChecks(addr string) []statecheck.StateCheck {
	if !c.svc.hasMaxJobs() || c.svc.live.features {
		return nil
	}
	return []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(2))}
}

// TestLiveCasesCoverEveryService: every service with a live read is driven by TestAccLiveAccountDataSource.
func TestLiveCasesCoverEveryService(t *testing.T) {
	driven := map[*accountService]bool{}
	for _, c := range liveCases {
		driven[c.svc] = true
	}
	for _, s := range accountServices {
		if s.live != nil && !driven[s] {
			t.Errorf("%s has a live read but no liveCase", s.typeName())
		}
	}
}
