package emulator

import (
	"net/http"
	"time"
)

// dreamina is Dreamina's /v1/dreamina/accounts, whose accounts live in a region: the ID is REGION:email.
// Its error bodies carry no "code", and a wrong password answers 500: a final answer, not a fault.
var dreamina = service{
	name:    Dreamina,
	title:   "Dreamina",
	display: "Dreamina API",

	base:     "/v1/dreamina/accounts",
	wildcard: "account",

	maxJobs: jobLimits{min: 1, max: 50, def: 10},
	regions: []string{"US", "CA"},
	created: http.StatusOK,
	updated: http.StatusOK,

	bareErrors:     true,
	noSubscription: "Account has no subscription or subscription expired",
	badCredentials: refusal{status: http.StatusInternalServerError, text: "Login failed: invalid credentials", form: jsonBare},
	notFound:       refusal{status: http.StatusNotFound, text: "Unable to find configuration for account {id}", form: jsonBare},

	render: renderDreamina,
	deleted: func(id string, remaining int) any {
		return dreaminaDeleted{Account: id, Deleted: true, Remaining: remaining}
	},
}

// dreaminaSessionLifetime is the 60 days the docs' example shows between refresh and expiry.
const dreaminaSessionLifetime = 60 * 24 * time.Hour

// dreaminaSummary is an account as the list shows it.
type dreaminaSummary struct {
	Account        string `json:"account"`
	Email          string `json:"email"`
	Region         string `json:"region"`
	MaxJobs        int64  `json:"maxJobs"`
	SessionExpires string `json:"sessionExpires"`
	Error          string `json:"error,omitempty"`
}

// dreaminaAccount is an account with the live details a POST or a single GET adds.
type dreaminaAccount struct {
	dreaminaSummary
	Session dreaminaSession     `json:"session"`
	Models  map[string][]string `json:"models"`
	Credits dreaminaCredits     `json:"credits"`
}

type dreaminaSession struct {
	Expires         string `json:"expires"`
	LastRefreshed   string `json:"lastRefreshed"`
	DaysUntilExpiry int    `json:"daysUntilExpiry"`
}

type dreaminaCredits struct {
	Total        int  `json:"total"`
	VIP          int  `json:"vip"`
	Gift         int  `json:"gift"`
	Purchase     int  `json:"purchase"`
	DailyClaimed bool `json:"dailyClaimed"`
}

type dreaminaDeleted struct {
	Account   string `json:"account"`
	Deleted   bool   `json:"deleted"`
	Remaining int    `json:"remaining"`
}

func renderDreamina(a *account, v view, now time.Time) any {
	expires := a.loggedIn.Add(dreaminaSessionLifetime)
	summary := dreaminaSummary{Account: a.id, Email: a.email, Region: a.region, MaxJobs: a.maxJobs,
		SessionExpires: isoTime(expires), Error: a.err}
	if v == viewList {
		return summary
	}
	return dreaminaAccount{
		dreaminaSummary: summary,
		Session: dreaminaSession{Expires: isoTime(expires), LastRefreshed: isoTime(a.loggedIn),
			DaysUntilExpiry: int(expires.Sub(now).Hours() / 24)},
		Models: map[string][]string{"video": {"seedance-2.0", "dreamina-3.0"}, "image": {"seedream-4.0"}},
		// Every single-account GET claims the day's free credits, so a read one reports them claimed.
		Credits: dreaminaCredits{Total: 500, VIP: 200, Gift: 200, Purchase: 100, DailyClaimed: a.reads > 0},
	}
}
