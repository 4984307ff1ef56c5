package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// mureka is Mureka's /v1/mureka/accounts, as its pages of January 19, 2026 (updated July 21, 2026)
// describe it: an account is added either with the mureka.ai email and password, which useapi.net keeps
// so that it can log in again by itself (authMode "email"), or with a token and optionally its refresh
// token (authMode "token"). Either way it is named by Mureka's numeric account id.
//
// Documented: the routes; the two POST bodies and the authMode each reports; the 401 "Wrong
// username/password combination." of a refused login; no maxJobs; that the password is kept and masked in
// every answer; that a token without a refresh token lives about 30 days; the account object of the
// earlier pages {account, token "abc…secured…xyz", hasAutoRefresh, tokenIssuedDaysAgo, updated,
// updatedUTC, email?, error?}, the list keyed by account id with an account in error answered as stored,
// and the plain text 404 of GET. Assumed (the July 2026 answers are not visible): where authMode and the
// masked password sit in the object and the mask's form, that a maxJobs sent is ignored, the 404 for an
// empty list (SetEmptyListObject switches it to {}), the 201 of a POST that updates, every 400's text,
// that a refresh_token must be the one issued with the token, that a body of both ways is refused, that
// posting the other way for an account id held switches it, that email mode reports hasAutoRefresh, that
// useapi.net refreshes every token-mode account, the 204 of a DELETE, the error left by a superseded
// token, the display name in GET /v2/account.
var mureka = service{
	name:    Mureka,
	title:   "Mureka",
	display: "Mureka API",

	base:     "/v1/mureka/accounts",
	wildcard: "account",

	created: http.StatusCreated,
	updated: http.StatusCreated,

	cred: &credentialRules{
		field:         "token",
		extra:         "refresh_token",
		extraOptional: true,
		key:           jwtKey("Parameter token must be the mureka.ai token (eyJ…): see Setup Mureka"),
		mint:          mintMureka,
		refreshes:     true,
		badExtra:      refusal{status: http.StatusBadRequest, text: "Parameter refresh_token does not belong to the token"},
		unknown: &refusal{status: http.StatusBadRequest,
			text: "Unable to verify the token with Mureka: sign in at mureka.ai again and copy a fresh token"},
		// After the list example's "Session refresh failed 2026-01-19T14:31:15.000Z, manual update required".
		superseded: "Session refresh failed, manual update required",
		byEmail:    MurekaAccountID,
	},
	badCredentials: refusal{status: http.StatusUnauthorized, text: "Wrong username/password combination."},
	notFound:       murekaNotFound,
	noAccounts:     &murekaNotFound,

	readsStored: true,
	render:      renderMureka,
}

var murekaNotFound = refusal{
	status: http.StatusNotFound,
	text:   "Configuration not found. To create configuration use POST /accounts.",
	form:   plainText,
}

// murekaPasswordMask stands for the stored password in every answer: a fixed mask, so that no part of
// the password (nor its length) shows.
const murekaPasswordMask = "********"

// MurekaAccountID is the Mureka account id the emulated site gives the account of email: nine digits,
// stable, derived from the lower-cased email.
func MurekaAccountID(email string) string {
	return strconv.FormatUint(100_000_000+hash(strings.ToLower(email))%900_000_000, 10)
}

// mintMureka is a JWT-looking token of account id and a refresh token issued with it.
func mintMureka(id string, seed [32]byte, now time.Time) (string, string) {
	payload := fmt.Sprintf(`{"uid":%q,"iat":%d,"exp":%d}`, id, now.Unix(), now.Add(sessionLifetime).Unix())
	refresh := sha256.Sum256(seed[:])
	return jwtOf(payload, seed[:24]), "mrt_" + hex.EncodeToString(refresh[:20])
}

type murekaAccount struct {
	Account            string `json:"account"`
	AuthMode           string `json:"authMode"`
	Email              string `json:"email,omitempty"`
	Password           string `json:"password,omitempty"`
	Token              string `json:"token"`
	HasAutoRefresh     bool   `json:"hasAutoRefresh"`
	TokenIssuedDaysAgo int64  `json:"tokenIssuedDaysAgo"`
	Updated            int64  `json:"updated"`
	UpdatedUTC         string `json:"updatedUTC"`
	Error              string `json:"error,omitempty"`
}

func renderMureka(a *account, _ view, now time.Time) any {
	out := murekaAccount{
		Account:            a.id,
		AuthMode:           "token",
		Token:              shorten(a.secret, "…secured…"),
		HasAutoRefresh:     a.extra != "",
		TokenIssuedDaysAgo: int64(now.Sub(a.loggedIn) / (24 * time.Hour)),
		Updated:            a.updated.Unix(),
		UpdatedUTC:         isoTime(a.updated),
		Error:              a.err,
	}
	if a.byEmail {
		// The token shown is the session of the last login; useapi.net can always log in again.
		out.AuthMode, out.Email, out.Password = "email", a.email, murekaPasswordMask
		out.Token, out.HasAutoRefresh = shorten(a.session, "…secured…"), true
	}
	return out
}

// murekaProfile is GET /v1/mureka/profile/ as https://useapi.net/docs/api-mureka-v1/get-mureka-profile
// shows it (February 13, 2026), with the page's plan and balances. Assumed: the stage name, that the
// account was created on mureka.ai when it was added here, and that the plan ends a month after that.
type murekaProfile struct {
	User          murekaUser `json:"user"`
	CountryCode   string     `json:"country_code"`
	Credits       int        `json:"credits"`
	CreditsSilver int        `json:"credits_silver"`
	FeedListCount int        `json:"feed_list_count"`
}

type murekaUser struct {
	ID            string `json:"id"`
	UserID        int64  `json:"user_id"`
	StageName     string `json:"stage_name"`
	IsVIP         bool   `json:"is_vip"`
	VIPLevel      int    `json:"vip_level"`
	CreatedOn     int64  `json:"created_on"`
	VIPEnd        int64  `json:"vip_end"`
	VIPName       string `json:"vip_name"`
	VIPLevelName  string `json:"vip_level_name"`
	VIPPeriodName string `json:"vip_period_name"`
	CreatedOnUTC  string `json:"created_on_UTC"`
	VIPEndUTC     string `json:"vip_end_UTC"`
}

func renderMurekaProfile(a *account, _ time.Time) any {
	userID, _ := strconv.ParseInt(a.id, 10, 64) // 0 for an id PutAccount was given that is not digits
	end := a.added.AddDate(0, 1, 0)
	return murekaProfile{
		User: murekaUser{
			ID: a.id, UserID: userID, StageName: "User " + a.id, IsVIP: true, VIPLevel: 2,
			CreatedOn: a.added.Unix(), VIPEnd: end.Unix(),
			VIPName: "Monthly Pro", VIPLevelName: "basic", VIPPeriodName: "month",
			CreatedOnUTC: isoTime(a.added), VIPEndUTC: isoTime(end),
		},
		CountryCode:   "US",
		Credits:       500,
		CreditsSilver: 4,
		FeedListCount: 574,
	}
}
