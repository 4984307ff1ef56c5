package provider

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
)

const captchaAddr = "useapi_google_flow_captcha_providers.test"

// Test keys: distinct in their first five characters, so that the masked forms tell them apart.
const (
	capKey1 = "CAPa1-7f3e9a1b2c4d"
	capKey2 = "CAPb2-0a9b8c7d6e5f"
	twoKey1 = "TWOa1-1234567890ab"
	ezKey1  = "EZCa1-feedfacecafe"
)

// captchaConfig is the provider, the key variables (var.cap ephemeral when writeOnly, for capsolver_wo)
// and the resource with body.
func captchaConfig(env *accEnv, writeOnly bool, body string) string {
	var vars strings.Builder
	for _, name := range []string{"cap", "two", "ez"} {
		ephemeral := ""
		if writeOnly && name == "cap" {
			ephemeral = "\n  ephemeral = true"
		}
		fmt.Fprintf(&vars, "variable %q {\n  type      = string\n  sensitive = true\n  default   = null%s\n}\n", name, ephemeral)
	}
	return env.providerBlock() + vars.String() + "resource \"useapi_google_flow_captcha_providers\" \"test\" {\n" + body + "}\n"
}

func captchaVars(cap, two, ez string) config.Variables {
	v := config.Variables{}
	for name, value := range map[string]string{"cap": cap, "two": two, "ez": ez} {
		if value != "" {
			v[name] = config.StringVariable(value)
		}
	}
	return v
}

// expectCaptchaKeys checks the raw keys the service holds, by wire name.
func (e *accEnv) expectCaptchaKeys(want map[string]string) emulatorCheck {
	return emulatorCheck{env: e, check: func(emu *emulator.Server) error {
		if got := emu.CaptchaKeys(e.token); !maps.Equal(got, want) {
			return fmt.Errorf("the service holds captcha keys %v, want %v", got, want)
		}
		return nil
	}}
}

func setProviders(names ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(names))
	for i, n := range names {
		checks[i] = knownvalue.StringExact(n)
	}
	return knownvalue.SetExact(checks)
}

