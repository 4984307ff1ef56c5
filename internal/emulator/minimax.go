package emulator

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// miniMax is MiniMax (Hailuo)'s /v1/minimax/accounts, as its page of September 25, 2024 (updated March
// 17, 2025) describes it: the account is added with a hailuoai.video JWT and the url of a /cursor request
// copied with it, and named by MiniMax's numeric user id read from the token. There is no credential-less
// update: every POST carries token, url and maxJobs.
//
// Documented: the routes, the POST body {url, token, maxJobs} with all three required and maxJobs 1 to 10,
// the 201 and its body {account, jwt:{token "abc…secured…xyz", user, exp, iat, iat_Issued, exp_Expire,
// host, searchParams}, maxJobs}, the list keyed by account, the GET's plain-text 404. Assumed: the empty
// list (the same 404 by default; SetEmptyListObject switches it to {}), the status of a POST that updates
// (201, as Kling's), every refusal's text, that the url must be the one issued with the token, the error
// of an account in the list and the 596 of its GET (as Runway's), the 204 of a DELETE, the user's name
// and avatar, and that useapi.net does not refresh MiniMax tokens by itself (the JWT lives 30 days).
var miniMax = service{
	name:    MiniMax,
	title:   "MiniMax",
	display: "MiniMax API", // the key in the subscription page's sample

	base:     "/v1/minimax/accounts",
	wildcard: "account",

	maxJobs: jobLimits{min: 1, max: 10},
	created: http.StatusCreated,
	updated: http.StatusCreated,

	cred: &credentialRules{
		field:      "token",
		extra:      "url",
		key:        miniMaxToken,
		mint:       mintMiniMax,
		badExtra:   refusal{status: http.StatusBadRequest, text: "Parameter url does not belong to the session of the token"},
		superseded: "MiniMax token expired: sign in to hailuoai.video again and add the account with a fresh token and url",
	},
	badCredentials: refusal{status: http.StatusBadRequest, text: "Unable to verify the token with MiniMax: sign in to hailuoai.video again and copy a fresh token"},
	notFound:       miniMaxNotFound,
	noAccounts:     &miniMaxNotFound,

	render: renderMiniMax,
}

var miniMaxNotFound = refusal{
	status: http.StatusNotFound,
	text:   "Configuration not found. To create configuration use POST /accounts/account.",
	form:   plainText,
}

// miniMaxTokenLifetime is the 30 days between the page's iat and exp.
const miniMaxTokenLifetime = 30 * 24 * time.Hour

// miniMaxJWTHeader is the base64url of {"alg":"HS256","typ":"JWT"}: how every such token begins (Mureka's too).
const miniMaxJWTHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

// miniMaxToken takes what looks like a JWT.
var miniMaxToken = jwtKey("Parameter token must be the hailuoai.video JWT (eyJ…): see Setup MiniMax") // assumed text

// jwtKey is a credential key that takes what looks like a JWT (three dot-separated parts, the first a
// JSON header) as itself, and refuses anything else with problem.
func jwtKey(problem string) func(value string) (string, string) {
	return func(value string) (string, string) {
		parts := strings.Split(value, ".")
		if len(parts) != 3 || slices.Contains(parts, "") || !strings.HasPrefix(value, sessionTokenPrefix) {
			return "", problem
		}
		return value, ""
	}
}

// jwtOf is a JWT-looking token of the JSON payload, signed with seed's bytes: only its shape matters.
func jwtOf(payload string, seed []byte) string {
	return miniMaxJWTHeader + "." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(seed)
}

// mintMiniMax is a token of user id and the url of a /cursor request of the same browser session.
func mintMiniMax(id string, seed [32]byte, now time.Time) (string, string) {
	device := strconv.FormatUint(binary.BigEndian.Uint64(seed[:8])%900_000_000_000_000_000+100_000_000_000_000_000, 10)
	payload := fmt.Sprintf(`{"user":{"id":%q,"deviceID":%q},"iat":%d,"exp":%d}`, id, device, now.Unix(), now.Add(miniMaxTokenLifetime).Unix())
	token := jwtOf(payload, seed[8:])
	query := url.Values{}
	for k, v := range map[string]string{
		"device_platform": "web", "app_id": "3001", "version_code": "22201", "uuid": uuidOf(string(seed[:])),
		"device_id": device, "os_name": "Windows", "browser_name": "chrome", "browser_language": "en-US",
		"screen_width": "1920", "screen_height": "1080", "unix": strconv.FormatInt(now.UnixMilli(), 10),
	} {
		query.Set(k, v)
	}
	return token, "https://hailuoai.video/v1/api/multimodal/video/cursor?" + query.Encode()
}

