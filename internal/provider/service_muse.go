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
	about: "Muse accounts are Meta accounts: useapi.net signs in to Meta with the given credentials when the " +
		"account is added, then renews the 30-day session itself with the stored password. An update that " +
		"changes only `max_jobs` is sent without the password. A subscription holds up to three Muse accounts.\n\n" +
		"Because an update of `max_jobs` alone needs no sign-in, it cannot set off a security check, and it " +
		"succeeds even when the password given is no longer current. Refreshes, imports and the " +
		"`useapi_muse_accounts` data source read useapi.net's list of accounts, not Meta, so a plan stays fast " +
		"and never signs in.\n\n" +
		"Meta sometimes asks for a security check when useapi.net signs in. useapi.net then saves the account " +
		"but pauses it, and the apply records it with `error` set to useapi.net's message and warns *Muse " +
		"account saved, but it needs attention*. To finish, sign in to Meta once in a browser with the " +
		"account and complete the check, then apply again: the plan's in-place update posts the email and " +
		"password again, useapi.net resumes the account, and `error` becomes null. An account that useapi.net " +
		"pauses later, such as one whose session could not be renewed (its health is no longer `OK`), shows " +
		"the same way: `error` says why, and the next apply adds it again.",
	// The single-account GET is a slow live read from Meta; the list holds everything state needs.
	calls: callsOf((*useapi.Client).Muse, museAccount, fromList),
	live: &liveRead{
		about: "The quota is read from Muse for a healthy account; for a paused one (`error` set) it is null.",
		attributes: []extraAttribute{
			{name: "quota_tier", kind: types.StringType, description: "Muse's name of the plan, such as `HATCH_FREE`."},
			{name: "quota_percent_used", kind: types.Float64Type, description: "How much of the weekly allowance is used, in percent."},
			{name: "quota_status", kind: types.StringType, description: "Muse's status of the allowance, such as `SUFFICIENT`."},
			{name: "quota_resets_at", kind: types.StringType, description: "When the weekly allowance renews (RFC 3339)."},
		},
		read: liveOf((*useapi.Client).Muse, museAccount, func(a *useapi.MuseAccount) map[string]attr.Value {
			q := a.Quota
			if q == nil {
				return nil
			}
			return map[string]attr.Value{"quota_tier": types.StringPointerValue(q.Tier), "quota_percent_used": types.Float64PointerValue(q.PercentUsed),
				"quota_status": types.StringPointerValue(q.QuotaStatus), "quota_resets_at": types.StringPointerValue(q.ResetsAt)}
		}),
	},
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