// TestAccCaptchaProviders_lifecycle: set two keys, change one, remove one, destroy removes all.
func TestAccCaptchaProviders_lifecycle(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectCaptchaKeys(map[string]string{}).fn(),
		Steps: []resource.TestStep{
			{
				PreConfig:       env.resetCalls,
				Config:          captchaConfig(env, false, "capsolver = var.cap\ntwocaptcha = var.two\n"),
				ConfigVariables: captchaVars(capKey1, twoKey1, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("id"), knownvalue.StringExact("captcha-providers")),
						plancheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver", "twocaptcha")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("id"), knownvalue.StringExact("captcha-providers")),
					statecheck.ExpectSensitiveValue(captchaAddr, tfjsonpath.New("capsolver")),
					statecheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver", "twocaptcha")),
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1, "2Captcha": twoKey1}),
					// One read to say which keys set outside Terraform the create removes, one write.
					env.expectCalls(plus(emulator.CallCaptchaProvidersGet, 1, emulator.CallCaptchaProvidersPost, 1)),
				},
			},
			{
				PreConfig:       env.resetCalls,
				Config:          captchaConfig(env, false, "capsolver = var.cap\ntwocaptcha = var.two\n"),
				ConfigVariables: captchaVars(capKey2, twoKey1, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2, "2Captcha": twoKey1}),
					env.expectCalls(plus(emulator.CallCaptchaProvidersGet, 1, emulator.CallCaptchaProvidersPost, 1)),
				},
			},
			{
				// Only the timeouts block changes, which useapi.net does not hold: no key is posted.
				PreConfig:       env.resetCalls,
				Config:          captchaConfig(env, false, "capsolver = var.cap\ntwocaptcha = var.two\ntimeouts {\n  update = \"3m\"\n}\n"),
				ConfigVariables: captchaVars(capKey2, twoKey1, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2, "2Captcha": twoKey1}),
					env.expectCalls(plus(emulator.CallCaptchaProvidersGet, 1)),
				},
			},
			{
				Config:          captchaConfig(env, false, "capsolver = var.cap\n"),
				ConfigVariables: captchaVars(capKey2, "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2}),
				},
			},
			{
				// The data source shows which providers are set, never a key.
				Config: captchaConfig(env, false, "capsolver = var.cap\n") +
					"data \"useapi_google_flow_captcha_providers\" \"x\" {\n  depends_on = [useapi_google_flow_captcha_providers.test]\n}\n",
				ConfigVariables: captchaVars(capKey2, "", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.useapi_google_flow_captcha_providers.x", tfjsonpath.New("providers"), knownvalue.MapExact(map[string]knownvalue.Check{
						"capsolver": knownvalue.Bool(true), "anticaptcha": knownvalue.Bool(false), "yescaptcha": knownvalue.Bool(false),
						"solvecaptcha": knownvalue.Bool(false), "twocaptcha": knownvalue.Bool(false), "capmonster": knownvalue.Bool(false),
						"ezcaptcha": knownvalue.Bool(false),
					})),
					statecheck.ExpectKnownValue("data.useapi_google_flow_captcha_providers.x", tfjsonpath.New("free_captcha_credits"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccCaptchaProviders_dataSourceFreeCredits: with no key set, the data source shows the free credits.
func TestAccCaptchaProviders_dataSourceFreeCredits(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.SetFreeCaptchaCredits(env.token, 42)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerBlock() + "data \"useapi_google_flow_captcha_providers\" \"x\" {}\n",
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.useapi_google_flow_captcha_providers.x", tfjsonpath.New("free_captcha_credits"), knownvalue.Int64Exact(42)),
				statecheck.ExpectKnownValue("data.useapi_google_flow_captcha_providers.x", tfjsonpath.New("providers").AtMapKey("capsolver"), knownvalue.Bool(false)),
			},
		}},
	})
}

// TestAccCaptchaProviders_writeOnly: the key is never in state; a version bump sends a new one.
func TestAccCaptchaProviders_writeOnly(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	body := func(version int) string {
		return fmt.Sprintf("capsolver_wo = var.cap\ncapsolver_wo_version = %d\nezcaptcha = var.ez\n", version)
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectCaptchaKeys(map[string]string{}).fn(),
		Steps: []resource.TestStep{
			{
				Config:          captchaConfig(env, true, body(1)),
				ConfigVariables: captchaVars(capKey1, "", ezKey1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("capsolver_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("capsolver"), knownvalue.Null()),
					statecheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver", "ezcaptcha")),
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1, "EzCaptcha": ezKey1}),
				},
			},
			{
				// A new key without a version bump is not seen: that is what the version is for.
				Config:          captchaConfig(env, true, body(1)),
				ConfigVariables: captchaVars(capKey2, "", ezKey1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1, "EzCaptcha": ezKey1}),
				},
			},
			{
				Config:          captchaConfig(env, true, body(2)),
				ConfigVariables: captchaVars(capKey2, "", ezKey1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2, "EzCaptcha": ezKey1}),
				},
			},
			{
				// Removed outside Terraform: seen even in the write-only form, and set again.
				PreConfig:       func() { env.emu.SetCaptchaKey(env.token, "CapSolver", "") },
				Config:          captchaConfig(env, true, body(2)),
				ConfigVariables: captchaVars(capKey2, "", ezKey1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2, "EzCaptcha": ezKey1}),
				},
			},
		},
	})
}

