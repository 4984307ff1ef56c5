package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Accounts are one service's account endpoints. A is the service's account object as it travels on the
// wire; every service shares these four calls and differs only in what its accountsAPI says.
type Accounts[A any] struct {
	client *Client
	api    accountsAPI
}

// accountsAPI is what differs between the services' account endpoints.
type accountsAPI struct {
	// collection is the path of the account list, such as v1/kling/accounts.
	collection []string
	// postToItem says the service takes a POST at /accounts/{email} rather than at /accounts.
	postToItem bool
	// secretFields name the JSON fields, at any depth of a request or an answer, whose values are
	// credentials (the password sent, a session token the service returns): the log shows none of them.
	secretFields []string
}

func newAccounts[A any](c *Client, api accountsAPI) Accounts[A] {
	return Accounts[A]{client: c, api: api}
}

// context marks the service's secret fields on every request of its calls.
func (a Accounts[A]) context(ctx context.Context) context.Context {
	return withSecretFields(ctx, a.api.secretFields...)
}

// AccountInput is what an upsert sends. Fields a service does not take are left at zero and not sent.
type AccountInput struct {
	Email string `json:"email"`
	// Password is the AI site's password. Muse alone accepts none, to change only maxJobs.
	Password string `json:"password,omitempty"`
	// Region is Dreamina's: US or CA.
	Region string `json:"region,omitempty"`
	// MaxJobs is nil to leave the choice to the service, where it has a default.
	MaxJobs *int64 `json:"maxJobs,omitempty"`
}

func (a Accounts[A]) item(key string) []string {
	return append(append([]string(nil), a.api.collection...), key)
}

// Upsert adds the account, or updates it when the service already holds it: every service treats a POST
// of a known account as an update. The password is marked secret for the log and the errors.
func (a Accounts[A]) Upsert(ctx context.Context, in AccountInput) (*A, error) {
	body, err := json.Marshal(in)
	if err != nil {
		return nil, fmt.Errorf("encoding the account: %w", err)
	}
	path := a.api.collection
	if a.api.postToItem {
		path = a.item(in.Email)
	}
	var out A
	if err := a.client.do(WithSecrets(a.context(ctx), in.Password), http.MethodPost, path, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get reads one account by its key. The service's own "not found" is an error matching ErrNotFound.
func (a Accounts[A]) Get(ctx context.Context, key string) (*A, error) {
	var out A
	if err := a.client.do(a.context(ctx), http.MethodGet, a.item(key), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// List reads every account, keyed as the service keys them. None configured is an empty map, whether
// the service says so with {} or with its "Configuration not found" 404.
func (a Accounts[A]) List(ctx context.Context) (map[string]A, error) {
	var out map[string]A
	err := a.client.do(a.context(ctx), http.MethodGet, a.api.collection, nil, &out)
	if errors.Is(err, ErrNotFound) {
		return map[string]A{}, nil
	}
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = map[string]A{}
	}
	return out, nil
}

// Delete removes the account. The service's own "not found" counts as done, so that a retried or
// repeated destroy converges; any other 404 is an error, since it says nothing of the account.
func (a Accounts[A]) Delete(ctx context.Context, key string) error {
	err := a.client.do(a.context(ctx), http.MethodDelete, a.item(key), nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
