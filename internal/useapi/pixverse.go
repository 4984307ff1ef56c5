package useapi

import "context"

// PixVerseFeatures is the live state of one PixVerse account on pixverse.ai, as GET
// /v2/pixverse/features/?email= answers it (https://useapi.net/docs/api-pixverse-v2/get-pixverse-features):
// the plan, its credits and expiry, and how many generations it runs at once. The page's billing links
// (invoice_url, stripe_bill_url) are deliberately not decoded: they open the account's billing.
type PixVerseFeatures struct {
	UserID        *int64  `json:"user_id,omitempty"`
	PlanName      *string `json:"plan_name,omitempty"`
	NextPlanName  *string `json:"next_plan_name,omitempty"`
	CurrentPlan   *int64  `json:"current_plan_type,omitempty"`
	NextPlan      *int64  `json:"next_plan_type,omitempty"`
	CreditDaily   *int64  `json:"credit_daily,omitempty"`
	CreditMonthly *int64  `json:"credit_monthly,omitempty"`
	CreditPackage *int64  `json:"credit_package,omitempty"`
	// The gift fields are the credits the plan grants per day and per month, and once when joining.
	CreditDailyGift   *int64 `json:"credit_daily_gift,omitempty"`
	CreditMonthlyGift *int64 `json:"credit_monthly_gift,omitempty"`
	InitialCreditGift *int64 `json:"initial_credit_gift,omitempty"`
	// ExpiredDate and BillingRenewalDate are RFC 3339 times.
	ExpiredDate        *string `json:"expired_date,omitempty"`
	BillingRenewalDate *string `json:"billing_renewal_date,omitempty"`
	// GenSimultaneously is how many generations the plan runs at once: maxJobs should not exceed it.
	GenSimultaneously *int64 `json:"gen_simultaneously,omitempty"`
	AllowFastMode     *int64 `json:"allow_fast_mode,omitempty"`
	AllowRelaxedMode  *int64 `json:"allow_relaxed_mode,omitempty"`
}

// PixVerseFeatures reads one account's live plan and credits from PixVerse. The service's own "not found"
// for an account it does not hold is an error matching ErrNotFound; an account in an error state is the
// service's 596 APIError.
func (c *Client) PixVerseFeatures(ctx context.Context, email string) (*PixVerseFeatures, error) {
	return readLive[PixVerseFeatures](ctx, c, c.PixVerse().api, "features", "email", email)
}

// PixVerseAccount is a PixVerse account as useapi.net describes it.
type PixVerseAccount struct {
	Email   string       `json:"email,omitempty"`
	MaxJobs *int64       `json:"maxJobs,omitempty"`
	JWT     *PixVerseJWT `json:"jwt,omitempty"`
	Error   string       `json:"error,omitempty"`
}

// PixVerseJWT is the PixVerse session useapi.net holds. Its token is a PixVerse credential: it is
// deliberately not decoded, so no caller can keep or show it.
type PixVerseJWT struct {
	AccountID     *int64  `json:"AccountId,omitempty"`
	ExpireTime    *int64  `json:"ExpireTime,omitempty"`
	ExpireTimeUTC *string `json:"ExpireTimeUTC,omitempty"`
	Username      *string `json:"Username,omitempty"`
}

// PixVerse is the PixVerse account API (v2), keyed by email; a POST goes to the account's own path.
func (c *Client) PixVerse() Accounts[PixVerseAccount] {
	return newAccounts[PixVerseAccount](c, accountsAPI{
		collection:   []string{"v2", "pixverse", "accounts"},
		postToItem:   true,
		secretFields: []string{"password", "token", "invoice_url", "stripe_bill_url"}, // the billing links open the account's billing
		notFound:     serviceWords(`configuration not found\b`),
	})
}
