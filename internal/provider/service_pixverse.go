package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// pixverseService is useapi_pixverse_account and useapi_pixverse_accounts.
var pixverseService = &accountService{
	name:    "pixverse",
	title:   "PixVerse",
	maxJobs: jobsRange{min: 1, max: 8},
	extras:  []extraAttribute{pixverseSession},
	about: "useapi.net logs in to PixVerse with the given credentials on every create and update. A " +
		"subscription holds up to three PixVerse accounts.\n\n" +
		"PixVerse allows one web session per account: while useapi.net uses the account, its owner's browser " +
		"session is signed out, and signing in to the account in a browser may end the session useapi.net " +
		"holds. Use accounts dedicated to useapi.net. `max_jobs` should not exceed the generations the " +
		"account's PixVerse plan runs at once: check the plan before raising it.",
	calls: callsOf((*useapi.Client).PixVerse, pixverseAccount, fromGet),
}

// pixverseSession is what useapi.net tells of its PixVerse login; the session token itself is never shown.
var pixverseSession = extraAttribute{
	name:        "session",
	description: "The PixVerse session useapi.net holds for the account, as of the last create, update or refresh.",
	fields: []extraAttribute{
		{name: "account_id", kind: types.Int64Type, description: "PixVerse's numeric account ID."},
		{name: "username", kind: types.StringType, description: "The PixVerse user name."},
		{name: "expire_time", kind: types.Int64Type, description: "When the session expires, as the service reports it (compare `expire_time_utc`)."},
		{name: "expire_time_utc", kind: types.StringType, description: "When the session expires, as a UTC time."},
	},
}

func pixverseAccount(key string, a *useapi.PixVerseAccount) account {
	jwt := cmp.Or(a.JWT, &useapi.PixVerseJWT{})
	session := pixverseSession.object(a.JWT != nil, map[string]attr.Value{
		"account_id":      types.Int64PointerValue(jwt.AccountID),
		"username":        types.StringPointerValue(jwt.Username),
		"expire_time":     types.Int64PointerValue(jwt.ExpireTime),
		"expire_time_utc": types.StringPointerValue(jwt.ExpireTimeUTC),
	})
	return account{
		id: key, email: cmp.Or(a.Email, key), maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{"session": session},
	}
}