// TestAccCaptchaProviders_drift: a key changed outside Terraform is set again, a provider set outside
// Terraform is removed, and neither the keys nor their masked forms reach the plan.
func TestAccCaptchaProviders_drift(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := captchaConfig(env, false, "capsolver = var.cap\n")
	vars := captchaVars(capKey1, "", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectCaptchaKeys(map[string]string{}).fn(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigVariables: vars},
			{
				PreConfig:       func() { env.emu.SetCaptchaKey(env.token, "CapSolver", capKey2) },
				Config:          cfg,
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectSensitiveValue(captchaAddr, tfjsonpath.New("capsolver")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1}),
				},
			},
			{
				PreConfig:       func() { env.emu.SetCaptchaKey(env.token, "CapMonster", "MONa1-outside-key") },
				Config:          cfg,
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1}),
				},
			},
			{
				// Every key removed outside Terraform: the service answers its free credits, the resource
				// is still there, and the plan sets the key again.
				PreConfig:       func() { env.emu.SetCaptchaKey(env.token, "CapSolver", "") },
				Config:          cfg,
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1}),
				},
			},
		},
	})
}

// TestAccCaptchaProviders_import: by the fixed ID; the keys cannot be imported, so the next apply sends them.
func TestAccCaptchaProviders_import(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	cfg := captchaConfig(env, false, "capsolver = var.cap\n")
	vars := captchaVars(capKey1, "", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectCaptchaKeys(map[string]string{}).fn(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigVariables: vars},
			{
				Config:                  cfg,
				ConfigVariables:         vars,
				ResourceName:            captchaAddr,
				ImportState:             true,
				ImportStateId:           "captcha-providers",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"capsolver"},
			},
			{
				Config:          cfg,
				ConfigVariables: vars,
				ResourceName:    captchaAddr,
				ImportState:     true,
				ImportStateId:   "captcha",
				ExpectError:     errorRegexp("Invalid import ID", `by the ID "captcha-providers"`),
			},
		},
	})
}

// TestAccCaptchaProviders_importBlock: an import block adopts the keys set outside Terraform, and the
// first apply sends the configured key in an in-place update.
func TestAccCaptchaProviders_importBlock(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.SetCaptchaKey(env.token, "CapSolver", capKey2)
	env.emu.SetCaptchaKey(env.token, "YesCaptcha", "YESa1-outside-key")
	cfg := captchaConfig(env, false, "capsolver = var.cap\n") +
		"import {\n  to = useapi_google_flow_captcha_providers.test\n  id = \"captcha-providers\"\n}\n"
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectCaptchaKeys(map[string]string{}).fn(),
		Steps: []resource.TestStep{{
			Config:          cfg,
			ConfigVariables: captchaVars(capKey1, "", ""),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(captchaAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(captchaAddr, tfjsonpath.New("set_providers"), setProviders("capsolver")),
				},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				env.expectCaptchaKeys(map[string]string{"CapSolver": capKey1}),
			},
		}},
	})
}

// TestAccCaptchaProviders_badInput: both forms, a write-only key without its version and the reverse,
// and a key with white space are refused before anything is sent.
func TestAccCaptchaProviders_badInput(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	step := func(writeOnly bool, body string, vars config.Variables, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{Config: captchaConfig(env, writeOnly, body), ConfigVariables: vars, PlanOnly: true, ExpectError: want}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(false, "capsolver = \"CAPa1-literal\"\ncapsolver_wo = \"CAPa1-literal\"\ncapsolver_wo_version = 1\n", nil,
				errorRegexp("Invalid Attribute Combination", "cannot be configured together: [capsolver,capsolver_wo]")),
			step(true, "capsolver_wo = var.cap\n", captchaVars(capKey1, "", ""),
				errorRegexp(`Attribute "capsolver_wo_version" must be specified when "capsolver_wo" is specified`)),
			step(false, "capsolver_wo_version = 1\n", nil,
				errorRegexp(`Attribute "capsolver_wo" must be specified when "capsolver_wo_version" is specified`)),
			step(false, "capsolver = var.cap\n", captchaVars("CAPa1 with space\n", "", ""),
				errorRegexp("capsolver must be one API key, without white space")),
			step(false, "capsolver = \"\"\n", nil, errorRegexp("capsolver", "at least 1")),
		},
	})
	if n := len(env.emu.CallCounts()); n != 0 {
		t.Errorf("refused configurations reached the service: %v", env.emu.CallCounts())
	}
}

