package useapi

// GeminiNotebookAccount is a Gemini Notebook (NotebookLM) account as useapi.net describes it, in its pages
// of September 29, 2026 (https://useapi.net/docs/api-gemini-notebook-v1/get-gemini-notebook-accounts and
// .../get-gemini-notebook-accounts-email). The list and the single read hold the same fields; the read
// adds live usage. Its "cookies" field, a list of the names of the cookies useapi.net holds, is a secret
// field of the service (the POST's cookies hold the session itself): it is deliberately not decoded.
type GeminiNotebookAccount struct {
	// Email is the account's identity, read by useapi.net from Google with the cookies it was added with.
	// A POST's answer is assumed to carry it here too (its body is not visible in the pages).
	Email string `json:"email,omitempty"`
	// Tier is the plan as useapi.net names it ("pro"); GoogleTier and GoogleTierCode are Google's
	// ("TIER_PRO", 2).
	Tier           *string `json:"tier,omitempty"`
	GoogleTier     *string `json:"googleTier,omitempty"`
	GoogleTierCode *int64  `json:"googleTierCode,omitempty"`
	MaxJobs        *int64  `json:"maxJobs,omitempty"`
	// OutputLanguage is Google's account-wide language of Studio artifacts ("en", "es", "ja"). It is the
	// POST's field; that the answers carry it under the same name is assumed (the single read is
	// documented to include the output language, the list is not).
	OutputLanguage  *string `json:"outputLanguage,omitempty"`
	Added           *string `json:"added,omitempty"`
	Updated         *string `json:"updated,omitempty"` // assumed: the pages show it only for Google Vids
	CookiesExpireAt *string `json:"cookiesExpireAt,omitempty"`
	// AddedVia is how the account was added: "setup-browser" for useapi.net's automated setup.
	AddedVia *string               `json:"addedVia,omitempty"`
	Limits   *GeminiNotebookLimits `json:"limits,omitempty"`
	// Health is "OK", or the reason the account needs its cookies posted again.
	Health         *string              `json:"health,omitempty"`
	Error          string               `json:"error,omitempty"` // assumed, as Google Flow's
	RunningJobs    *int64               `json:"runningJobs,omitempty"`
	LastKnownQuota *GeminiNotebookQuota `json:"lastKnownQuota,omitempty"`
}

// GeminiNotebookLimits are the plan's limits Google reported.
type GeminiNotebookLimits struct {
	Notebooks          *int64 `json:"notebooks,omitempty"`
	SourcesPerNotebook *int64 `json:"sourcesPerNotebook,omitempty"`
}

// GeminiNotebookQuota is the last usage useapi.net read from Google: the 5-hour and the weekly window.
type GeminiNotebookQuota struct {
	Windows []GeminiNotebookWindow `json:"windows,omitempty"`
}

// GeminiNotebookWindow is one usage window ("5h", "weekly").
type GeminiNotebookWindow struct {
	Window           *string  `json:"window,omitempty"`
	ResetsAt         *string  `json:"resetsAt,omitempty"`
	UsedPercent      *float64 `json:"usedPercent,omitempty"`
	RemainingPercent *float64 `json:"remainingPercent,omitempty"`
}

// GeminiNotebookHealthy is the health of an account that needs nothing.
const GeminiNotebookHealthy = "OK"

// GeminiNotebookOutputLanguage is the wire field of Gemini Notebook's output language, for
// AccountInput.Settings.
const GeminiNotebookOutputLanguage = "outputLanguage"

// GeminiNotebook is the Gemini Notebook account API, keyed by the email read from the cookies. A POST of
// {"cookies", "maxJobs"?, "outputLanguage"?} adds the account, or re-adds it (the cookies are replaced;
// added and maxJobs are kept unless a new maxJobs is sent); a POST of the email with maxJobs,
// outputLanguage or both, without cookies, changes the settings of an account it holds (maxJobs is kept by
// useapi.net, outputLanguage is sent to Google). maxJobs is 1 to 10. DELETE answers 204, and 404
// {"error":"Account … not found","code":404} for an account it does not hold.
func (c *Client) GeminiNotebook() Accounts[GeminiNotebookAccount] {
	return newAccounts[GeminiNotebookAccount](c, accountsAPI{
		collection: []string{"v1", "gemini-notebook", "accounts"},
		// The pages show only cookies (the POST's session; the answers' cookie names); the others are
		// Google Flow's names for the same credentials, kept secret should an answer ever carry them.
		secretFields: []string{"cookies", "accountCookies", "sessionCookies", "access_token"},
		notFound:     serviceWords(`account \S+ not found$`),
	})
}
