package useapi

// FlowMusicAccount is a Flow Music (Google Labs) account as useapi.net describes it. Its access and
// refresh tokens are credentials: they are deliberately not decoded, so no caller can keep or show them.
type FlowMusicAccount struct {
	// Email is the account's identity, read by useapi.net from the refresh token it was added with.
	Email            string  `json:"email,omitempty"`
	Tier             *string `json:"tier,omitempty"`
	SubscriptionPlan *string `json:"subscription_plan,omitempty"`
	UserID           *string `json:"user_id,omitempty"`
	MaxJobs          *int64  `json:"maxJobs,omitempty"`
	Added            *string `json:"added,omitempty"`
	RefreshedAt      *string `json:"refreshed_at,omitempty"`
	// CreditsRemaining and TokensRemaining are live, in a single healthy account's read only.
	CreditsRemaining *float64 `json:"credits_remaining,omitempty"`
	TokensRemaining  *float64 `json:"tokens_remaining,omitempty"`
	// Error is set when the account needs to be added again with a fresh refresh token.
	Error string `json:"error,omitempty"`
}

// FlowMusic is the Flow Music account API, keyed by the email read from the refresh token. A POST of the
// email and maxJobs alone, without the token, changes maxJobs of an account it holds.
func (c *Client) FlowMusic() Accounts[FlowMusicAccount] {
	return newAccounts[FlowMusicAccount](c, accountsAPI{
		collection:   []string{"v1", "flowmusic", "accounts"},
		secretFields: []string{"refresh_token", "access_token", "session_id"},
		notFound:     serviceWords(`account \S+ (?:is )?not configured$`),
	})
}
