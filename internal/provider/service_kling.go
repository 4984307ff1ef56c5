package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// klingService is useapi_kling_account and useapi_kling_accounts.
var klingService = &accountService{
	name:    "kling",
	title:   "Kling",
	maxJobs: jobsRange{min: 1, max: 10},
	extras:  []extraAttribute{klingSession},
	about: "useapi.net logs in to Kling with the given credentials on every create and update; `session` shows " +
		"the Kling session it holds. When that session breaks, `error` says so, and the next apply logs in " +
		"again. A subscription holds up to three Kling accounts.",
	listNote: "Balances are not listed; read one account with the `useapi_kling_account` data source.",
	calls:    callsOf((*useapi.Client).Kling, klingAccount, fromGet),
}

// klingSession is the Kling login useapi.net holds, as the resource and both data sources show it.
var klingSession = extraAttribute{
	name:            "session",
	description:     "The Kling session useapi.net holds for the account, as of the last create, update or refresh.",
	dataDescription: "The Kling session useapi.net holds for the account.",
	fields: []extraAttribute{
		{name: "user_id", kind: types.StringType, description: "The Kling user ID."},
		{name: "expire_time", kind: types.Int64Type, description: "When the session expires, as the service reports " +
			"it: a Unix timestamp whose unit useapi.net does not document (compare `expire_time_utc`)."},
		{name: "expire_time_utc", kind: types.StringType, description: "When the session expires, as an RFC 3339 UTC time."},
	},
}

func klingAccount(key string, a *useapi.KlingAccount) account {
	return account{
		id: key, email: cmp.Or(a.Email, key), maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{"session": klingSessionValue(a.Session)},
	}
}

// klingSessionValue maps the service's session; fields it leaves out become null, not zero.
func klingSessionValue(s *useapi.KlingSession) attr.Value {
	sent := cmp.Or(s, &useapi.KlingSession{})
	return klingSession.object(s != nil, map[string]attr.Value{
		"user_id":         types.StringPointerValue(sent.UserID),
		"expire_time":     types.Int64PointerValue(sent.ExpireTime),
		"expire_time_utc": types.StringPointerValue(sent.ExpireTimeUTC),
	})
}
