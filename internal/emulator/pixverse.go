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

// pixverseFeatures is GET /v2/pixverse/features/ as https://useapi.net/docs/api-pixverse-v2/get-pixverse-features
// shows it, with the page's example values: a monthly Pro Plan running 5 generations at once. Assumed:
// that user_id is the session's AccountId, member_id and product_id are derived from the email, the plan
// renews (expired_date, billing_renewal_date) 30 days after the account was added, and the billing links
// are placeholders without the page's Stripe session.
type pixverseFeatures struct {
	UserID             int64  `json:"user_id"`
	MemberID           int64  `json:"member_id"`
	ProductID          int64  `json:"product_id"`
	PlanName           string `json:"plan_name"`
	NextPlanName       string `json:"next_plan_name"`
	NextPlanType       int    `json:"next_plan_type"`
	CurrentPlanType    int    `json:"current_plan_type"`
	Type               int    `json:"type"`
	CreditDaily        int    `json:"credit_daily"`
	CreditDailyGift    int    `json:"credit_daily_gift"`
	InitialCreditGift  int    `json:"initial_credit_gift"`
	CreditMonthly      int    `json:"credit_monthly"`
	CreditMonthlyGift  int    `json:"credit_monthly_gift"`
	CreditPackage      int    `json:"credit_package"`
	ExpiredDate        string `json:"expired_date"`
	Price              string `json:"price"`
	BillingPeriod      int    `json:"billing_period"`
	NextBillingPeriod  int    `json:"next_billing_period"`
	BillingRenewalDate string `json:"billing_renewal_date"`
	Payment            int    `json:"payment"`
	InvoiceURL         string `json:"invoice_url"`
	StripeBillURL      string `json:"stripe_bill_url"`
	GenSimultaneously  int    `json:"gen_simultaneously"`
	AllowFastMode      int    `json:"allow_fast_mode"`
	AllowRelaxedMode   int    `json:"allow_relaxed_mode"`
	AllowUseNewFeat    int    `json:"allow_use_new_feat"`
}

// pixverseConcurrent is the page's gen_simultaneously of the Pro Plan.
const pixverseConcurrent = 5

func renderPixVerseFeatures(a *account, _ time.Time) any {
	renews := a.added.UTC().Truncate(time.Second).Add(30 * 24 * time.Hour).Format(time.RFC3339)
	return pixverseFeatures{
		UserID:    fakeID(a.email, 100_000_000),
		MemberID:  fakeID("member:"+a.email, 10_000_000_000),
		ProductID: fakeID("product:"+a.email, 10_000_000_000),
		PlanName:  "Pro Plan", NextPlanName: "Pro Plan", NextPlanType: 2, CurrentPlanType: 2,
		CreditDaily: 30, CreditDailyGift: 30, CreditMonthly: 5600, CreditMonthlyGift: 6000, CreditPackage: 20,
		ExpiredDate: renews, Price: "30", BillingPeriod: 1, NextBillingPeriod: 1, BillingRenewalDate: renews,
		Payment: 1, InvoiceURL: "https://stripe.pay.pixverse.ai/...", StripeBillURL: "https://stripe.pay.pixverse.ai/...",
		GenSimultaneously: pixverseConcurrent, AllowFastMode: 1, AllowRelaxedMode: 1, AllowUseNewFeat: 1,
	}
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
