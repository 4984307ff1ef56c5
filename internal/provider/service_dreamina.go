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
	about: "An account is its region and email together: the same email in another region is another " +
		"account. useapi.net logs in to Dreamina with the given credentials on every create and update. " +
		"Refreshes read the account list: reading one account at useapi.net may claim the day's free credits, " +
		"so the provider never does.",
	// The single-account GET may claim the day's free credits: refresh must never cause that.
	calls: callsOf((*useapi.Client).Dreamina, dreaminaAccount, fromList),
}

func dreaminaAccount(key string, a *useapi.DreaminaAccount) account {
	return account{
		id: cmp.Or(key, a.Account), email: a.Email, region: a.Region, maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{"session_expires": types.StringPointerValue(a.SessionExpires)},
	}
}
