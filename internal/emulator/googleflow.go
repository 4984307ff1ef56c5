package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// googleFlow is Google Flow's /v1/google-flow/accounts, as its pages of November 17, 2025 to June 15,
// 2026 describe it: the account is added with the cookie table of a signed-in Google session copied from
// DevTools, and named by the email read from it. No maxJobs; useapi.net refreshes the session about daily.
//
// Documented: the routes, the POST body {cookies}, 201 new / 200 updated and the body {accountCookies,
// sessionCookies (values redacted), sessionData:{user:{name,email,image}, expires, access_token}, created,
// project, nextRefresh}, the list keyed by email of {health "OK" or a reason, error?, created,
// sessionData.expires, project, nextRefresh.scheduledFor}, {} for none, the GET's live health, credits and
// models, the DELETE's 200 {"message"} and 404 {"error"}, {"error":"Unauthorized"} without a code.
// Assumed: the cookies it requires (SID, __Secure-1PSID, __Secure-3PSID) and every refusal's text, that
// its errors carry no code, that the list and GET add the email (the pages' examples mask it; the
// emulator answers it whole), that an account in error answers its GET with the reason as its health and
// no credits or models, the session's 24 hours and the refresh an hour before its end (the pages'
// example), the values of credits and models.
var googleFlow = service{
	name:    GoogleFlow,
	title:   "Google Flow",
	display: "Google Flow API", // assumed

	base:     "/v1/google-flow/accounts",
	wildcard: "email",

	created: http.StatusCreated,
	updated: http.StatusOK,

	bareErrors: true,
	cred: &credentialRules{
		field:      "cookies",
		key:        googleSessionCookie,
		mint:       mintGoogleCookies,
		refreshes:  true,
		superseded: "Session expired: the cookies posted were superseded by the session useapi.net refreshed. Add the account again with fresh cookies",
	},
	badCredentials: refusal{status: http.StatusBadRequest, text: "Cookies do not hold a signed-in Google session", form: jsonBare},
	notFound:       refusal{status: http.StatusNotFound, text: "Google Flow account {id} not found", form: jsonBare},

	readsStored: true,
	render:      renderGoogleFlow,
	deleted: func(id string, _ int) any {
		return map[string]string{"message": "Google Flow account " + id + " deleted"}
	},
}

// googleSessionCookies are the cookies of a signed-in Google session the table must hold; the site knows
// the session by the first.
var googleSessionCookies = []string{"__Secure-1PSID", "SID", "__Secure-3PSID"}

// googleAccountCookies are the rows of a minted table, as accounts.google.com sets them.
var googleAccountCookies = []string{"SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID", "__Secure-3PSID",
	"__Secure-1PSIDTS", "__Secure-3PSIDTS"}

const googleSessionLifetime = 24 * time.Hour

// cookieRow is one row of a DevTools cookie table: Name, Value, Domain, Path, Expires, Size, HttpOnly,
// Secure, SameSite, …, tab-separated.
type cookieRow struct{ name, value, domain, path, expires, httpOnly, secure, sameSite string }

// parseCookieTable reads the rows of a cookie table; a header row and rows without a name are skipped.
func parseCookieTable(table string) []cookieRow {
	var rows []cookieRow
	for line := range strings.SplitSeq(table, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 2 || strings.TrimSpace(f[0]) == "" || f[0] == "Name" {
			continue
		}
		f = append(f, make([]string, 9)...)
		rows = append(rows, cookieRow{strings.TrimSpace(f[0]), f[1], f[2], f[3], f[4], f[6], f[7], f[8]})
	}
	return rows
}

func googleSessionCookie(table string) (string, string) {
	values := map[string]string{}
	for _, row := range parseCookieTable(table) {
		values[row.name] = row.value
	}
	for _, name := range googleSessionCookies {
		if values[name] == "" {
			return "", "Parameter cookies must hold the Google session cookies SID, __Secure-1PSID and __Secure-3PSID: " +
				"copy the cookie table of accounts.google.com from DevTools" // assumed text
		}
	}
	return values[googleSessionCookies[0]], ""
}

// mintGoogleCookies is the cookie table DevTools copies from accounts.google.com of a signed-in session.
func mintGoogleCookies(_ string, seed [32]byte, now time.Time) (string, string) {
	var b strings.Builder
	expires := isoTime(now.Add(400 * 24 * time.Hour))
	for _, name := range googleAccountCookies {
		sum := sha256.Sum256(append(seed[:], name...))
		value := "g.a000" + base64.RawURLEncoding.EncodeToString(sum[:])
		httpOnly, sameSite := "✓", ""
		if name == "SID" || name == "APISID" || name == "SAPISID" {
			httpOnly = ""
		}
		if strings.HasPrefix(name, "__Secure-3") {
			sameSite = "None"
		}
		b.WriteString(strings.Join([]string{name, value, ".google.com", "/", expires, "", httpOnly, "✓", sameSite, "", "", "High"}, "\t") + "\n")
	}
	return b.String(), ""
}

