package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// googleFlowService is useapi_google_flow_account and useapi_google_flow_accounts.
var googleFlowService = &accountService{
	name:  "google_flow",
	title: "Google Flow",
	// Google's session cookies are required: the service does not document its own check (assumed).
	credential: googleCookieCredential(true, "the cookie table of https://accounts.google.com, copied from the "+
		"browser's DevTools (Application, Cookies) while signed in with the account (useapi.net's *Setup Google "+
		"Flow* page shows how)", "The cookie table of the account's signed-in Google session, from which useapi.net "+
		"reads the account's email.", "SID", "__Secure-1PSID", "__Secure-3PSID"),
	extras: []extraAttribute{
		{name: "project_id", kind: types.StringType, description: "The Flow project useapi.net works in."},
		{name: "session_expires", kind: types.StringType, description: "When the Google session useapi.net holds expires, as the service reports it."},
		{name: "next_refresh", kind: types.StringType, description: "When useapi.net next refreshes the session by itself."},
	},
	about: "Google Flow accounts are Google accounts. The account is added with the cookies of a signed-in Google " +
		"session, and useapi.net reads from them which account it is: `email` is known after apply. useapi.net refreshes " +
		"the session about daily by itself (`next_refresh`), so the cookies configured here go stale: they are sent " +
		"only to add the account, to add it again when useapi.net reports it broken, and when they change. Google Flow " +
		"has no `max_jobs`. Each useapi.net subscription makes room for up to 50 Google Flow accounts.\n\n" +
		"Once the account is added, do not use that Google account in a browser: Google may end the session " +
		"useapi.net holds. An account set up through useapi.net's automated (remote-browser) setup can be imported " +
		"by its email and managed without `cookies`. Refreshes, imports and the `useapi_google_flow_accounts` data " +
		"source read useapi.net's list of accounts, so a plan makes no call to Google.\n\n" +
		"When the session ends, useapi.net reports the account's health: `error` shows it. Sign in again, set fresh " +
		"cookies (with `cookies_wo`, bump `cookies_wo_version`) and apply.",
	// The single-account GET adds live health, credits and models from Google; the list holds what state needs.
	calls: callsOf((*useapi.Client).GoogleFlow, googleFlowAccount, fromList),
	live: &liveRead{
		about: "The credits and the paygate tier are Google's, for a healthy account only.",
		attributes: []extraAttribute{
			{name: "credits", kind: types.Float64Type, description: "The account's Google Flow credits left."},
			{name: "paygate_tier", kind: types.StringType, description: "The account's Google paygate tier, such as `PAYGATE_TIER_TWO`."},
		},
		read: liveOf((*useapi.Client).GoogleFlow, googleFlowAccount, func(a *useapi.GoogleFlowAccount) map[string]attr.Value {
			if a.Credits == nil {
				return nil
			}
			return map[string]attr.Value{"credits": types.Float64PointerValue(a.Credits.Credits),
				"paygate_tier": types.StringPointerValue(a.Credits.UserPaygateTier)}
		}),
	},
}

func googleFlowAccount(key string, a *useapi.GoogleFlowAccount) account {
	problem := a.Error
	if problem == "" && a.Health != nil && *a.Health != useapi.GoogleFlowHealthy {
		problem = "health: " + *a.Health
	}
	id := cmp.Or(key, a.Identity())
	out := account{id: id, email: id, error: problem, extras: map[string]attr.Value{}}
	if a.Project != nil {
		out.extras["project_id"] = types.StringPointerValue(a.Project.ProjectID)
	}
	if a.SessionData != nil {
		out.extras["session_expires"] = types.StringPointerValue(a.SessionData.Expires)
	}
	if a.NextRefresh != nil {
		out.extras["next_refresh"] = types.StringPointerValue(a.NextRefresh.ScheduledFor)
	}
	return out
}
