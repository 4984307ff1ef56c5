package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

// caseFor is the credentialCase of svc.
func caseFor(svc *accountService) credentialCase {
	for _, c := range credentialCases {
		if c.svc == svc {
			return c
		}
	}
	panic("no credential case for " + svc.name)
}

// expectSetting checks a setting the service holds for the account.
func (c credentialCase) expectSetting(env *accEnv, id, wire, want string) emulatorCheck {
	return emulatorCheck{env: env, check: func(emu *emulator.Server) error {
		for _, a := range emu.Accounts(env.token, c.emu) {
			if a.ID == id {
				if got := a.Settings[wire]; got != want {
					return fmt.Errorf("%s holds %s = %q for %s, want %q", c.emu, wire, got, id, want)
				}
				return nil
			}
		}
		return fmt.Errorf("%s does not hold %s", c.emu, id)
	}}
}

// TestAccGeminiNotebookAccount_outputLanguage: output_language is sent with the cookies on create, and a
// change of it alone is sent without them; left out, the service's value is recorded.
func TestAccGeminiNotebookAccount_outputLanguage(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := caseFor(geminiNotebookService)
	id := c.identity("language")
	cred := c.issue(env, id)
	cfg := func(language string) string {
		extra := ""
		if language != "" {
			extra = fmt.Sprintf("output_language = %q\n", language)
		}
		return c.config(env, c.body(0, 0, extra))
	}
	const wire = "outputLanguage"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{
			{
				Config:          cfg(""),
				ConfigVariables: vars(cred),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("output_language"), knownvalue.StringExact("en")),
				},
			},
			{
				PreConfig:       env.resetCalls,
				Config:          cfg("ja"),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(c.addr(), tfjsonpath.New("email"), knownvalue.StringExact(id)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New("output_language"), knownvalue.StringExact("ja")),
					c.expectSetting(env, id, wire, "ja"),
					c.expectPosts(env, id, 1), // the change went without the cookies
					env.expectCalls(plus(c.refresh(), 1, c.calls().Post, 1)),
				},
			},
			{
				// Removing the argument keeps the account's value, and sends nothing.
				PreConfig:       env.resetCalls,
				Config:          cfg(""),
				ConfigVariables: vars(cred),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					c.expectSetting(env, id, wire, "ja"),
					env.expectCalls(plus(c.refresh(), 1)),
				},
			},
		},
	})
}

// TestAccGoogleVidsAccount_freeAccountRefused: a free Google account has no Vids allowance; the apply
// shows the service's words and what to do, and nothing is stored or kept.
func TestAccGoogleVidsAccount_freeAccountRefused(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	c := caseFor(googleVidsService)
	id := c.identity("free")
	env.emu.SetFreeAccount(c.emu, id, true)
	cred := c.issue(env, id)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             c.expectHeld(env, map[string]int64{}).fn(),
		Steps: []resource.TestStep{{
			Config:          c.config(env, c.body(0, 2, "")),
			ConfigVariables: vars(cred),
			ExpectError: errorRegexp("Unable to create Google Vids account", "400", "free Google account",
				"Google Vids gives a free Google account no monthly allowance", "paid Google AI plan"),
		}},
	})
	if got := env.emu.Accounts(env.token, c.emu); len(got) != 0 {
		t.Fatalf("the service holds %+v after a refused free account", got)
	}
}
