package useapi

// MuseAccount is a Muse (Meta) account as the account list describes it.
type MuseAccount struct {
	Email            string  `json:"email,omitempty"`
	MaxJobs          *int64  `json:"maxJobs,omitempty"`
	Added            *string `json:"added,omitempty"`
	Updated          *string `json:"updated,omitempty"`
	SessionExpiresAt *string `json:"sessionExpiresAt,omitempty"`
	// Health is "OK", or the reason the account is paused until it is added again.
	Health *string `json:"health,omitempty"`
	// Quota is the account's plan and weekly usage at Muse. Muse has no features endpoint: the live read
	// is the single-account GET (Muse().Get), which reads it from Muse and saves it
	// (https://useapi.net/docs/api-muse-v1/get-muse-accounts-email); the list shows it as last read. A
	// paused account (Health not OK) is answered as stored, without a call to Muse: its quota is not live.
	Quota *MuseQuota `json:"quota,omitempty"`
}

// MuseQuota is a Muse account's plan and weekly usage, as https://useapi.net/docs/api-muse-v1/get-muse-accounts
// shows it.
type MuseQuota struct {
	// Tier is Muse's name of the plan, such as HATCH_FREE.
	Tier        *string  `json:"tier,omitempty"`
	PercentUsed *float64 `json:"percentUsed,omitempty"`
	// QuotaStatus is SUFFICIENT while the weekly allowance lasts.
	QuotaStatus  *string  `json:"quotaStatus,omitempty"`
	TopupBalance *float64 `json:"topupBalance,omitempty"`
	// ResetsAt is when the weekly allowance renews, ReadAt when the quota was read from Muse: RFC 3339.
	ResetsAt *string `json:"resetsAt,omitempty"`
	ReadAt   *string `json:"readAt,omitempty"`
}

// MuseHealthy is the health of an account that needs nothing.
const MuseHealthy = "OK"

// Muse is the Muse account API, keyed by email. A POST without a password changes only maxJobs of an
// account already added; its single-account GET is a slow live read, so callers read the list.
func (c *Client) Muse() Accounts[MuseAccount] {
	return newAccounts[MuseAccount](c, accountsAPI{
		collection:   []string{"v1", "muse", "accounts"},
		secretFields: []string{"password"},
		notFound:     serviceWords(`account \S+ not found$`),
	})
}
