package emulator

import (
	"net/http"
	"strings"
	"time"
)

// pixverse is PixVerse's /v2/pixverse/accounts: Runway's shape with its own session. DELETE is
// undocumented (204 assumed), and so is the wrong-password answer.
var pixverse = service{
	name:    PixVerse,
	title:   "PixVerse",
	display: "PixVerse API",

	base:          "/v2/pixverse/accounts",
	wildcard:      "email",
	postToAccount: true,

	maxJobs: jobLimits{min: 1, max: 8},
	created: http.StatusCreated,
	updated: http.StatusCreated,

	badCredentials: refusal{status: http.StatusBadRequest, text: "Unable to sign in to PixVerse: wrong email or password"},
	notFound:       configurationNotFound,
	noAccounts:     &configurationNotFound,

	render: renderPixVerse,
}

// pixverseJWT is PixVerse's session; ExpireTime is in Unix seconds (assumed: the docs show a placeholder).
type pixverseJWT struct {
	AccountID     int64  `json:"AccountId"`
	ExpireTime    int64  `json:"ExpireTime"`
	ExpireTimeUTC string `json:"ExpireTimeUTC"`
	Username      string `json:"Username"`
	Token         string `json:"token"`
}

func renderPixVerse(a *account, _ view, _ time.Time) any {
	expire := a.loggedIn.Add(sessionLifetime)
	username, _, _ := strings.Cut(a.email, "@")
	return credentialedAccount{
		Email:    a.email,
		Password: PasswordPlaceholder,
		MaxJobs:  a.maxJobs,
		JWT: pixverseJWT{AccountID: fakeID(a.email, 100_000_000), ExpireTime: expire.Unix(),
			ExpireTimeUTC: isoTime(expire), Username: username, Token: a.session},
		Error: a.err,
	}
}
