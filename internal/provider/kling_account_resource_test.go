package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
)

const accountAddr = "useapi_kling_account.test"

func accountConfig(env *accEnv, email string, maxJobs int, password string) string {
	return env.providerBlock() + fmt.Sprintf(`
resource "useapi_kling_account" "test" {
  email    = %q
  max_jobs = %d
  password = %q
}
`, email, maxJobs, password)
}

// writeOnlyConfig feeds password_wo from an ephemeral variable, as the docs recommend.
func writeOnlyConfig(env *accEnv, email string, version int) string {
	return env.providerBlock() + fmt.Sprintf(`
variable "kling_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "useapi_kling_account" "test" {
  email               = %q
  max_jobs            = 4
  password_wo         = var.kling_password
  password_wo_version = %d
}
`, email, version)
}

func expectSession() []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("session").AtMapKey("user_id"), knownvalue.StringRegexp(regexp.MustCompile(`^user\d+$|.+`))),
		statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("session").AtMapKey("expire_time"), knownvalue.NotNull()),
		statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("session").AtMapKey("expire_time_utc"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
	}
}

func TestAccKlingAccount_lifecycle(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	first, second := env.email("first"), env.email("second")
	password := env.password("first-Passw0rd")
	sameID := statecheck.CompareValue(compare.ValuesSame())

	steps := []resource.TestStep{
		{
			PreConfig: env.resetCalls,
			Config:    accountConfig(env, first, 2, password),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: append(expectSession(),
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("id"), knownvalue.StringExact(first)),
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("email"), knownvalue.StringExact(first)),
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(2)),
				statecheck.ExpectSensitiveValue(accountAddr, tfjsonpath.New("password")),
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
				sameID.AddStateValue(accountAddr, tfjsonpath.New("id")),
			),
			// Create is one POST whose answer fills state: no GET after it.
			Check: resource.ComposeTestCheckFunc(
				env.expectCalls(map[string]int{postAccount: 1}),
				env.expectAccounts(map[string]int64{first: 2}),
				env.expectUserAgent(),
			),
		},
		{
			PreConfig: env.resetCalls,
			Config:    accountConfig(env, first, 7, password),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(7)),
				sameID.AddStateValue(accountAddr, tfjsonpath.New("id")),
			},
			// The plan's refresh is one GET, the update one POST.
			Check: resource.ComposeTestCheckFunc(
				env.expectCalls(map[string]int{getAccount: 1, postAccount: 1}),
				env.expectAccounts(map[string]int64{first: 7}),
			),
		},
		{
			ResourceName:      accountAddr,
			ImportState:       true,
			ImportStateId:     first,
			ImportStateVerify: true,
			// The service never returns the password, so an import cannot know it.
			ImportStateVerifyIgnore: []string{"password"},
		},
	}
	if env.emu != nil { // live, there is only one real Kling login to test with
		steps = append(steps, resource.TestStep{
			PreConfig: env.resetCalls,
			Config:    accountConfig(env, second, 7, password),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionDestroyBeforeCreate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("id"), knownvalue.StringExact(second)),
			},
			Check: resource.ComposeTestCheckFunc(
				env.expectCalls(map[string]int{getAccount: 1, deleteAccount: 1, postAccount: 1}),
				env.expectAccounts(map[string]int64{second: 7}),
			),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectAccounts(map[string]int64{}),
		Steps:                    steps,
	})
}

