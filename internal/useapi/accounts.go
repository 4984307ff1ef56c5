package useapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
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
	// notFound matches the service's own words in a 404 for an account it does not hold (and, where the
	// service answers so, for an empty list). Only those words make an error match ErrNotFound: a 404 in
	// others (a wrong base URL, a proxy's page) says nothing of the account.
	notFound *regexp.Regexp
}

// serviceWords matches a text that starts with any of the given patterns, ignoring case: a service's
// documented sentences, with \S+ where they name the account.
func serviceWords(patterns ...string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)^(?:` + strings.Join(patterns, "|") + `)`)
}

// call runs one request of the service, and marks a 404 in the service's own not-found words as such.
func (a Accounts[A]) call(ctx context.Context, method string, segments []string, body []byte, out any) error {
	return a.callQuery(ctx, method, segments, nil, body, out)
}

// callQuery is call for an endpoint that also takes a query.
func (a Accounts[A]) callQuery(ctx context.Context, method string, segments []string, query url.Values, body []byte, out any) error {
	err := a.client.doQuery(withSecretFields(ctx, a.api.secretFields...), method, segments, query, body, out)
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound && a.api.notFound != nil {
		apiErr.notFound = a.api.notFound.MatchString(apiErr.Message)
	}
	return err
}

func newAccounts[A any](c *Client, api accountsAPI) Accounts[A] {
	return Accounts[A]{client: c, api: api}
}

// AccountInput is what an upsert sends. Fields a service does not take are left at zero and not sent.
type AccountInput struct {
	// Email names the account, where the user names it; a service that reads the account from its
	// credential takes it only to change the settings of an account it holds (Flow Music's maxJobs).
	Email string
	// Password is the AI site's password, for the services whose accounts the user names. Empty sends
	// none: Muse and ACE Music then change only maxJobs of an account they hold.
	Password string
	// Region is Dreamina's: US or CA.
	Region string
	// MaxJobs is nil to leave the choice to the service, where it has a default.
	MaxJobs *int64
	// Credential is, for the services that read from it which account it is, the proof by its wire
	// fields: {"refresh_token": …}, {"cookies": …}, {"token": …, "url": …}. Empty values are not sent.
	Credential map[string]string
	// Settings are further settings by wire field, such as Gemini Notebook's outputLanguage; empty values
	// are not sent. They are sent as top-level fields next to the others, which win over a setting of the
	// same name. They are not secret: the log shows them.
	Settings map[string]string
}

// MarshalJSON writes the body as the services take it: one object with the fields that are set.
func (in AccountInput) MarshalJSON() ([]byte, error) {
	body := make(map[string]any, 4+len(in.Credential)+len(in.Settings))
	for _, fields := range []map[string]string{in.Settings, in.Credential} {
		for field, value := range fields {
			if value != "" {
				body[field] = value
			}
		}
	}
	for field, value := range map[string]string{"email": in.Email, "password": in.Password, "region": in.Region} {
		if value != "" {
			body[field] = value
		}
	}
	if in.MaxJobs != nil {
		body["maxJobs"] = *in.MaxJobs
	}
	return json.Marshal(body)
}

// Secrets are the values of in that no log, error or answer may show: also of a read that follows it.
func (in AccountInput) Secrets() []string {
	out := []string{in.Password}
	for _, value := range in.Credential {
		out = append(out, value)
	}
	return out
}

func (a Accounts[A]) item(key string) []string {
	return append(append([]string(nil), a.api.collection...), key)
}

// Upsert adds the account, or updates it when the service already holds it: every service treats a POST
// of a known account as an update. The password and the credential are marked secret for the log, the
// errors and the answer.
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
	if err := a.call(WithSecrets(ctx, in.Secrets()...), http.MethodPost, path, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get reads one account by its key. The service's own "not found" is an error matching ErrNotFound.
func (a Accounts[A]) Get(ctx context.Context, key string) (*A, error) {
	var out A
	if err := a.call(ctx, http.MethodGet, a.item(key), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// List reads every account, keyed as the service keys them. None configured is an empty map, whether
// the service says so with {} or with its "Configuration not found" 404.
func (a Accounts[A]) List(ctx context.Context) (map[string]A, error) {
	var out map[string]A
	err := a.call(ctx, http.MethodGet, a.api.collection, nil, &out)
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
	err := a.call(ctx, http.MethodDelete, a.item(key), nil, nil)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// readLive is a GET of a service's live read of one account, /{version}/{service}/{endpoint}/?{param}=
// {account} (the endpoint is "features", or Mureka's "profile"): unlike the account endpoints it names
// the account in the query, and may leave it out while only one account is configured. It runs as the
// service's account calls do (the same secret fields, the same not-found words), under its collection's
// version and service segment.
func readLive[F any](ctx context.Context, c *Client, api accountsAPI, endpoint, param, account string) (*F, error) {
	query := url.Values{}
	if account != "" {
		query.Set(param, account)
	}
	// "features/" as the pages write it: the trailing slash is part of the documented URL.
	segments := []string{api.collection[0], api.collection[1], endpoint, ""}
	var out F
	if err := newAccounts[struct{}](c, api).callQuery(ctx, http.MethodGet, segments, query, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
