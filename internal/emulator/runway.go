package emulator

import (
	"net/http"
	"time"
)

// runway is Runway's /v1/runwayml/accounts. DELETE is undocumented: 204 is assumed.
var runway = service{
	name:    Runway,
	title:   "Runway",
	display: "Runway API",

	base:          "/v1/runwayml/accounts",
	wildcard:      "email",
	postToAccount: true,

	maxJobs: jobLimits{min: 1, max: 10},
	created: http.StatusOK,
	updated: http.StatusOK,

	badCredentials: refusal{status: http.StatusUnauthorized, text: "Wrong username/password combination."},
	suspended:      &refusal{status: http.StatusUnauthorized, text: "This account has been suspended."},
	notFound:       configurationNotFound,
	noAccounts:     &configurationNotFound,

	render: renderRunway,
}

// runwayJWT is Runway's session: exp and iat are fractional Unix seconds, id is Runway's user id.
type runwayJWT struct {
	Token string  `json:"token"`
	Exp   float64 `json:"exp"`
	Iat   float64 `json:"iat"`
	ID    int64   `json:"id"`
}

// runwayFeatures is GET /v1/runwayml/features/ as https://useapi.net/docs/api-runwayml-v1/get-runwayml-features
// shows it: the page gives only the essential fields of a much larger answer, and so does the emulator,
// with the page's example values (2250 plan credits, 1315 of them used, 500 GB of storage).
type runwayFeatures struct {
	Permitted runwayPermitted `json:"permitted"`
	Used      runwayUsed      `json:"used"`
}

type runwayPermitted struct {
	StorageGB      int `json:"storageGB"`
	NumPlanCredits int `json:"numPlanCredits"`
}

type runwayUsed struct {
	NumPlanCredits int `json:"numPlanCredits"`
}

func renderRunwayFeatures(_ *account, _ time.Time) any {
	return runwayFeatures{
		Permitted: runwayPermitted{StorageGB: 500, NumPlanCredits: 2250},
		Used:      runwayUsed{NumPlanCredits: 1315},
	}
}

func renderRunway(a *account, _ view, _ time.Time) any {
	iat := float64(a.loggedIn.UnixMilli()) / 1000
	return credentialedAccount{
		Email:    a.email,
		Password: PasswordPlaceholder,
		MaxJobs:  a.maxJobs,
		JWT:      runwayJWT{Token: a.session, Exp: iat + sessionLifetime.Seconds(), Iat: iat, ID: fakeID(a.email, 10_000_000)},
		Error:    a.err,
	}
}
