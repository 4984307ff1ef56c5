package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
)

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

// KlingAccountInput is what CreateOrUpdate sends. The password goes with every call: the service
// verifies the Kling login each time and cannot change maxJobs without it.
type KlingAccountInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	MaxJobs  int64  `json:"maxJobs"`
}

// Bounds of maxJobs the service accepts.
const (
	MinMaxJobs = 1
	MaxMaxJobs = 10
)

// accountsPath is the path of the account list, or of one account when an email is given.
func accountsPath(email ...string) []string {
	return append([]string{"v1", "kling", "accounts"}, email...)
}

// CreateOrUpdateKlingAccount adds the account, or updates it when the email is already configured.
func (c *Client) CreateOrUpdateKlingAccount(ctx context.Context, in KlingAccountInput) (*KlingAccount, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encoding the account: %w", err)
	}
	var out KlingAccount
	if err := c.do(withSecrets(ctx, in.Password), http.MethodPost, accountsPath(), body, &out); err != nil {
		return nil, err
	}
	if out.Email == "" {
		out.Email = in.Email
	}
	return &out, nil
}

// GetKlingAccount reads one account with its balance. A missing account is an error matching ErrNotFound.
func (c *Client) GetKlingAccount(ctx context.Context, email string) (*KlingAccount, error) {
	var out KlingAccount
	if err := c.do(ctx, http.MethodGet, accountsPath(email), nil, &out); err != nil {
		return nil, err
	}
	if out.Email == "" {
		out.Email = email
	}
	return &out, nil
}

// ListKlingAccounts reads every account, sorted by email. No account configured is an empty list: the
// service answers that case with a 404.
func (c *Client) ListKlingAccounts(ctx context.Context) ([]KlingAccount, error) {
	var byEmail map[string]KlingAccount
	err := c.do(ctx, http.MethodGet, accountsPath(), nil, &byEmail)
	if errors.Is(err, ErrNotFound) {
		return []KlingAccount{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]KlingAccount, 0, len(byEmail))
	for email, account := range byEmail {
		if account.Email == "" {
			account.Email = email
		}
		out = append(out, account)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Email < out[j].Email })
	return out, nil
}

// DeleteKlingAccount removes the account. Removing one that is already gone succeeds, so that a retried
// or repeated destroy converges instead of failing.
func (c *Client) DeleteKlingAccount(ctx context.Context, email string) error {
	err := c.do(ctx, http.MethodDelete, accountsPath(email), nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
