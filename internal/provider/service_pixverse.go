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
		"account's PixVerse plan runs at once, which the `useapi_pixverse_account` data source shows as " +
		"`concurrent_generations`: a higher `max_jobs` only queues jobs at PixVerse. Check it before raising " +
		"`max_jobs`, for example in a `precondition`.",
	calls: callsOf((*useapi.Client).PixVerse, pixverseAccount, fromGet),
	live: &liveRead{
		about: "The values come from PixVerse's features of the account. `concurrent_generations` is how many " +
			"generations the plan runs at once: a `max_jobs` above it only queues jobs at PixVerse.",
		features: true,
		attributes: []extraAttribute{
			{name: "plan", kind: types.StringType, description: "The account's PixVerse plan, such as `Pro Plan`."},
			{name: "credits_daily", kind: types.Int64Type, description: "Daily credits left."},
			{name: "credits_monthly", kind: types.Int64Type, description: "Monthly credits left."},
			{name: "credits_package", kind: types.Int64Type, description: "Credits of bought packages left."},
			{name: "expires", kind: types.StringType, description: "When the plan expires, as PixVerse reports it."},
			{name: "concurrent_generations", kind: types.Int64Type, description: "How many generations the plan runs at once."},
		},
		read: featuresOf((*useapi.Client).PixVerseFeatures, func(f *useapi.PixVerseFeatures) map[string]attr.Value {
			return map[string]attr.Value{
				"plan": types.StringPointerValue(f.PlanName), "credits_daily": types.Int64PointerValue(f.CreditDaily),
				"credits_monthly": types.Int64PointerValue(f.CreditMonthly), "credits_package": types.Int64PointerValue(f.CreditPackage),
				"expires": types.StringPointerValue(f.ExpiredDate), "concurrent_generations": types.Int64PointerValue(f.GenSimultaneously),
			}
		}),
	},
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
