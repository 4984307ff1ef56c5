package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// runwayService is useapi_runway_account and useapi_runway_accounts.
var runwayService = &accountService{
	name:    "runway",
	title:   "Runway",
	maxJobs: jobsRange{min: 1, max: 10},
	extras:  []extraAttribute{runwaySession},
	about: "useapi.net logs in to Runway with the given credentials on every create and update. Only accounts " +
		"that sign in to Runway with an email and password work, not Google, Apple or single sign-on. A " +
		"subscription holds up to three Runway accounts.\n\n" +
		"Runway's refusals of a login come back from useapi.net as `401`, the same status as a rejected API " +
		"token. When a create or update fails with a `401` in Runway's words, such as *Wrong username/password " +
		"combination.* or *This account has been suspended.*, it is Runway refusing the account, not useapi.net " +
		"refusing your token: the error says so, and the fix is the account's email, password or standing at Runway.",
	calls: callsOf((*useapi.Client).Runway, runwayAccount, fromGet),
	live: &liveRead{
		about:    "The values come from Runway's features of the account.",
		features: true,
		attributes: []extraAttribute{
			{name: "plan_credits", kind: types.Float64Type, description: "The plan's credits for the period."},
			{name: "plan_credits_used", kind: types.Float64Type, description: "The plan's credits used in the period."},
			{name: "storage_gb", kind: types.Float64Type, description: "The plan's storage, in GB."},
		},
		read: featuresOf((*useapi.Client).RunwayFeatures, func(f *useapi.RunwayFeatures) map[string]attr.Value {
			out := map[string]attr.Value{}
			if p := f.Permitted; p != nil {
				out["plan_credits"], out["storage_gb"] = types.Float64PointerValue(p.NumPlanCredits), types.Float64PointerValue(p.StorageGB)
			}
			if u := f.Used; u != nil {
				out["plan_credits_used"] = types.Float64PointerValue(u.NumPlanCredits)
			}
			return out
		}),
	},
}

// runwaySession is what useapi.net tells of its Runway login; the session token itself is never shown.
var runwaySession = extraAttribute{
	name:        "session",
	description: "The Runway session useapi.net holds for the account, as of the last create, update or refresh.",
	fields: []extraAttribute{
		{name: "user_id", kind: types.Int64Type, description: "Runway's numeric user ID."},
		{name: "issued_at", kind: types.Float64Type, description: "When the session began, in Unix seconds."},
		{name: "expires_at", kind: types.Float64Type, description: "When the session expires, in Unix seconds."},
	},
}

func runwayAccount(key string, a *useapi.RunwayAccount) account {
	jwt := cmp.Or(a.JWT, &useapi.RunwayJWT{})
	session := runwaySession.object(a.JWT != nil, map[string]attr.Value{
		"user_id":    types.Int64PointerValue(jwt.ID),
		"issued_at":  types.Float64PointerValue(jwt.Iat),
		"expires_at": types.Float64PointerValue(jwt.Exp),
	})
	return account{
		id: key, email: cmp.Or(a.Email, key), maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{"session": session},
	}
}
