package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// museService is useapi_muse_account and useapi_muse_accounts.
var museService = &accountService{
	name:                    "muse",
	title:                   "Muse",
	maxJobs:                 jobsRange{min: 1, max: 5, byDefault: 2},
	passwordOptionalForJobs: true,
	extras: []extraAttribute{{
		name: "session_expires_at", kind: types.StringType,
		description: "When the Meta session useapi.net holds expires; useapi.net renews it with the stored password.",
	}},
	about: "useapi.net signs in to Meta with the given credentials when the account is added. An update that " +
		"changes only `max_jobs` is sent without the password, so it needs no new sign-in. When Meta asks for a " +
		"security check, the account is saved but paused: `error` says what to do, and the next apply after " +
		"the owner has signed in once in a browser adds it again.",
	// The single-account GET is a slow live read from Meta; the list holds everything state needs.
	calls: callsOf((*useapi.Client).Muse, museAccount, fromList),
}

func museAccount(key string, a *useapi.MuseAccount) account {
	var problem string
	if a.Health != nil && *a.Health != useapi.MuseHealthy {
		problem = *a.Health
	}
	return account{
		id: key, email: cmp.Or(a.Email, key), maxJobs: a.MaxJobs, error: problem,
		extras: map[string]attr.Value{"session_expires_at": types.StringPointerValue(a.SessionExpiresAt)},
	}
}
