package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"time"
)

// googleVids is Google Vids' /v1/google-vids/accounts, as its pages of October 7, 2026 describe it
// (https://useapi.net/docs/api-google-vids-v1/post-google-vids-accounts, get-google-vids-accounts,
// get-google-vids-accounts-email, delete-google-vids-accounts-email): the account is added with the
// cookies of a signed-in Google Vids session (docs.google.com, with __Secure-1PSIDTS), and named by the
// email Google reads from them, with the account's monthly limits. The first add creates one Vids
// document on the account (vidsDocId). A free Google account has no Vids allowance and is refused.
//
// Documented: the routes; the POST body {cookies, maxJobs?} (JSON or multipart/form-data); that a re-add
// replaces the cookies and keeps added, maxJobs and the Vids document unless a new maxJobs is sent; the
// credential-less update {email, maxJobs} with maxJobs 1 to 10 (the MCP server's tool says so); that a
// free account is refused with a 400; the list keyed by
// email of {email, maxJobs, added, updated?, cookies (the names only), cookiesExpireAt, vidsDocId,
// limits:{video, image, music}, health "OK"}, with the pages' example values (10000 seconds, 1000 images,
// 300 music, cookies good for 180 days); that the single read is live and adds what is left of each
// allowance; the DELETE's 204, its 400 "Path parameter email (…) not a valid email" and its 404
// {"error":"Account … not found","code":404}; the 401 "useapi.net ⁝ Unauthorized".
// Assumed: the cookies it requires besides __Secure-1PSIDTS (SID) and every refusal's text (the free
// account's, "no Vids allowance (0 seconds of video and 0 images a month)", is built from the page's
// sentence); the statuses of a POST (201 new, 200
// updated) and that its body is the account as the single read shows it; {} for no accounts; the default
// maxJobs (3, the pages' example); the 404 of a maxJobs update of an unknown account; that an account in
// error reports the reason as its health and in error (as Google Flow), and its GET answers as stored
// without the live allowances; that a free account's re-add leaves the account held as it was; the
// form of vidsDocId (44 characters, as the example's) and that a new one is made when an account is added
// again after a DELETE (useapi.net no longer knows the old one); the live allowances' field name (usage)
// and values; that useapi.net does not refresh the cookies by itself (RefreshCredentials still can: a
// browser opening the account renews __Secure-1PSIDTS and ends the copy useapi.net holds).
var googleVids = service{
	name:    GoogleVids,
	title:   "Google Vids",
	display: "Google Vids API", // assumed

	base:     "/v1/google-vids/accounts",
	wildcard: "email",

	maxJobs:          jobLimits{min: 1, max: 10, def: googleDefaultJobs},
	passwordOptional: true,
	created:          http.StatusCreated,
	updated:          http.StatusOK,

	unauthorized: msgUseapiUnauthorized,
	cred: &credentialRules{
		field: "cookies",
		key: googleCookieKey(googleVidsRequired, "Parameter cookies must hold the Google cookies SID and __Secure-1PSIDTS: "+
			"copy the cookies of docs.google.com from DevTools, see Setup Google Vids"), // assumed text
		mint:       mintGoogleTable(googleVidsCookies, googleVidsCookieLifetime),
		superseded: "Google signed the session out: __Secure-1PSIDTS was renewed elsewhere. Add the account again with fresh cookies",
	},
	badCredentials: refusal{status: http.StatusBadRequest,
		text: "Google did not accept the cookies: no signed-in Google Vids session. Sign in again and copy fresh cookies, see Setup Google Vids"},
	freeAccount: &refusal{status: http.StatusBadRequest,
		text: "{id} is a free Google account: it has no Google Vids allowance (0 seconds of video and 0 images a month). Use an account on a paid Google AI plan"},
	notFound: refusal{status: http.StatusNotFound, text: "Account {id} not found"},

	badDeleteID: badPathEmail,
	readsStored: true,
	render:      renderGoogleVids,
}

// googleVidsRequired are the cookies the emulator requires (__Secure-1PSIDTS documented, SID assumed);
// the site knows the session by the first.
var googleVidsRequired = []string{"SID", "__Secure-1PSIDTS"}

// googleVidsCookies are the rows of a minted table: the cookies the list's example names.
var googleVidsCookies = []googleCookieSpec{
	{"SID", ".google.com"}, {"HSID", ".google.com"}, {"SSID", ".google.com"}, {"APISID", ".google.com"},
	{"SAPISID", ".google.com"}, {"__Secure-1PSIDTS", ".google.com"}, {"OSID", "docs.google.com"},
}

// googleVidsCookieLifetime is the 180 days between the list example's added and cookiesExpireAt.
const googleVidsCookieLifetime = 180 * 24 * time.Hour

// The monthly limits of every account: the list example's (a paid Google AI plan).
var googleVidsMonthly = googleVidsLimits{Video: 10000, Image: 1000, Music: 300}

type googleVidsAccount struct {
	Email           string           `json:"email"`
	MaxJobs         int64            `json:"maxJobs"`
	Added           string           `json:"added"`
	Updated         string           `json:"updated,omitempty"`
	Cookies         []string         `json:"cookies"`
	CookiesExpireAt string           `json:"cookiesExpireAt"`
	VidsDocID       string           `json:"vidsDocId"`
	Limits          googleVidsLimits `json:"limits"`
	Health          string           `json:"health"`
	Error           string           `json:"error,omitempty"`
	// Usage is the single read's live allowances (assumed name and form).
	Usage map[string]googleVidsLeft `json:"usage,omitempty"`
}

type googleVidsLimits struct {
	Video int `json:"video"`
	Image int `json:"image"`
	Music int `json:"music"`
}

type googleVidsLeft struct {
	Limit int `json:"limit"`
	Left  int `json:"left"`
}

func renderGoogleVids(a *account, v view, _ time.Time) any {
	out := googleVidsAccount{
		Email: a.email, MaxJobs: a.maxJobs, Added: isoTime(a.added),
		Cookies:         cookieNames(a.secret),
		CookiesExpireAt: isoTime(a.loggedIn.Add(googleVidsCookieLifetime)),
		VidsDocID:       vidsDocID(a),
		Limits:          googleVidsMonthly,
		Health:          cmp.Or(a.err, "OK"),
		Error:           a.err,
	}
	if !a.updated.Equal(a.added) {
		out.Updated = isoTime(a.updated)
	}
	if v == viewGet && a.err == "" { // live from Google: an account in error cannot be asked
		m := googleVidsMonthly
		out.Usage = map[string]googleVidsLeft{
			"video": {m.Video, m.Video}, "image": {m.Image, m.Image}, "music": {m.Music, m.Music},
			"avatarVideo": {20, 20}, "speech": {100, 100},
		}
	}
	return out
}

// vidsDocID is the Vids document made when the account was added: 44 characters, as Google's document
// ids, stable while the account is held (re-adds keep added, so they keep it).
func vidsDocID(a *account) string {
	sum := sha256.Sum256([]byte("vids|" + a.email + "|" + isoTime(a.added)))
	return "1" + base64.RawURLEncoding.EncodeToString(sum[:])[:43]
}
