package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// flowMusicService is useapi_flow_music_account and useapi_flow_music_accounts.
var flowMusicService = &accountService{
	name:  "flow_music",
	title: "Flow Music",
	// "Defaults to the plan tier": no number, so none is recorded as fact.
	maxJobs: jobsRange{min: 1, max: 16, byDefault: 1, defaultAssumed: true},
	credential: &credentialSpec{
		field:     "refresh_token",
		identity:  "email",
		refreshed: true,
		idPattern: emailPattern,
		idForm:    "its email, such as user@example.com",
		what:      "the refresh token",
		where: "the refresh token of a session of https://www.flowmusic.app signed in with the account's Google " +
			"account (useapi.net's *Setup Flow Music* page shows where the browser keeps it)",
		about: "The refresh token of the account's Flow Music session, from which useapi.net reads the account's email.",
		// The pages ask for at least 10 characters.
		validators: []validator.String{stringvalidator.LengthAtLeast(10)},
	},
	extras: []extraAttribute{
		{name: "tier", kind: types.StringType, description: "The account's Flow Music tier, as useapi.net last saw it."},
		{name: "subscription_plan", kind: types.StringType, description: "The account's Google subscription plan, as useapi.net last saw it."},
		{name: "user_id", kind: types.StringType, description: "Flow Music's id of the account."},
	},
	about: "Flow Music (Google Labs) accounts sign in with Google. The account is added with the refresh token of a " +
		"signed-in session, and useapi.net reads from it which account it is: `email` is known after apply. " +
		"useapi.net then refreshes the token by itself, so the token configured here goes stale: it is sent only to add " +
		"the account, to add it again when useapi.net reports it broken, and when it changes. A change of `max_jobs` " +
		"alone is sent without it. Left unset, `max_jobs` follows the account's plan tier. Each useapi.net subscription " +
		"makes room for up to 50 Flow Music accounts.\n\n" +
		"An account set up through useapi.net's automated (remote-browser) setup has a token nobody else holds: " +
		"import it by its email and manage it without `refresh_token`. Refreshes, imports and the " +
		"`useapi_flow_music_accounts` data source read useapi.net's list of accounts, so a plan makes no call to " +
		"Flow Music.\n\n" +
		"When Flow Music ends the session, useapi.net reports the account broken: `error` shows its reason. Sign in " +
		"again, set the new refresh token (with `refresh_token_wo`, bump `refresh_token_wo_version`) and apply.",
	// The single-account GET adds live balances from Flow Music; the list holds everything state needs.
	calls: callsOf((*useapi.Client).FlowMusic, flowMusicAccount, fromList),
	live: &liveRead{
		about: "The balances are Flow Music's, for a healthy account only.",
		attributes: []extraAttribute{
			{name: "credits_remaining", kind: types.Float64Type, description: "The account's Flow Music credits left."},
			{name: "tokens_remaining", kind: types.Float64Type, description: "The account's Flow Music tokens left."},
		},
		read: liveOf((*useapi.Client).FlowMusic, flowMusicAccount, func(a *useapi.FlowMusicAccount) map[string]attr.Value {
			return map[string]attr.Value{"credits_remaining": types.Float64PointerValue(a.CreditsRemaining),
				"tokens_remaining": types.Float64PointerValue(a.TokensRemaining)}
		}),
	},
}

func flowMusicAccount(key string, a *useapi.FlowMusicAccount) account {
	id := cmp.Or(key, a.Email)
	return account{
		id: id, email: id, maxJobs: a.MaxJobs, error: a.Error,
		extras: map[string]attr.Value{
			"tier":              types.StringPointerValue(a.Tier),
			"subscription_plan": types.StringPointerValue(a.SubscriptionPlan),
			"user_id":           types.StringPointerValue(a.UserID),
		},
	}
}
