package useapi

import (
	"context"
	"net/http"
)

// Subscription is the useapi.net account behind the API token.
type Subscription struct {
	ID                *int64                          `json:"id,omitempty"`
	Email             *string                         `json:"email,omitempty"`
	Name              *string                         `json:"name,omitempty"`
	Active            *bool                           `json:"subscriptionIsActive,omitempty"`
	Subscriptions     *int64                          `json:"subscriptions,omitempty"`
	MaxAccountsPerAPI *int64                          `json:"maxAccountsPerAPI,omitempty"`
	Accounts          map[string]SubscriptionServices `json:"accounts,omitempty"`
	// Sub is the renewal date as YYMMDD.
	Sub *string `json:"sub,omitempty"`
}

// SubscriptionServices counts one service's accounts, keyed in Subscription.Accounts by the service's
// display name, such as "Runway API".
type SubscriptionServices struct {
	Total  *int64 `json:"total,omitempty"`
	Active *int64 `json:"active,omitempty"`
	Error  *int64 `json:"error,omitempty"`
}

// Subscription reads the useapi.net account of the token (GET /v2/account).
func (c *Client) Subscription(ctx context.Context) (*Subscription, error) {
	var out Subscription
	if err := c.do(ctx, http.MethodGet, []string{"v2", "account"}, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
