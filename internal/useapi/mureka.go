package useapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
)

// MurekaAccount is a Mureka account as useapi.net describes it. Its token, the password it keeps and
// the session cookie of the older Google sign-in are credentials: they are deliberately not decoded.
type MurekaAccount struct {
	// Account is the account's identity, Mureka's numeric account id, in either way of adding it. The
	// pages write it as a string; a number is taken too (see UnmarshalJSON).
	Account string `json:"account,omitempty"`
	// AuthMode is how useapi.net holds the account: "email" (it signs in with the email and password) or
	// "token" (with the session token); absent from the answers of the earlier pages.
	AuthMode *string `json:"authMode,omitempty"`
	// Email is the Mureka login, in email mode.
	Email *string `json:"email,omitempty"`
	// HasAutoRefresh says useapi.net can renew the session by itself; without it the token lives about
	// 30 days.
	HasAutoRefresh     *bool   `json:"hasAutoRefresh,omitempty"`
	TokenIssuedDaysAgo *int64  `json:"tokenIssuedDaysAgo,omitempty"`
	UpdatedUTC         *string `json:"updatedUTC,omitempty"`
	// Error is set when the account must be connected again.
	Error string `json:"error,omitempty"`
}

// UnmarshalJSON takes the account id as a JSON string or a number: the pages write it as a string, but
// it is a number on Mureka's side (the profile's user_id), and reading either keeps an answer that
// changes its form from looking like an account without an identity.
func (a *MurekaAccount) UnmarshalJSON(data []byte) error {
	type plain MurekaAccount // without this method
	var wire struct {
		plain
		Account json.RawMessage `json:"account,omitempty"` // shadows plain's
	}
	if err := json.Unmarshal(data, &wire); err != nil {
		return err
	}
	*a = MurekaAccount(wire.plain)
	raw := bytes.TrimSpace(wire.Account)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, &a.Account); err == nil {
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return fmt.Errorf("account is neither a string nor a number")
	}
	a.Account = n.String()
	return nil
}

// Mureka is the Mureka account API, keyed by Mureka's numeric account id. A POST takes either the email
// and password ({"email", "password"}) or a token with its optional refresh token ({"token",
// "refresh_token"}); there is no maxJobs.
func (c *Client) Mureka() Accounts[MurekaAccount] {
	return newAccounts[MurekaAccount](c, accountsAPI{
		collection:   []string{"v1", "mureka", "accounts"},
		secretFields: []string{"token", "refresh_token", "password", "sessionCookie"},
		notFound:     serviceWords(`configuration not found\b`),
	})
}

// MurekaProfile is the live state of one Mureka account on mureka.ai, as GET /v1/mureka/profile/?account=
// answers it (https://useapi.net/docs/api-mureka-v1/get-mureka-profile): the plan and the balances. Only
// the fields a caller can act on are decoded.
type MurekaProfile struct {
	User        *MurekaUser `json:"user,omitempty"`
	CountryCode *string     `json:"country_code,omitempty"`
	// Credits and CreditsSilver are the balances left.
	Credits       *float64 `json:"credits,omitempty"`
	CreditsSilver *float64 `json:"credits_silver,omitempty"`
}

// MurekaUser is the Mureka user of a profile and the plan it is on.
type MurekaUser struct {
	ID        *string `json:"id,omitempty"`
	StageName *string `json:"stage_name,omitempty"`
	IsVIP     *bool   `json:"is_vip,omitempty"`
	// VIPName is the plan ("Monthly Pro"), VIPLevelName its level ("basic"), VIPPeriodName its billing
	// period ("month"), VIPEndUTC when it ends.
	VIPName       *string `json:"vip_name,omitempty"`
	VIPLevelName  *string `json:"vip_level_name,omitempty"`
	VIPPeriodName *string `json:"vip_period_name,omitempty"`
	VIPEndUTC     *string `json:"vip_end_UTC,omitempty"`
}

// MurekaProfile reads one account's live plan and credits from Mureka. The service's own "not found"
// for an account it does not hold is an error matching ErrNotFound; an account in an error state is the
// service's 596 APIError.
func (c *Client) MurekaProfile(ctx context.Context, account string) (*MurekaProfile, error) {
	return readLive[MurekaProfile](ctx, c, c.Mureka().api, "profile", "account", account)
}
