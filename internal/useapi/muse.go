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
