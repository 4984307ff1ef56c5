package provider

import "fmt"

// accountAddr is the Kling account most single-service tests declare.
const accountAddr = "useapi_kling_account.test"

// accountConfig declares one Kling account with its password in state.
func accountConfig(env *accEnv, email string, maxJobs int, password string) string {
	return env.providerBlock() + fmt.Sprintf(`
resource "useapi_kling_account" "test" {
  email    = %q
  max_jobs = %d
  password = %q
}
`, email, maxJobs, password)
}
