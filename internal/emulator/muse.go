package emulator

import (
	"net/http"
	"strings"
	"time"
)

// muse is Muse (Meta)'s /v1/muse/accounts: the password may be left out to change only maxJobs, an
// account that needs attention is reported by its health rather than refused, and Meta may ask for a
// security check. The wrong-password text and the malformed-email text are assumed.
var muse = service{
	name:    Muse,
	title:   "Muse",
	display: "Muse API",

	base:     "/v1/muse/accounts",
	wildcard: "email",

	maxJobs:          jobLimits{min: 1, max: 5, def: 2},
	passwordOptional: true,
	created:          http.StatusCreated,
	updated:          http.StatusOK,

	badCredentials: refusal{status: http.StatusUnauthorized, text: "Unable to sign in to Meta: wrong email or password"},
	securityCheck:  "Meta asked for a security check: sign in to meta.ai in a browser once, then add the account again",
	notFound:       refusal{status: http.StatusNotFound, text: "Account {id} not found"},

	badDeleteID: func(id string) string {
		if !strings.Contains(id, "@") {
			return "Parameter email is not a valid email address"
		}
		return ""
	},
	readsStored: true,
	render:      renderMuse,
}

// museQuota is the quota a Muse account reports, as the pages' example shows it (values assumed).
var museQuota = museUsage{Tier: "HATCH_FREE", PercentUsed: 12.5, QuotaStatus: "SUFFICIENT", TopupBalance: 0}

type museAccount struct {
	Email            string    `json:"email"`
	MaxJobs          int64     `json:"maxJobs"`
	Added            string    `json:"added"`
	Updated          string    `json:"updated"`
	SessionExpiresAt string    `json:"sessionExpiresAt"`
	Quota            museUsage `json:"quota"`
	Health           string    `json:"health"`
}

type museUsage struct {
	Tier         string  `json:"tier"`
	PercentUsed  float64 `json:"percentUsed"`
	ResetsAt     string  `json:"resetsAt"`
	QuotaStatus  string  `json:"quotaStatus"`
	TopupBalance float64 `json:"topupBalance"`
	ReadAt       string  `json:"readAt"`
}

func renderMuse(a *account, _ view, now time.Time) any {
	health := a.err
	if health == "" {
		health = "OK"
	}
	quota := museQuota
	quota.ResetsAt = isoTime(now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)) // assumed: daily
	quota.ReadAt = isoTime(a.loggedIn)
	return museAccount{
		Email:            a.email,
		MaxJobs:          a.maxJobs,
		Added:            isoTime(a.added),
		Updated:          isoTime(a.updated),
		SessionExpiresAt: isoTime(a.loggedIn.Add(sessionLifetime)),
		Quota:            quota,
		Health:           health,
	}
}
