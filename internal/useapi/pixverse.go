package useapi

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
		secretFields: []string{"password", "token"},
		notFound:     serviceWords(`configuration not found\b`),
	})
}