type miniMaxAccount struct {
	Account string     `json:"account"`
	JWT     miniMaxJWT `json:"jwt"`
	MaxJobs int64      `json:"maxJobs"`
	Error   string     `json:"error,omitempty"`
}

type miniMaxJWT struct {
	Token        string      `json:"token"`
	User         miniMaxUser `json:"user"`
	Exp          float64     `json:"exp"`
	Iat          float64     `json:"iat"`
	IatIssued    string      `json:"iat_Issued"`
	ExpExpire    string      `json:"exp_Expire"`
	Host         string      `json:"host"`
	SearchParams string      `json:"searchParams"`
}

type miniMaxUser struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DeviceID    string `json:"deviceID"`
	IsAnonymous bool   `json:"isAnonymous"`
	Avatar      string `json:"avatar"`
}

func renderMiniMax(a *account, _ view, _ time.Time) any {
	u, _ := url.Parse(a.extra) // nil for a url that does not parse: the fields read from it are empty
	var host, query, device string
	if u != nil {
		host, query, device = u.Host, u.RawQuery, u.Query().Get("device_id")
	}
	iat := float64(a.loggedIn.UnixMilli()) / 1000
	return miniMaxAccount{
		Account: a.id,
		JWT: miniMaxJWT{
			Token: shorten(a.secret, "…secured…"),
			// isAnonymous as the page's examples show it.
			User: miniMaxUser{ID: a.id, Name: "User " + a.id, DeviceID: device, IsAnonymous: true,
				Avatar: "https://cdn.hailuoai.video/avatar/" + a.id + ".png"},
			Exp: iat + miniMaxTokenLifetime.Seconds(), Iat: iat,
			IatIssued: isoTime(a.loggedIn), ExpExpire: isoTime(a.loggedIn.Add(miniMaxTokenLifetime)),
			Host: host, SearchParams: query,
		},
		MaxJobs: a.maxJobs,
		Error:   a.err,
	}
}

// miniMaxFeatures is GET /v1/minimax/features/ as https://useapi.net/docs/api-minimax-v1/get-minimax-features
// shows it, with the page's example values: a Free account with 100 credits that lapse at the end of the
// day. Assumed: that the credits lapse at the end of the UTC day the account is read, and the empty lists
// of models (the page's modelControl names hailuoai.video's models, which the emulator does not model).
type miniMaxFeatures struct {
	PrivilegeType    int                  `json:"privilegeType"`
	TotalCredits     int                  `json:"totalCredits"`
	ExpireText       string               `json:"expireText"`
	VideoCost        int                  `json:"videoCost"`
	QueueLength      int                  `json:"queueLength"`
	MemberText       string               `json:"memberText"`
	MemberHoverText  string               `json:"memberHoverText"`
	ExpireTime       int64                `json:"expireTime"`
	IsNewUser        bool                 `json:"isNewUser"`
	QuestionText     string               `json:"questionText"`
	TrialExpireTime  int64                `json:"trialExpireTime"`
	TrialText        int                  `json:"trialText"`
	MemberName       string               `json:"memberName"`
	NewUserVersion   int                  `json:"newUserVersion"`
	CreditExpireText []miniMaxCreditLapse `json:"creditExpireText"`
	ModelControl     []any                `json:"modelControl"`
}

type miniMaxCreditLapse struct {
	Credit  int   `json:"credit"`
	EndTime int64 `json:"endTime"`
}

// miniMaxFreeCredits are the page's: a Free account's daily credits.
const miniMaxFreeCredits = 100

func renderMiniMaxFeatures(_ *account, now time.Time) any {
	endOfDay := now.UTC().Truncate(24 * time.Hour).Add(24*time.Hour - time.Millisecond)
	return miniMaxFeatures{
		TotalCredits:     miniMaxFreeCredits,
		ExpireText:       strconv.Itoa(miniMaxFreeCredits) + " points will expire within 24 hours",
		VideoCost:        30,
		QueueLength:      3,
		MemberText:       "Subscribe",
		MemberName:       "Free",
		CreditExpireText: []miniMaxCreditLapse{{Credit: miniMaxFreeCredits, EndTime: endOfDay.UnixMilli()}},
		ModelControl:     []any{},
	}
}
