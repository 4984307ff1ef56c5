package provider

import (
	"cmp"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// miniMaxService is useapi_minimax_account and useapi_minimax_accounts.
var miniMaxService = &accountService{
	name:    "minimax",
	title:   "MiniMax",
	maxJobs: jobsRange{min: 1, max: 10},
	credential: &credentialSpec{
		field:     "token",
		identity:  "account",
		idPattern: numericID,
		idForm:    "its MiniMax user id, digits such as 1234567890123456",
		what:      "the token and url",
		where: "the `token` and the request URL of a `/cursor` call, both copied from the browser's DevTools while " +
			"signed in at https://hailuoai.video (useapi.net's *Setup MiniMax* page shows where)",
		about: "The hailuoai.video session token (a JWT), from which useapi.net reads the account's MiniMax user id.",
		validators: []validator.String{secretMatches(jwtPattern,
			"must be the hailuoai.video JWT: three dot-separated parts, copied whole, without spaces or line breaks")},
		parts: []credentialPart{{
			name: "url",
			about: "The URL of a `/cursor` request of the same browser session, copied from DevTools; it carries the " +
				"session's device ids, so it is as secret as the token.",
			validators: []validator.String{secretMatches(regexp.MustCompile(`^https://\S+$`), "must be the https URL of the request, copied whole")},
		}},
		jobsNeedIt: true,
	},
	extras: []extraAttribute{
		{name: "user_name", kind: types.StringType, description: "The MiniMax user's display name."},
		{name: "session_expires", kind: types.StringType, description: "When the session token useapi.net holds expires (RFC 3339)."},
	},
	about: "MiniMax (Hailuo) accounts are added with the session token and a request URL copied from a signed-in " +
		"browser, and useapi.net reads from the token which account it is: `account`, MiniMax's numeric user id, is " +
		"known after apply. MiniMax has no update without the token: every change, `max_jobs` included, posts `token` " +
		"and `url` again, and a plan that needs them without them fails at plan time. Otherwise they are sent only to " +
		"add the account, to add it again when useapi.net reports it broken, and when they change.\n\n" +
		"A session token lives about 30 days. When it expires, useapi.net reports the account broken: `error` shows " +
		"its reason. Sign in again, set the new token and url (with the write-only forms, bump `token_wo_version`) " +
		"and apply.",
	calls: callsOf((*useapi.Client).MiniMax, miniMaxAccount, fromGet),
	live: &liveRead{
		about:    "The values come from MiniMax's features of the account.",
		features: true,
		attributes: []extraAttribute{
			{name: "credits", kind: types.Float64Type, description: "The account's MiniMax credits left."},
			{name: "video_cost", kind: types.Float64Type, description: "The credits one video costs."},
			{name: "plan", kind: types.StringType, description: "The account's MiniMax membership, such as `Free`."},
			{name: "queue_length", kind: types.Int64Type, description: "How many jobs MiniMax queues for the account at once."},
		},
		read: featuresOf((*useapi.Client).MiniMaxFeatures, func(f *useapi.MiniMaxFeatures) map[string]attr.Value {
			return map[string]attr.Value{"credits": types.Float64PointerValue(f.TotalCredits), "video_cost": types.Float64PointerValue(f.VideoCost),
				"plan": types.StringPointerValue(f.MemberName), "queue_length": types.Int64PointerValue(f.QueueLength)}
		}),
	},
}

func miniMaxAccount(key string, a *useapi.MiniMaxAccount) account {
	out := account{id: cmp.Or(key, a.Account), maxJobs: a.MaxJobs, error: a.Error, extras: map[string]attr.Value{}}
	if j := a.JWT; j != nil {
		if j.User != nil {
			out.extras["user_name"] = types.StringPointerValue(j.User.Name)
		}
		if j.Exp != nil {
			out.extras["session_expires"] = types.StringValue(time.Unix(int64(*j.Exp), 0).UTC().Format(time.RFC3339))
		}
	}
	return out
}
