package useapi

// MiniMaxAccount is a MiniMax (Hailuo) account as useapi.net describes it. The token, the URL it was
// copied with and the device ids in them are credentials: they are deliberately not decoded.
type MiniMaxAccount struct {
	// Account is the account's identity, MiniMax's numeric user id, read by useapi.net from the token.
	Account string      `json:"account,omitempty"`
	MaxJobs *int64      `json:"maxJobs,omitempty"`
	JWT     *MiniMaxJWT `json:"jwt,omitempty"`
	Error   string      `json:"error,omitempty"`
}

// MiniMaxJWT is what useapi.net tells of the MiniMax session it holds.
type MiniMaxJWT struct {
	User *MiniMaxUser `json:"user,omitempty"`
	// Exp and Iat are Unix seconds.
	Exp *float64 `json:"exp,omitempty"`
	Iat *float64 `json:"iat,omitempty"`
}

// MiniMaxUser is the MiniMax user the token belongs to.
type MiniMaxUser struct {
	ID          *string `json:"id,omitempty"`
	Name        *string `json:"name,omitempty"`
	IsAnonymous *bool   `json:"isAnonymous,omitempty"`
}

// MiniMax is the MiniMax account API, keyed by MiniMax's numeric user id. It has no credential-less
// update: changing maxJobs posts the token and URL again.
func (c *Client) MiniMax() Accounts[MiniMaxAccount] {
	return newAccounts[MiniMaxAccount](c, accountsAPI{
		collection:   []string{"v1", "minimax", "accounts"},
		secretFields: []string{"token", "url", "searchParams", "deviceID"},
		notFound:     serviceWords(`configuration not found\b`),
	})
}
