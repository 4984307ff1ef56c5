package useapi

import (
	"context"
)

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

// MiniMaxFeatures is the live state of one MiniMax account on hailuoai.video, as GET
// /v1/minimax/features/?account= answers it (https://useapi.net/docs/api-minimax-v1/get-minimax-features):
// the credits, the plan and what it allows. Only the fields a caller can act on are decoded; the page's
// longer lists (modelControl and the like) are left out on purpose.
type MiniMaxFeatures struct {
	// TotalCredits is the credits left; VideoCost the credits one video takes.
	TotalCredits *float64 `json:"totalCredits,omitempty"`
	VideoCost    *float64 `json:"videoCost,omitempty"`
	// MemberName is the plan ("Free", "Standard", "Unlimited"); PrivilegeType its number (0 for Free).
	MemberName    *string `json:"memberName,omitempty"`
	PrivilegeType *int64  `json:"privilegeType,omitempty"`
	// ExpireTime and TrialExpireTime are Unix milliseconds, 0 when the plan or trial does not expire.
	ExpireTime      *int64 `json:"expireTime,omitempty"`
	TrialExpireTime *int64 `json:"trialExpireTime,omitempty"`
	// QueueLength is how many jobs the plan queues at once.
	QueueLength *int64  `json:"queueLength,omitempty"`
	ExpireText  *string `json:"expireText,omitempty"`
	IsNewUser   *bool   `json:"isNewUser,omitempty"`
	// CreditExpireText is when which credits expire.
	CreditExpireText []MiniMaxCreditExpiry `json:"creditExpireText,omitempty"`
}

// MiniMaxCreditExpiry is one batch of MiniMax credits and the Unix milliseconds at which it lapses.
type MiniMaxCreditExpiry struct {
	Credit  *float64 `json:"credit,omitempty"`
	EndTime *int64   `json:"endTime,omitempty"`
}

// MiniMaxFeatures reads one account's live credits and plan from MiniMax. The service's own "not found"
// for an account it does not hold is an error matching ErrNotFound; an account in an error state is the
// service's 596 APIError.
func (c *Client) MiniMaxFeatures(ctx context.Context, account string) (*MiniMaxFeatures, error) {
	return readLive[MiniMaxFeatures](ctx, c, c.MiniMax().api, "features", "account", account)
}
