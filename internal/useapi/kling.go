package useapi

// KlingAccount is a Kling account as useapi.net describes it. The service marks every field optional, so
// optional ones are pointers: absent stays distinguishable from zero.
type KlingAccount struct {
	Email   string        `json:"email,omitempty"`
	MaxJobs *int64        `json:"maxJobs,omitempty"`
	Session *KlingSession `json:"session,omitempty"`
	Balance *KlingBalance `json:"balance,omitempty"`
	// Error is set by the service when the account is in trouble.
	Error string `json:"error,omitempty"`
}

// KlingSession is the Kling login useapi.net holds for an account. The field casing is the service's.
type KlingSession struct {
	UserID        *string `json:"userId,omitempty"`
	ExpireTime    *int64  `json:"ExpireTime,omitempty"`
	ExpireTimeUTC *string `json:"ExpireTimeUTC,omitempty"`
}

// KlingBalance is an account's Kling credit, returned only when one account is read.
type KlingBalance struct {
	Points        []KlingPoints `json:"points,omitempty"`
	NextApplyTime *int64        `json:"nextApplyTime,omitempty"`
	Total         *float64      `json:"total,omitempty"`
}

// KlingPoints is one grant of Kling credit.
type KlingPoints struct {
	OrderID   *string  `json:"orderId,omitempty"`
	Type      *string  `json:"type,omitempty"`
	Amount    *float64 `json:"amount,omitempty"`
	Balance   *float64 `json:"balance,omitempty"`
	StartTime *int64   `json:"startTime,omitempty"`
	EndTime   *int64   `json:"endTime,omitempty"`
}

// Kling is the Kling account API, keyed by email. The password goes with every POST: the service
// verifies the Kling login each time and cannot change maxJobs without it.
func (c *Client) Kling() Accounts[KlingAccount] {
	return newAccounts[KlingAccount](c, accountsAPI{
		collection:   []string{"v1", "kling", "accounts"},
		secretFields: []string{"password"},
		notFound:     serviceWords(`account configuration not found\b`, `configuration not found\b`),
	})
}
