package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// murekaService is useapi_mureka_account and useapi_mureka_accounts.
var murekaService = &accountService{
	name:  "mureka",
	title: "Mureka",
	credential: &credentialSpec{
		field:     "token",
		identity:  "account",
		refreshed: true,
		idPattern: numericID,
		idForm:    "its Mureka account id, digits such as 123456789",
		what:      "the token or password",
		where: "the `token` (the access token) and `refresh_token` of a session signed in at https://www.mureka.ai, " +
			"copied from the browser (useapi.net's *Setup Mureka* page shows where), or the email and password of a " +
			"dedicated Mureka account",
		about: "The access token of a Mureka session signed in in a browser, from which useapi.net reads the " +
			"account's Mureka account id: the second of two ways to connect (the other is `email` with the password).",
		// Mureka's tokens are JWTs, copied whole.
		validators: []validator.String{secretMatches(jwtPattern,
			"must be the Mureka access token: three dot-separated parts, copied whole, without spaces or line breaks")},
		parts: []credentialPart{{
			name: "refresh_token",
			about: "The refresh token of the same session, with which useapi.net renews the token by itself. Without " +
				"it the token lives about 30 days, and the account must then be connected again. A new one is sent " +
				"with `token`, so copy both from one fresh session; removing it alone sends nothing, and useapi.net " +
				"keeps what it holds.",
			optional: true,
		}},
		login: &loginWay{
			about: "The login email of a dedicated Mureka account: the first of two ways to connect, which useapi.net " +
				"recommends, because it signs in again by itself whenever Mureka ends the session.",
			password:      "The Mureka account's password, which useapi.net keeps so that it can sign in again by itself.",
			modeAttribute: "auth_mode", byLogin: "email", byCredential: "token",
		},
	},
	extras: []extraAttribute{
		{name: "auth_mode", kind: types.StringType, description: "How useapi.net holds the account: `email` (it signs " +
			"in with the email and password) or `token` (with the session token), as it last said. A configuration " +
			"that gives the email and password while it says `token` sends them again; one that gives the token while " +
			"it says `email` sends nothing and warns, as the token may be stale.",
			dataDescription: "How useapi.net holds the account: `email` (it signs in with the email and password) or " +
				"`token` (with the session token)."},
	},
	about: "Mureka accounts connect in one of two ways, exactly one per resource. With `email` and the password " +
		"(recommended), useapi.net signs in again by itself whenever Mureka ends the session. With `token` (and " +
		"`refresh_token`, where there is one), copied from a signed-in browser, useapi.net renews the token by itself, " +
		"but once the session is revoked or expires the account must be connected again. Either way useapi.net reads " +
		"which account it is: `account`, Mureka's numeric account id, is known after apply, and `auth_mode` says which " +
		"way useapi.net holds it by. Switching from one way to the other on the same account is an update in place.\n\n" +
		"The token or password is sent only to add the account, to add it again when useapi.net reports it broken, " +
		"and when it changes (a new `email` included); the email and password also when `auth_mode` shows the " +
		"account held by a token. A token is never sent unasked: when `auth_mode` shows the account held by its " +
		"email, the plan warns and leaves it as it is. Mureka has no `max_jobs`. An account connected through useapi.net's own pages can be imported by its account id and " +
		"managed without either.\n\n" +
		"When Mureka ends a token's session for good, useapi.net reports the account broken: `error` shows its reason. " +
		"Connect it again (with `token_wo`, bump `token_wo_version`), or switch to `email` and the password, and apply.",
	calls: callsOf((*useapi.Client).Mureka, murekaAccount, fromGet),
	live: &liveRead{
		about:    "The values come from the account's Mureka profile.",
		features: true,
		attributes: []extraAttribute{
			{name: "credits", kind: types.Float64Type, description: "The account's Mureka credits left."},
			{name: "credits_silver", kind: types.Float64Type, description: "The account's silver credits left."},
			{name: "plan", kind: types.StringType, description: "The account's Mureka plan, such as `Monthly Pro`."},
			{name: "plan_level", kind: types.StringType, description: "The plan's level, such as `basic`."},
			{name: "plan_period", kind: types.StringType, description: "The plan's billing period, such as `month`."},
			{name: "plan_ends", kind: types.StringType, description: "When the plan ends, as Mureka writes it (UTC)."},
			{name: "stage_name", kind: types.StringType, description: "The account's Mureka stage name."},
		},
		read: featuresOf((*useapi.Client).MurekaProfile, func(p *useapi.MurekaProfile) map[string]attr.Value {
			out := map[string]attr.Value{"credits": types.Float64PointerValue(p.Credits),
				"credits_silver": types.Float64PointerValue(p.CreditsSilver)}
			var u useapi.MurekaUser
			if p.User != nil {
				u = *p.User
			}
			out["plan"], out["plan_level"] = types.StringPointerValue(u.VIPName), types.StringPointerValue(u.VIPLevelName)
			out["plan_period"], out["plan_ends"] = types.StringPointerValue(u.VIPPeriodName), types.StringPointerValue(u.VIPEndUTC)
			out["stage_name"] = types.StringPointerValue(u.StageName)
			return out
		}),
	},
}

func murekaAccount(key string, a *useapi.MurekaAccount) account {
	return account{id: cmp.Or(key, a.Account), error: a.Error,
		extras: map[string]attr.Value{"auth_mode": types.StringPointerValue(a.AuthMode)}}
}
