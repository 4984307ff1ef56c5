package useapi

// RunwayAccount is a Runway account as useapi.net describes it.
type RunwayAccount struct {
	Email   string     `json:"email,omitempty"`
	MaxJobs *int64     `json:"maxJobs,omitempty"`
	JWT     *RunwayJWT `json:"jwt,omitempty"`
	Error   string     `json:"error,omitempty"`
}

// RunwayJWT is the Runway session useapi.net holds. Its token is a Runway credential: it is deliberately
// not decoded, so no caller can keep or show it.
type RunwayJWT struct {
	// Exp and Iat are Unix seconds, with a fraction.
	Exp *float64 `json:"exp,omitempty"`
	Iat *float64 `json:"iat,omitempty"`
	// ID is Runway's numeric user ID.
	ID *int64 `json:"id,omitempty"`
}

// Runway is the Runway account API, keyed by email; a POST goes to the account's own path and repeats the
// email in its body.
func (c *Client) Runway() Accounts[RunwayAccount] {
	return newAccounts[RunwayAccount](c, accountsAPI{
		collection:   []string{"v1", "runwayml", "accounts"},
		postToItem:   true,
		secretFields: []string{"password", "token"},
		notFound:     serviceWords(`configuration not found\b`),
	})
}
