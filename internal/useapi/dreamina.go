package useapi

// DreaminaAccount is a Dreamina account as the account list describes it.
type DreaminaAccount struct {
	// Account is the service's key, "REGION:email".
	Account        string  `json:"account,omitempty"`
	Email          string  `json:"email,omitempty"`
	Region         string  `json:"region,omitempty"`
	MaxJobs        *int64  `json:"maxJobs,omitempty"`
	SessionExpires *string `json:"sessionExpires,omitempty"`
	Error          string  `json:"error,omitempty"`
}

// Dreamina is the Dreamina account API, keyed by "REGION:email": a different region is a different
// account. Its single-account GET may claim the day's free credits, so callers read accounts from the list.
func (c *Client) Dreamina() Accounts[DreaminaAccount] {
	return newAccounts[DreaminaAccount](c, accountsAPI{
		collection:   []string{"v1", "dreamina", "accounts"},
		secretFields: []string{"password"},
		notFound:     serviceWords(`unable to find configuration for account\b`),
	})
}
