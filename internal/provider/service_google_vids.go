package provider

import (
	"cmp"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// googleVidsLimits is the account's monthly allowances, an object.
var googleVidsLimits = extraAttribute{name: "monthly_limits", description: "The account's monthly allowances, as Google reported them when the account was added.", fields: []extraAttribute{
	{name: "video_seconds", kind: types.Int64Type, description: "Seconds of video a month."},
	{name: "images", kind: types.Int64Type, description: "Images a month."},
	{name: "music", kind: types.Int64Type, description: "Music tracks a month."},
}}

// googleVidsService is useapi_google_vids_account and useapi_google_vids_accounts.
var googleVidsService = &accountService{
	name:  "google_vids",
	title: "Google Vids",
	// The pages give no default; the emulator's 3 is assumed, so none is recorded as fact.
	maxJobs: jobsRange{min: 1, max: 10, byDefault: 3, defaultAssumed: true},
	// The pages say the cookies must include __Secure-1PSIDTS.
	credential: googleCookieCredential(false, "the cookie table of https://docs.google.com, copied from the "+
		"browser's DevTools while signed in to Google Vids with the account (useapi.net's *Setup Google Vids* page "+
		"shows how)", "The cookies of the account's signed-in Google Vids session (docs.google.com), from which "+
		"useapi.net reads the account's email.", "__Secure-1PSIDTS"),
	extras: []extraAttribute{
		{name: "vids_doc_id", kind: types.StringType, description: "The Google Vids document useapi.net created on the account when it was first added; adding it again keeps it."},
		googleVidsLimits,
	},
	refusals: []refusalAdvice{{
		// Assumed words, from the page's sentence on free accounts; they only choose the advice.
		words: regexp.MustCompile(`(?i)free Google account|no (Google )?Vids allowance`),
		advice: "Google Vids gives a free Google account no monthly allowance, so useapi.net does not add it. Use an " +
			"account on a paid Google AI plan (its cookies), or remove this resource.",
	}},
	about: "Google Vids accounts are Google accounts on a paid Google AI plan. The account is added with the cookies of " +
		"a signed-in Google Vids session, and useapi.net reads from them which account it is, together with its " +
		"monthly limits: `email` is known after apply. The first add creates one Vids document on the account " +
		"(`vids_doc_id`). The cookies are sent only to add the account, to add it again when useapi.net reports it " +
		"broken, and when they change; a change of `max_jobs` alone is sent without them.\n\n" +
		"A free Google account has no Vids allowance and is refused with a `400`: the apply shows useapi.net's words " +
		"and stores nothing. Once the account is added, do not open that Google account in a browser again: the " +
		"session useapi.net holds ends within minutes. Refreshes, imports and the `useapi_google_vids_accounts` data " +
		"source read useapi.net's list of accounts, which makes no call to Google. An account set up through " +
		"useapi.net's automated (remote-browser) setup can be imported by its email and managed without `cookies`.",
	calls: callsOf((*useapi.Client).GoogleVids, googleVidsAccount, fromList),
}

func googleVidsAccount(key string, a *useapi.GoogleVidsAccount) account {
	problem := a.Error
	if problem == "" && a.Health != nil && *a.Health != useapi.GoogleVidsHealthy {
		problem = "health: " + *a.Health
	}
	id := cmp.Or(key, a.Email)
	out := account{id: id, email: id, maxJobs: a.MaxJobs, error: problem,
		extras: map[string]attr.Value{"vids_doc_id": types.StringPointerValue(a.VidsDocID)}}
	if l := a.Limits; l != nil {
		out.extras["monthly_limits"] = googleVidsLimits.object(true, map[string]attr.Value{
			"video_seconds": types.Int64PointerValue(l.Video), "images": types.Int64PointerValue(l.Image),
			"music": types.Int64PointerValue(l.Music),
		})
	}
	return out
}