// TestAccCaptchaKeysStayOutOfOutput runs the built provider under the real terraform CLI with
// TF_LOG=trace: no captcha key, nor the masked form useapi.net answers for it, may appear in the printed
// output or the trace log; the state holds only the key given in the sensitive form, and no masked form.
func TestAccCaptchaKeysStayOutOfOutput(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	logPath := filepath.Join(t.TempDir(), "terraform.log")
	const outside = "OUTa1-set-outside-terraform"
	config := func(version int) string {
		return fmt.Sprintf("provider \"useapi\" {\n  base_url = %q\n}\n", env.url) +
			"variable \"cap\" {\n  type = string\n  sensitive = true\n  ephemeral = true\n}\n" +
			"variable \"two\" {\n  type = string\n  sensitive = true\n}\n" +
			fmt.Sprintf("resource \"useapi_google_flow_captcha_providers\" \"test\" {\n  capsolver_wo = var.cap\n  capsolver_wo_version = %d\n  twocaptcha = var.two\n}\n", version) +
			"data \"useapi_google_flow_captcha_providers\" \"x\" {\n  depends_on = [useapi_google_flow_captcha_providers.test]\n}\n"
	}
	keys := func(cap, two string) []string { return []string{"TF_VAR_cap=" + cap, "TF_VAR_two=" + two} }
	w := newCLIWorkspace(t, config(1), "USEAPI_TOKEN="+env.token, "TF_LOG=trace", "TF_LOG_PATH="+logPath)

	var printed strings.Builder
	collect := func(r cliResult) { printed.WriteString(r.stdout + r.stderr) }
	collect(w.mustRun(keys(capKey1, twoKey1), "apply", "-auto-approve"))
	w.write(config(2))
	collect(w.mustRun(keys(capKey2, twoKey1), "apply", "-auto-approve"))
	env.emu.SetCaptchaKey(env.token, "CapMonster", outside)
	env.emu.SetCaptchaKey(env.token, "2Captcha", outside)
	collect(w.mustRun(keys(capKey2, twoKey1), "plan"))
	collect(w.mustRun(keys(capKey2, twoKey1), "apply", "-auto-approve"))
	if err := env.expectCaptchaKeys(map[string]string{"CapSolver": capKey2, "2Captcha": twoKey1}).check(env.emu); err != nil {
		t.Fatal(err)
	}
	collect(w.mustRun(keys(capKey2, twoKey1), "show"))
	state := w.readFile("terraform.tfstate")
	collect(w.mustRun(keys(capKey2, twoKey1), "destroy", "-auto-approve"))

	logData, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	logText := string(logData)
	for _, want := range []string{"captcha-providers", `\"CapSolver\":\"[REDACTED]\"`, `\"2Captcha\":\"[REDACTED]\"`} {
		if !strings.Contains(logText, want) {
			t.Fatalf("the trace log lacks %s, so it does not show the provider's requests and answers", want)
		}
	}
	// A key's masked form is its first characters and "…": looking for those characters finds both.
	masked := func(key string) string { return strings.TrimSuffix(emulator.MaskCaptchaKey(key), "…") }
	secrets := []string{masked(capKey1), masked(capKey2), masked(twoKey1), masked(outside)}
	inState := masked(twoKey1)
	for place, text := range map[string]string{"printed output": printed.String(), "trace log": logText, "state": state} {
		for _, secret := range secrets {
			if place == "state" && secret == inState {
				continue // the key given in the sensitive form is kept in state by design
			}
			for _, form := range leaktest.Forms(secret) {
				if strings.Contains(text, form) {
					t.Errorf("%s contains a captcha key or its masked form, as %q", place, form)
				}
			}
		}
		if strings.Contains(text, env.token) {
			t.Errorf("%s contains the API token", place)
		}
	}
	if !strings.Contains(state, twoKey1) {
		t.Error("state lacks the key given in the sensitive form, so the grep of it proves nothing")
	}
}
