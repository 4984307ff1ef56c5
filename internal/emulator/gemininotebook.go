package emulator

import (
	"cmp"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// geminiNotebook is Gemini Notebook (NotebookLM)'s /v1/gemini-notebook/accounts, as its pages of September
// 29, 2026 describe it (https://useapi.net/docs/api-gemini-notebook-v1/post-gemini-notebook-accounts,
// get-gemini-notebook-accounts, get-gemini-notebook-accounts-email, delete-gemini-notebook-accounts-email):
// the account is added with the cookies of a signed-in Gemini Notebook session (notebook.google.com and
// accounts.google.com), and named by the email Google reads from them. A POST of the email with maxJobs,
// outputLanguage or both, without cookies, changes the settings of an account it holds.
//
// Documented: the routes; the POST bodies {cookies, maxJobs?, outputLanguage?} and {email, maxJobs?,
// outputLanguage?} (JSON or multipart/form-data); that a re-add replaces the cookies and keeps added and
// maxJobs unless a new maxJobs is sent; maxJobs 1 to 10 (the MCP server's tool says so); outputLanguage a
// language code such as en, es, ja, Google's account-wide setting; the list keyed by email of {email,
// tier, googleTier, googleTierCode, maxJobs, added, cookies (the names only), cookiesExpireAt, addedVia,
// limits:{notebooks, sourcesPerNotebook}, health "OK", runningJobs, lastKnownQuota:{windows:[{window,
// resetsAt, usedPercent, remainingPercent}]}}, with the pages' example values (tier "pro", "TIER_PRO", 2,
// 500 notebooks, 300 sources, cookies good for 400 days); that the single read is live and adds the
// output language and the usage windows; the DELETE's 204, its 400 "Path parameter email (…) not a valid
// email" and its 404 {"error":"Account … not found","code":404}; the 401 "useapi.net ⁝ Unauthorized"; 3
// accounts per subscription, up to 100 in total (Options.MaxAccounts).
// Assumed: the cookies it requires (SID, HSID, SSID, OSID) and every other refusal's text; the statuses
// of a POST (201 new, 200 updated) and that its body is the account as the single read shows it; {} for
// no accounts; the default maxJobs (3, the pages' example) and outputLanguage ("en"); the 404 of a
// settings update of an unknown account; that the list omits outputLanguage (it does not call Google),
// and that a settings update stores it even for an account in error; that an account in error reports
// the reason as its health and in error (as Google Flow), and its GET answers as stored without the live
// usage; the free plan's tier, code and limits (Google's own page: 100 notebooks, 50 sources); addedVia
// "api" for cookies posted; the live usage's field name (quota) and values; that useapi.net does not
// refresh the cookies by itself (RefreshCredentials still can).
var geminiNotebook = service{
	name:    GeminiNotebook,
	title:   "Gemini Notebook",
	display: "Gemini Notebook API", // assumed

	base:     "/v1/gemini-notebook/accounts",
	wildcard: "email",

	maxJobs:          jobLimits{min: 1, max: 10, def: googleDefaultJobs},
	passwordOptional: true,
	settings: []setting{{field: "outputLanguage", def: "en", check: func(v string) string {
		if !languageCode.MatchString(v) {
			return fmt.Sprintf("Parameter outputLanguage (%s) must be a language code such as en, es or ja", v) // assumed text
		}
		return ""
	}}},
	created: http.StatusCreated,
	updated: http.StatusOK,

	unauthorized: msgUseapiUnauthorized,
	cred: &credentialRules{
		field: "cookies",
		key: googleCookieKey(geminiNotebookRequired, "Parameter cookies must hold the Google cookies SID, HSID, SSID and OSID: "+
			"copy the cookies of notebook.google.com and accounts.google.com from DevTools, see Setup Gemini Notebook"), // assumed text
		mint:       mintGoogleTable(geminiNotebookCookies, geminiNotebookCookieLifetime),
		superseded: "Google signed the session out: the cookies posted were superseded by the ones useapi.net held. Add the account again with fresh cookies",
	},
	badCredentials: refusal{status: http.StatusBadRequest,
		text: "Google did not accept the cookies: no signed-in Gemini Notebook session. Sign in again and copy fresh cookies, see Setup Gemini Notebook"},
	notFound: refusal{status: http.StatusNotFound, text: "Account {id} not found"},

	badDeleteID: badPathEmail,
	readsStored: true,
	render:      renderGeminiNotebook,
}

// msgUseapiUnauthorized is the 401 text of the Gemini Notebook and Google Vids pages.
const msgUseapiUnauthorized = "useapi.net ⁝ Unauthorized"

// googleDefaultJobs is the maxJobs of a Gemini Notebook or Google Vids account added without one: assumed,
// the value of the pages' examples.
const googleDefaultJobs = 3

// languageCode is what outputLanguage takes: a language code such as en, es, ja, or one with a region or
// script (pt-BR, zh-Hans; assumed).
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$`)

// badPathEmail is the DELETE's 400 for a path that is not an email (Gemini Notebook's and Google Vids'
// words; the check itself, an @ with text on both sides, is assumed).
func badPathEmail(id string) string {
	if local, domain, ok := strings.Cut(id, "@"); !ok || local == "" || domain == "" {
		return "Path parameter email (" + id + ") not a valid email"
	}
	return ""
}

// geminiNotebookRequired are the cookies the emulator requires (assumed); the site knows the session by
// the first.
var geminiNotebookRequired = []string{"SID", "HSID", "SSID", "OSID"}

// geminiNotebookCookies are the rows of a minted table: the cookies the list's example names.
var geminiNotebookCookies = []googleCookieSpec{
	{"SID", ".google.com"}, {"HSID", ".google.com"}, {"SSID", ".google.com"}, {"APISID", ".google.com"},
	{"SAPISID", ".google.com"}, {"LSID", "accounts.google.com"}, {"OSID", "notebook.google.com"},
	{"__Secure-OSID", "notebook.google.com"},
}

// geminiNotebookCookieLifetime is the 400 days between the list example's added and cookiesExpireAt.
const geminiNotebookCookieLifetime = 400 * 24 * time.Hour

type geminiNotebookAccount struct {
	Email           string               `json:"email"`
	Tier            string               `json:"tier"`
	GoogleTier      string               `json:"googleTier"`
	GoogleTierCode  int                  `json:"googleTierCode"`
	MaxJobs         int64                `json:"maxJobs"`
	OutputLanguage  string               `json:"outputLanguage,omitempty"`
	Added           string               `json:"added"`
	Updated         string               `json:"updated,omitempty"`
	Cookies         []string             `json:"cookies"`
	CookiesExpireAt string               `json:"cookiesExpireAt"`
	AddedVia        string               `json:"addedVia"`
	Limits          geminiNotebookLimits `json:"limits"`
	Health          string               `json:"health"`
	Error           string               `json:"error,omitempty"`
	RunningJobs     int                  `json:"runningJobs"`
	LastKnownQuota  geminiNotebookQuota  `json:"lastKnownQuota"`
	Quota           *geminiNotebookQuota `json:"quota,omitempty"` // the single read's live usage (assumed name)
}

type geminiNotebookLimits struct {
	Notebooks          int `json:"notebooks"`
	SourcesPerNotebook int `json:"sourcesPerNotebook"`
}

type geminiNotebookQuota struct {
	Windows []geminiNotebookWindow `json:"windows"`
	// Costs are the Studio actions' estimated costs, in percent of the 5-hour window (the single read's).
	Costs map[string]float64 `json:"estimatedCostPercent,omitempty"`
}

type geminiNotebookWindow struct {
	Window           string  `json:"window"`
	ResetsAt         string  `json:"resetsAt"`
	UsedPercent      float64 `json:"usedPercent"`
	RemainingPercent float64 `json:"remainingPercent"`
}

// geminiNotebookPlan is what Google reports of a plan.
type geminiNotebookPlan struct {
	tier, googleTier string
	code             int
	limits           geminiNotebookLimits
}

var (
	geminiNotebookPro  = geminiNotebookPlan{"pro", "TIER_PRO", 2, geminiNotebookLimits{500, 300}}
	geminiNotebookFree = geminiNotebookPlan{"free", "TIER_FREE", 0, geminiNotebookLimits{100, 50}} // assumed names and code
)

func renderGeminiNotebook(a *account, v view, _ time.Time) any {
	plan := geminiNotebookPro
	if a.free {
		plan = geminiNotebookFree
	}
	out := geminiNotebookAccount{
		Email: a.email, Tier: plan.tier, GoogleTier: plan.googleTier, GoogleTierCode: plan.code,
		MaxJobs: a.maxJobs, Added: isoTime(a.added),
		Cookies:         cookieNames(a.secret),
		CookiesExpireAt: isoTime(a.loggedIn.Add(geminiNotebookCookieLifetime)),
		AddedVia:        addedVia(a),
		Limits:          plan.limits,
		Health:          cmp.Or(a.err, "OK"),
		Error:           a.err,
		LastKnownQuota:  geminiNotebookUsage(a.loggedIn, false),
	}
	if !a.updated.Equal(a.added) {
		out.Updated = isoTime(a.updated)
	}
	if v != viewList { // the list does not call Google
		out.OutputLanguage = a.settings["outputLanguage"]
	}
	if v == viewGet && a.err == "" { // live from Google: an account in error cannot be asked
		live := geminiNotebookUsage(a.loggedIn, true)
		out.Quota = &live
	}
	return out
}

// geminiNotebookUsage is a fresh account's usage windows; with costs, the estimated costs of the Studio
// actions (the values are assumed).
func geminiNotebookUsage(since time.Time, costs bool) geminiNotebookQuota {
	q := geminiNotebookQuota{Windows: []geminiNotebookWindow{
		{Window: "5h", ResetsAt: isoTime(since.Add(5 * time.Hour)), RemainingPercent: 100},
		{Window: "weekly", ResetsAt: isoTime(since.Add(7 * 24 * time.Hour)), RemainingPercent: 100},
	}}
	if costs {
		q.Costs = map[string]float64{"audio": 12.5, "video": 25, "slides": 10, "infographic": 5, "report": 2}
	}
	return q
}

// addedVia is how the cookies an account holds came: a POST's ("api", an assumed value), or useapi.net's
// automated setup ("setup-browser"), as PutAccount adds accounts.
func addedVia(a *account) string {
	if a.posts == 0 {
		return "setup-browser"
	}
	return "api"
}
