package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// dreaminaService is useapi_dreamina_account and useapi_dreamina_accounts.
var dreaminaService = &accountService{
	name:    "dreamina",
	title:   "Dreamina",
	regions: []string{"US", "CA"},
	maxJobs: jobsRange{min: 1, max: 50, byDefault: 10},
	extras: []extraAttribute{{
		name: "session_expires", kind: types.StringType,
		description: "When the Dreamina session useapi.net holds expires, as the service reports it.",
	}},
	about: "An account is its region and email together, and its ID is `REGION:email`, such as " +
		"`US:studio@example.com`: the same email in both regions is two accounts, each with its own resource. " +
		"useapi.net logs in to Dreamina with the given credentials on every create and update. A subscription " +
		"holds up to three Dreamina accounts.\n\n" +
		"Dreamina's refusal of a login comes back from useapi.net as a `500` (*Login failed: invalid " +
		"credentials*): the provider recognises it as a credentials problem, fails at once rather than " +
		"retrying it as a server error, and says to check the email and password.\n\n" +
		"Reading one account at useapi.net may claim the day's free Dreamina credits, so the provider never " +
		"does: refreshes, imports and the `useapi_dreamina_accounts` data source all read useapi.net's list " +
		"of accounts, and a `terraform plan` never claims the credits. For the same reason there is no " +
		"`useapi_dreamina_account` data source of one account's live credits, as some other services have.",
	// The single-account GET may claim the day's free credits: refresh must never cause that.
	calls: callsOf((*useapi.Client).Dreamina, dreaminaAccount, fromList),
}

func dreaminaAccount(key string, a *useapi.DreaminaAccount) account {
	return account{
		id: cmp.Or(key, a.Account), email: a.Email, region: a.Region, maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{"session_expires": types.StringPointerValue(a.SessionExpires)},
	}
}