type googleCookie struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Domain   string `json:"domain"`
	Path     string `json:"path"`
	Expires  string `json:"expires"`
	HTTPOnly bool   `json:"httpOnly"`
	Secure   bool   `json:"secure"`
	SameSite string `json:"sameSite"`
}

type googleUser struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Image string `json:"image"`
}

type googleSession struct {
	User        *googleUser `json:"user,omitempty"`
	Expires     string      `json:"expires"`
	AccessToken string      `json:"access_token,omitempty"`
}

type googleProject struct {
	ProjectID    string `json:"projectId"`
	ProjectTitle string `json:"projectTitle"`
}

type googleRefresh struct {
	MessageID    string `json:"messageId,omitempty"`
	ScheduledFor string `json:"scheduledFor"`
}

type googleFlowAccount struct {
	Email          string         `json:"email,omitempty"`
	Created        string         `json:"created"`
	AccountCookies []googleCookie `json:"accountCookies,omitempty"`
	SessionCookies []googleCookie `json:"sessionCookies,omitempty"`
	SessionData    googleSession  `json:"sessionData"`
	Project        googleProject  `json:"project"`
	NextRefresh    googleRefresh  `json:"nextRefresh"`
	Health         string         `json:"health,omitempty"`
	Error          string         `json:"error,omitempty"`
	Credits        map[string]any `json:"credits,omitempty"`
	Models         map[string]any `json:"models,omitempty"`
}

func renderGoogleFlow(a *account, v view, _ time.Time) any {
	expires := a.loggedIn.Add(googleSessionLifetime)
	out := googleFlowAccount{
		Created:     isoTime(a.added),
		SessionData: googleSession{Expires: isoTime(expires)},
		Project:     googleProject{ProjectID: uuidOf("project", a.email), ProjectTitle: a.added.UTC().Format("Jan 02 - 15:04")},
		NextRefresh: googleRefresh{ScheduledFor: isoTime(expires.Add(-time.Hour))},
	}
	if v == viewList {
		out.Email, out.Health, out.Error = a.email, cmp.Or(a.err, "OK"), a.err
		return out
	}
	name, _, _ := strings.Cut(a.email, "@")
	out.SessionData.User = &googleUser{Name: name, Email: a.email, Image: "https://lh3.googleusercontent.com/a/" + uuidOf(a.email)}
	out.SessionData.AccessToken = "ya29." + shortenHead(a.session[len(sessionTokenPrefix):], "...(redacted)")
	out.NextRefresh.MessageID = "msg-" + a.session[len(sessionTokenPrefix):len(sessionTokenPrefix)+12]
	for _, row := range parseCookieTable(a.secret) {
		out.AccountCookies = append(out.AccountCookies, row.redacted())
	}
	out.SessionCookies = []googleCookie{{Name: "__Host-GAPS", Value: shortenHead(a.session, "...(redacted)"), Domain: "labs.google",
		Path: "/", Expires: isoTime(a.loggedIn.Add(30 * 24 * time.Hour)), HTTPOnly: true, Secure: true, SameSite: "Lax"}}
	if v == viewGet {
		out.Email, out.Health, out.Error = a.email, cmp.Or(a.err, "OK"), a.err
		if a.err == "" { // live from Google: an account in error cannot be asked
			out.Credits = map[string]any{"credits": 1250, "userPaygateTier": "PAYGATE_TIER_TWO"}
			out.Models = map[string]any{"videoModels": []map[string]any{
				{"key": "veo_3_1_t2v", "displayName": "Veo 3.1 - Quality", "videoLengthSeconds": 8},
				{"key": "veo_3_1_t2v_fast_ultra", "displayName": "Veo 3.1 - Fast", "videoLengthSeconds": 8},
			}}
		}
	}
	return out
}

func (c cookieRow) redacted() googleCookie {
	return googleCookie{Name: c.name, Value: shortenHead(c.value, "...(redacted)"), Domain: c.domain, Path: c.path,
		Expires: c.expires, HTTPOnly: c.httpOnly == "✓", Secure: c.secure == "✓", SameSite: cmp.Or(c.sameSite, "Lax")}
}

// shortenHead is a secret as Google Flow shows it: its first three characters and marker.
func shortenHead(secret, marker string) string {
	if len(secret) < 8 {
		return marker
	}
	return secret[:3] + marker
}
