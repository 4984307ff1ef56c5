package provider

import (
	"cmp"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// languageCode is a language code such as en, es, ja or pt-BR: it only catches typos; Google decides.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// geminiNotebookLimits is the plan's limits, an object.
var geminiNotebookLimits = extraAttribute{name: "limits", description: "The plan's limits, as Google reported them when the account was added.", fields: []extraAttribute{
	{name: "notebooks", kind: types.Int64Type, description: "How many notebooks the account may hold."},
	{name: "sources_per_notebook", kind: types.Int64Type, description: "How many sources a notebook may hold."},
}}

// geminiNotebookService is useapi_gemini_notebook_account and useapi_gemini_notebook_accounts.
var geminiNotebookService = &accountService{
	name:  "gemini_notebook",
	title: "Gemini Notebook",
	// The pages give no default; the emulator's 3 is assumed, so none is recorded as fact.
	maxJobs: jobsRange{min: 1, max: 10, byDefault: 3, defaultAssumed: true},
	// Every signed-in Google session has SID; which others the service needs it does not say.
	credential: googleCookieCredential(false, "the cookie table of https://notebook.google.com (and "+
		"accounts.google.com), copied from the browser's DevTools while signed in with the account (useapi.net's "+
		"*Setup Gemini Notebook* page shows how)", "The cookies of the account's signed-in Gemini Notebook session, "+
		"from which useapi.net reads the account's email.", "SID"),
	settings: []setting{{
		name: "output_language", wire: useapi.GeminiNotebookOutputLanguage,
		description: "The language Gemini Notebook writes Studio artifacts in, as a language code such as `en`, `es` " +
			"or `ja`: Google's own account-wide setting, so a change is sent to Google.",
		validators: []validator.String{stringvalidator.RegexMatches(languageCode, "must be a language code such as en, es or pt-BR")},
	}},
	extras: []extraAttribute{
		{name: "tier", kind: types.StringType, description: "The account's Gemini Notebook plan (such as `free` or `pro`), as useapi.net last saw it."},
		geminiNotebookLimits,
	},
	about: "Gemini Notebook (NotebookLM) accounts are Google accounts. The account is added with the cookies of a " +
		"signed-in Gemini Notebook session, and useapi.net reads from them which account it is: `email` is known " +
		"after apply. The cookies are sent only to add the account, to add it again when useapi.net reports it " +
		"broken, and when they change; a change of `max_jobs` or `output_language` alone is sent without them " +
		"(`output_language` reaches Google, `max_jobs` stays at useapi.net). Each useapi.net subscription makes " +
		"room for three Gemini Notebook accounts, up to 100 in total.\n\n" +
		"Refreshes, imports and the `useapi_gemini_notebook_accounts` data source read useapi.net's list of " +
		"accounts, which makes no call to Google. The list does not show `output_language`, so a change of it made " +
		"outside Terraform is not seen: state keeps the value this configuration last set or the service last " +
		"answered with. An account set up through useapi.net's automated (remote-browser) setup can be imported " +
		"by its email and managed without `cookies`.\n\n" +
		"When Google signs the session out, useapi.net reports the account's health: `error` shows it. Sign in " +
		"again, set fresh cookies (with `cookies_wo`, bump `cookies_wo_version`) and apply.",
	calls: callsOf((*useapi.Client).GeminiNotebook, geminiNotebookAccount, fromList),
}

func geminiNotebookAccount(key string, a *useapi.GeminiNotebookAccount) account {
	problem := a.Error
	if problem == "" && a.Health != nil && *a.Health != useapi.GeminiNotebookHealthy {
		problem = "health: " + *a.Health
	}
	id := cmp.Or(key, a.Email)
	out := account{id: id, email: id, maxJobs: a.MaxJobs, error: problem,
		settings: map[string]*string{"output_language": a.OutputLanguage},
		extras:   map[string]attr.Value{"tier": types.StringPointerValue(a.Tier)}}
	if l := a.Limits; l != nil {
		out.extras["limits"] = geminiNotebookLimits.object(true, map[string]attr.Value{
			"notebooks": types.Int64PointerValue(l.Notebooks), "sources_per_notebook": types.Int64PointerValue(l.SourcesPerNotebook),
		})
	}
	return out
}
