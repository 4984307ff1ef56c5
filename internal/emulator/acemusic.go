package emulator

import (
	"net/http"
	"strconv"
	"time"
)

// aceMusic is ACE Music (acemusic.ai)'s /v1/acemusic/accounts, as its pages of November 14, 2026 describe
// it: Muse's shape. The password may be left out to change only maxJobs of an account already added
// (nothing is sent to ACE Music then), and an account whose stored password ACE Music later refuses is
// paused: the list and its GET report health "error" with the reason in error, until it is posted again.
//
// Documented: the routes, the list object (email, user_id, plan, maxJobs, added, updated once changed,
// health, error), a wrong email or password answering 400 and storing nothing, maxJobs 1 to 4, the 404
// text, and a paused account's GET answering what is stored. Assumed: the default maxJobs (see
// aceMusicDefaultJobs), the POST statuses and that a POST answers the stored account as the list shows
// it, the wrong-password text, {} for an empty list, the 204 of a DELETE (the page says only "The account
// was removed."), the display name in GET /v2/account, and the plan and live fields' values.
var aceMusic = service{
	name:    ACEMusic,
	title:   "ACE Music",
	display: "ACE Music API", // assumed: the key is not shown in the pages

	base:     "/v1/acemusic/accounts",
	wildcard: "email",

	maxJobs:          jobLimits{min: 1, max: 4, def: aceMusicDefaultJobs},
	passwordOptional: true,
	created:          http.StatusCreated, // assumed
	updated:          http.StatusOK,      // assumed

	badCredentials: refusal{status: http.StatusBadRequest, text: "Unable to sign in to ACE Music: wrong email or password"}, // the text is assumed
	notFound:       refusal{status: http.StatusNotFound, text: "Account {id} is not configured"},

	readsStored: true,
	render:      renderACEMusic,
}

// aceMusicDefaultJobs is the maxJobs of an account added without one. Assumed: the pages do not say, and
// their examples show 4 on an account never updated. The provider must not rely on it: every answer
// carries the account's maxJobs.
const aceMusicDefaultJobs = 4

// aceMusicPlan and aceMusicCredits are assumed values: the emulator models no ACE Music plans.
const (
	aceMusicPlan    = "free"
	aceMusicCredits = 16
)

type aceMusicAccount struct {
	Email   string `json:"email"`
	UserID  string `json:"user_id"`
	Plan    string `json:"plan"`
	MaxJobs int64  `json:"maxJobs"`
	Added   string `json:"added"`
	Updated string `json:"updated,omitempty"`
	Error   string `json:"error,omitempty"`
	Health  string `json:"health"`
	// The live part a single-account GET of a healthy account adds, read from ACE Music.
	PlanName string `json:"plan_name,omitempty"`
	Cycle    string `json:"cycle,omitempty"`
	Credits  *int   `json:"credits,omitempty"`
}

func renderACEMusic(a *account, v view, _ time.Time) any {
	out := aceMusicAccount{
		Email:   a.email,
		UserID:  strconv.FormatInt(1_200_000_000+fakeID(a.email, 100_000_000), 10),
		Plan:    aceMusicPlan,
		MaxJobs: a.maxJobs,
		Added:   isoTime(a.added),
		Error:   a.err,
		Health:  "OK",
	}
	if a.updated.After(a.added) {
		out.Updated = isoTime(a.updated)
	}
	if a.err != "" {
		out.Health = "error"
	}
	if v == viewGet && a.err == "" { // a paused account answers what is stored, without asking ACE Music
		credits := aceMusicCredits
		out.PlanName, out.Cycle, out.Credits = "Free", "monthly", &credits
	}
	return out
}
