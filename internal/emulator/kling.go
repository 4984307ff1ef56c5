package emulator

import (
	"net/http"
	"strconv"
	"time"
)

// kling is Kling API v1, as docs/useapi-kling-accounts.md describes it.
var kling = service{
	name:    Kling,
	title:   "Kling",
	display: "Kling API",

	base:     "/v1/kling/accounts",
	wildcard: "email",

	maxJobs: jobLimits{min: 1, max: 10},
	created: http.StatusCreated,
	updated: http.StatusCreated,

	badCredentials: refusal{status: http.StatusBadRequest, text: "Account does not exist or password is incorrect", form: jsonBare},
	notFound: refusal{status: http.StatusNotFound, form: plainText,
		text: "Account configuration not found. To create configuration use POST /accounts."},
	noAccounts: &refusal{status: http.StatusNotFound, form: plainText,
		text: "Configuration not found. To create configuration use POST /accounts."},

	render: renderKling,
}

// Points is one grant of Kling credit in an account's balance.
type Points struct {
	OrderID   string  `json:"orderId"`
	Type      string  `json:"type"`
	Amount    float64 `json:"amount"`
	Balance   float64 `json:"balance"`
	StartTime int64   `json:"startTime"`
	EndTime   int64   `json:"endTime"`
}

type klingSession struct {
	UserID        string `json:"userId"`
	ExpireTime    int64  `json:"ExpireTime"`
	ExpireTimeUTC string `json:"ExpireTimeUTC"`
}

type klingBalance struct {
	Points        []Points `json:"points"`
	Tickets       []any    `json:"tickets"`
	NextApplyTime int64    `json:"nextApplyTime"`
	Total         float64  `json:"total"`
}

type klingAccount struct {
	Email    string        `json:"email"`
	Session  klingSession  `json:"session"`
	MaxJobs  int64         `json:"maxJobs"`
	Password string        `json:"password"`
	Error    string        `json:"error,omitempty"`
	Balance  *klingBalance `json:"balance,omitempty"`
}

// renderKling adds the credit balance to a single account's GET, as the service does.
func renderKling(a *account, v view, _ time.Time) any {
	expire := a.loggedIn.Add(sessionLifetime).UTC()
	out := klingAccount{
		Email: a.email,
		Session: klingSession{
			UserID:        "user" + strconv.FormatInt(fakeID(a.email, 100_000_000), 10),
			ExpireTime:    expire.UnixMilli(),
			ExpireTimeUTC: isoTime(expire),
		},
		MaxJobs:  a.maxJobs,
		Password: PasswordPlaceholder,
		Error:    a.err,
	}
	if v == viewGet {
		points := a.points
		if points == nil {
			points = defaultPoints(a)
		}
		b := &klingBalance{Points: append([]Points{}, points...), Tickets: []any{},
			NextApplyTime: a.loggedIn.Truncate(24 * time.Hour).Add(24 * time.Hour).UnixMilli()}
		for _, p := range points {
			b.Total += p.Balance
		}
		out.Balance = b
	}
	return out
}

// defaultPoints is the monthly plan grant an account holds until SetBalance says otherwise.
func defaultPoints(a *account) []Points {
	start := a.added.Truncate(24 * time.Hour)
	return []Points{{
		OrderID:   strconv.FormatInt(fakeID(a.email, 1_000_000_000), 10),
		Type:      "plan",
		Amount:    66000,
		Balance:   56000,
		StartTime: start.UnixMilli(),
		EndTime:   start.Add(30 * 24 * time.Hour).UnixMilli(),
	}}
}