func TestAccKlingAccount_writeOnlyPassword(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t) // reads the password the service received
	email := env.email("wo")
	passwordIs := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, a := range env.emu.Accounts(env.token) {
				if a.Email == email && a.Password == want {
					return nil
				}
			}
			return fmt.Errorf("the service does not hold password %q for %s: %+v", want, email, env.emu.Accounts(env.token))
		}
	}
	noPasswordInState := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("password_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("password"), knownvalue.Null()),
	}

	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.expectAccounts(map[string]int64{}),
		Steps: []resource.TestStep{
			{
				PreConfig:         env.resetCalls,
				Config:            writeOnlyConfig(env, email, 1),
				ConfigVariables:   config.Variables{"kling_password": config.StringVariable("first-secret")},
				ConfigStateChecks: append(expectSession(), noPasswordInState...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(passwordIs("first-secret"), env.expectCalls(map[string]int{postAccount: 1})),
			},
			{
				// Terraform cannot see a write-only value change: without a version bump nothing is sent.
				PreConfig:       env.resetCalls,
				Config:          writeOnlyConfig(env, email, 1),
				ConfigVariables: config.Variables{"kling_password": config.StringVariable("second-secret")},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(passwordIs("first-secret"), env.expectCalls(map[string]int{getAccount: 1})),
			},
			{
				PreConfig:       env.resetCalls,
				Config:          writeOnlyConfig(env, email, 2),
				ConfigVariables: config.Variables{"kling_password": config.StringVariable("second-secret")},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(noPasswordInState,
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(2))),
				Check: resource.ComposeTestCheckFunc(passwordIs("second-secret"), env.expectCalls(map[string]int{getAccount: 1, postAccount: 1})),
			},
			{
				ConfigVariables:         config.Variables{"kling_password": config.StringVariable("second-secret")},
				ResourceName:            accountAddr,
				ImportState:             true,
				ImportStateId:           email,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
		},
	})
}

func TestAccKlingAccount_switchPasswordStyle(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	email := env.email("switch")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: accountConfig(env, email, 4, "in-state")},
			{
				Config:          writeOnlyConfig(env, email, 1),
				ConfigVariables: config.Variables{"kling_password": config.StringVariable("write-only")},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("password"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if a := env.emu.Accounts(env.token); len(a) != 1 || a[0].Password != "write-only" {
						return fmt.Errorf("service holds %+v", a)
					}
					return nil
				},
			},
		},
	})
}

func TestAccKlingAccount_drift(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	email := env.email("drift")
	cfg := accountConfig(env, email, 3, "pw")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Someone changes max_jobs outside Terraform: the refresh sees it and the apply puts it back.
				PreConfig: func() {
					env.emu.PutAccount(env.token, emulator.Account{Email: email, Password: "pw", MaxJobs: 9})
					env.resetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(accountAddr, tfjsonpath.New("max_jobs"), knownvalue.Int64Exact(3)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					env.expectCalls(map[string]int{getAccount: 1, postAccount: 1}),
					env.expectAccounts(map[string]int64{email: 3}),
				),
			},
			{
				// Someone deletes the account outside Terraform: the refresh drops it and the apply adds it again.
				PreConfig: func() {
					env.emu.RemoveAccount(env.token, email)
					env.resetCalls()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeTestCheckFunc(
					env.expectCalls(map[string]int{getAccount: 1, postAccount: 1}),
					env.expectAccounts(map[string]int64{email: 3}),
				),
			},
			{
				// Deleted outside Terraform and then destroyed: the 404 of the DELETE counts as done.
				PreConfig: func() { env.emu.RemoveAccount(env.token, email) },
				Config:    cfg,
				Destroy:   true,
			},
		},
	})
}

func TestAccKlingAccount_importByBlockAndBadID(t *testing.T) {
	t.Parallel()
	env := newAccEnv(t)
	env.needsEmulator(t)
	env.emu.PutAccount(env.token, emulator.Account{Email: "existing@example.com", Password: "old", MaxJobs: 6})
	importBlock := `
import {
  to = useapi_kling_account.test
  id = "existing@example.com"
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// After an import the password is unknown to state, so the first apply sends the configured one.
				Config: accountConfig(env, "existing@example.com", 6, "new") + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if a := env.emu.Accounts(env.token); len(a) != 1 || a[0].Password != "new" || a[0].MaxJobs != 6 {
						return fmt.Errorf("service holds %+v", a)
					}
					return nil
				},
			},
			{
				Config:        accountConfig(env, "existing@example.com", 6, "new"),
				ResourceName:  accountAddr,
				ImportState:   true,
				ImportStateId: "not-an-email",
				ExpectError:   errorRegexp("Invalid import ID", "by its email"),
			},
			{
				Config:        accountConfig(env, "existing@example.com", 6, "new"),
				ResourceName:  accountAddr,
				ImportState:   true,
				ImportStateId: "missing@example.com",
				ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}
