package emulator

import (
	"encoding/base32"
	"net/http"
	"strings"
	"time"
)

// flowMusic is Flow Music (Google Labs)'s /v1/flowmusic/accounts, as its pages of June 3, 2026 describe
// it: the account is added with a refresh token, and named by the email read from it. A POST of email
// and maxJobs alone changes maxJobs without a refresh; useapi.net refreshes the token it holds by itself.
//
// Documented: the routes, the record (email, tier, subscription_plan, provider, user_id, maxJobs, added,
// refreshed_at, refreshed_count, access_token and refresh_token redacted, access_token_expires_at,
// session_id), 201 new / 200 existing, {} for no accounts, error only on an account that needs
// re-authentication, the live credits_remaining and tokens_remaining of a healthy account's GET, maxJobs 1
// to 16, a 400 for a missing token ("Parameter refresh_token is required") and for one that fails to
// refresh, the 204 of a DELETE, a 404 for an unknown account, a token of at least 10 characters (the
// pages' "≥10 chars"; the project's summary of them says 8). Assumed: every text but the missing token's,
// the default maxJobs (see flowMusicDefaultJobs), the 404 of an email-only update of an unknown account
// (see updateSettings), the refusal of a token sent alongside an email, the plan of every account (the
// pages' example), the live balances' values, the display name in GET /v2/account.
var flowMusic = service{
	name:    FlowMusic,
	title:   "Flow Music",
	display: "Flow Music API", // assumed

	base:     "/v1/flowmusic/accounts",
	wildcard: "email",

	maxJobs:          jobLimits{min: 1, max: 16, def: flowMusicDefaultJobs},
	passwordOptional: true,
	created:          http.StatusCreated,
	updated:          http.StatusOK,

	cred: &credentialRules{
		field:      "refresh_token",
		key:        flowMusicToken,
		mint:       mintFlowMusicToken,
		refreshes:  true,
		superseded: "Refresh token reuse detected: Flow Music ended the session. Add the account again with a fresh refresh_token",
	},
	badCredentials: refusal{status: http.StatusBadRequest, text: "Unable to refresh the Flow Music session: the refresh token is invalid or expired"},
	notFound:       refusal{status: http.StatusNotFound, text: "Account {id} not configured"},

	readsStored: true,
	render:      renderFlowMusic,
}

// flowMusicDefaultJobs is the maxJobs of an account added without one ("defaults to the plan tier").
// Assumed: the emulator puts every account on the pages' example plan and gives it this default.
const flowMusicDefaultJobs = 4

// flowMusicMinToken is the shortest refresh token the pages take ("≥10 chars").
const flowMusicMinToken = 10

// The live balances a healthy account's GET adds: the pages' example values.
const (
	flowMusicCredits = 5000
	flowMusicTokens  = 60000
)

func flowMusicToken(value string) (string, string) {
	if len(value) < flowMusicMinToken {
		return "", "Parameter refresh_token must be at least 10 characters" // assumed text
	}
	return value, ""
}

// mintFlowMusicToken is a refresh token like the pages' "bdykxtrr5eaf...": 40 lowercase letters and digits.
func mintFlowMusicToken(_ string, seed [32]byte, _ time.Time) (string, string) {
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(seed[:25])), ""
}

type flowMusicAccount struct {
	Email                string `json:"email"`
	Tier                 string `json:"tier"`
	SubscriptionPlan     string `json:"subscription_plan,omitempty"`
	Provider             string `json:"provider,omitempty"`
	UserID               string `json:"user_id"`
	MaxJobs              int64  `json:"maxJobs"`
	Added                string `json:"added"`
	RefreshedAt          string `json:"refreshed_at"`
	RefreshedCount       int    `json:"refreshed_count"`
	AccessToken          string `json:"access_token"`
	AccessTokenExpiresAt string `json:"access_token_expires_at"`
	RefreshToken         string `json:"refresh_token"`
	SessionID            string `json:"session_id"`
	Error                string `json:"error,omitempty"`
	CreditsRemaining     *int   `json:"credits_remaining,omitempty"`
	TokensRemaining      *int   `json:"tokens_remaining,omitempty"`
}

func renderFlowMusic(a *account, v view, _ time.Time) any {
	out := flowMusicAccount{
		Email:                a.email,
		Tier:                 "plus",
		SubscriptionPlan:     "plus-monthly",
		Provider:             "g1_entitlement",
		UserID:               uuidOf(string(FlowMusic), a.email),
		MaxJobs:              a.maxJobs,
		Added:                isoTime(a.added),
		RefreshedAt:          isoTime(a.loggedIn),
		RefreshedCount:       a.refreshes,
		AccessToken:          shorten(a.session, "…redacted…"),
		AccessTokenExpiresAt: isoTime(a.loggedIn.Add(time.Hour)),
		RefreshToken:         shorten(a.secret, "…redacted…"),
		SessionID:            uuidOf(a.session),
		Error:                a.err,
	}
	if v == viewGet && a.err == "" { // an account in error omits them: its balance cannot be queried
		credits, tokens := flowMusicCredits, flowMusicTokens
		out.CreditsRemaining, out.TokensRemaining = &credits, &tokens
	}
	return out
}
