package useapi_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/leaktest"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// TestCredentialServicesAgainstEmulator drives the services that read the account from its credential:
// the POST carries no identity and its answer says which account it is; list, get and delete use it.
func TestCredentialServicesAgainstEmulator(t *testing.T) {
	t.Parallel()
	type result struct {
		identity string
		maxJobs  *int64
	}
	tests := []struct {
		svc      emulator.Service
		identity string
		// credential is the POST's credential fields for an issued value.
		credential func(emu *emulator.Server, value string) map[string]string
		upsert     func(*useapi.Client, useapi.AccountInput) (result, error)
		get        func(*useapi.Client, string) (result, error)
		list       func(*useapi.Client) ([]string, error)
		remove     func(*useapi.Client, string) error
		// jobsOnly, when set, changes maxJobs without the credential.
		jobsOnly bool
	}{
		{
			svc: emulator.FlowMusic, identity: "fm@example.com", jobsOnly: true,
			credential: func(_ *emulator.Server, v string) map[string]string { return map[string]string{"refresh_token": v} },
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.FlowMusic().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.FlowMusic().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.FlowMusic().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.FlowMusic().Delete(context.Background(), key) },
		},
		{
			svc: emulator.MiniMax, identity: "204812345",
			credential: func(emu *emulator.Server, v string) map[string]string {
				return map[string]string{"token": v, "url": emu.CredentialURL(emulator.MiniMax, v)}
			},
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.MiniMax().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Account, a.MaxJobs}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.MiniMax().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Account, a.MaxJobs}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.MiniMax().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.MiniMax().Delete(context.Background(), key) },
		},
		{
			svc: emulator.GoogleFlow, identity: "gf@example.com",
			credential: func(_ *emulator.Server, v string) map[string]string { return map[string]string{"cookies": v} },
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.GoogleFlow().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Identity(), nil}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.GoogleFlow().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Identity(), nil}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.GoogleFlow().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.GoogleFlow().Delete(context.Background(), key) },
		},
		{
			svc: emulator.GeminiNotebook, identity: "nb@gmail.com", jobsOnly: true,
			credential: func(_ *emulator.Server, v string) map[string]string { return map[string]string{"cookies": v} },
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.GeminiNotebook().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.GeminiNotebook().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.GeminiNotebook().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.GeminiNotebook().Delete(context.Background(), key) },
		},
		{
			svc: emulator.GoogleVids, identity: "vids@gmail.com", jobsOnly: true,
			credential: func(_ *emulator.Server, v string) map[string]string { return map[string]string{"cookies": v} },
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.GoogleVids().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.GoogleVids().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Email, a.MaxJobs}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.GoogleVids().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.GoogleVids().Delete(context.Background(), key) },
		},
		{
			svc: emulator.Mureka, identity: "300400500",
			credential: func(emu *emulator.Server, v string) map[string]string {
				return map[string]string{"token": v, "refresh_token": emu.CredentialRefreshToken(emulator.Mureka, v)}
			},
			upsert: func(c *useapi.Client, in useapi.AccountInput) (result, error) {
				a, err := c.Mureka().Upsert(context.Background(), in)
				if err != nil {
					return result{}, err
				}
				return result{a.Account, nil}, nil
			},
			get: func(c *useapi.Client, key string) (result, error) {
				a, err := c.Mureka().Get(context.Background(), key)
				if err != nil {
					return result{}, err
				}
				return result{a.Account, nil}, nil
			},
			list:   func(c *useapi.Client) ([]string, error) { return keys(c.Mureka().List(context.Background())) },
			remove: func(c *useapi.Client, key string) error { return c.Mureka().Delete(context.Background(), key) },
		},
	}
	for _, tt := range tests {
		t.Run(string(tt.svc), func(t *testing.T) {
			t.Parallel()
			emu, c, logs := startLogged(t)
			if got, err := tt.list(c); err != nil || len(got) != 0 {
				t.Fatalf("empty list: %v, %v", got, err)
			}
			secret := emu.IssueCredential(tt.svc, tt.identity)
			in := useapi.AccountInput{Credential: tt.credential(emu, secret)}
			if tt.svc != emulator.GoogleFlow && tt.svc != emulator.Mureka { // neither has maxJobs
				in.MaxJobs = jobs(3)
			}
			got, err := tt.upsert(c, in)
			if err != nil || got.identity != tt.identity || (in.MaxJobs != nil && (got.maxJobs == nil || *got.maxJobs != 3)) {
				t.Fatalf("upsert: %+v, %v; want %s, the identity read from the credential", got, err, tt.identity)
			}
			if got, err := tt.list(c); err != nil || len(got) != 1 || got[0] != tt.identity {
				t.Fatalf("list: %v, %v", got, err)
			}
			if tt.jobsOnly {
				if got, err := tt.upsert(c, useapi.AccountInput{Email: tt.identity, MaxJobs: jobs(5)}); err != nil || *got.maxJobs != 5 {
					t.Fatalf("a maxJobs-only update: %+v, %v", got, err)
				}
			}
			if got, err := tt.get(c, tt.identity); err != nil || got.identity != tt.identity {
				t.Fatalf("get: %+v, %v", got, err)
			}
			for range 2 { // the second finds the service's not-found, which counts as done
				if err := tt.remove(c, tt.identity); err != nil {
					t.Fatalf("delete: %v", err)
				}
			}
			if _, err := tt.get(c, tt.identity); !errors.Is(err, useapi.ErrNotFound) {
				t.Fatalf("get after delete: %v, want the service's not-found", err)
			}
			// Which fields are secret is the service's to say: the credential never reaches the log, and
			// the log still shows the requests.
			if out := logs.String(); strings.Contains(out, secret) || !strings.Contains(out, "[REDACTED]") ||
				!strings.Contains(out, tt.identity) {
				t.Fatalf("the log shows the credential, or nothing:\n%s", out)
			}
			// A cookie table's tabs and line ends are escaped in the log: look for each cookie's value.
			for _, value := range cookieTableValues(secret) {
				if strings.Contains(logs.String(), value) {
					t.Fatalf("the log shows a cookie's value %q:\n%s", value, logs.String())
				}
			}
		})
	}
}

// TestGeminiNotebookSettings: outputLanguage travels in AccountInput.Settings, with the cookies or in a
// credential-less update, and reads back from the answers; the list does not carry it, the single read
// does. A refused value is the service's 400, an update of an account it does not hold its not-found.
func TestGeminiNotebookSettings(t *testing.T) {
	t.Parallel()
	emu, c, logs := startLogged(t)
	ctx, api := context.Background(), c.GeminiNotebook()
	const email = "lang@gmail.com"
	secret := emu.IssueCredential(emulator.GeminiNotebook, email)
	lang := func(v string) map[string]string { return map[string]string{useapi.GeminiNotebookOutputLanguage: v} }

	a, err := api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"cookies": secret}})
	if err != nil || a.Email != email || a.OutputLanguage == nil || *a.OutputLanguage != "en" || a.MaxJobs == nil ||
		a.Health == nil || *a.Health != useapi.GeminiNotebookHealthy || a.Limits == nil || a.Limits.Notebooks == nil || a.Tier == nil {
		t.Fatalf("add: %+v, %v", a, err)
	}
	a, err = api.Upsert(ctx, useapi.AccountInput{Email: email, Settings: lang("ja")})
	if err != nil || *a.OutputLanguage != "ja" || *a.MaxJobs != 3 {
		t.Fatalf("an outputLanguage-only update: %+v, %v", a, err)
	}
	a, err = api.Upsert(ctx, useapi.AccountInput{Email: email, MaxJobs: jobs(6), Settings: lang("es")})
	if err != nil || *a.OutputLanguage != "es" || *a.MaxJobs != 6 {
		t.Fatalf("an update of both: %+v, %v", a, err)
	}
	if got := emu.Accounts(token, emulator.GeminiNotebook); len(got) != 1 || got[0].CredentialPosts != 1 || got[0].Settings["outputLanguage"] != "es" {
		t.Fatalf("the updates sent the cookies, or missed the setting: %+v", got)
	}
	list, err := api.List(ctx)
	if err != nil || list[email].OutputLanguage != nil || *list[email].MaxJobs != 6 || list[email].LastKnownQuota == nil ||
		len(list[email].LastKnownQuota.Windows) != 2 {
		t.Fatalf("list: %+v, %v", list, err)
	}
	if got, err := api.Get(ctx, email); err != nil || *got.OutputLanguage != "es" {
		t.Fatalf("get: %+v, %v", got, err)
	}
	var apiErr *useapi.APIError
	if _, err := api.Upsert(ctx, useapi.AccountInput{Email: email, Settings: lang("not a code")}); !errors.As(err, &apiErr) ||
		apiErr.StatusCode != 400 || errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("a malformed language: %v", err)
	}
	if _, err := api.Upsert(ctx, useapi.AccountInput{Email: "nobody@gmail.com", Settings: lang("es")}); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("an update of an account it does not hold: %v, want the service's not-found", err)
	}
	for _, v := range append(cookieTableValues(secret), secret) {
		if out := logs.String(); strings.Contains(out, v) || !strings.Contains(out, `outputLanguage`) {
			t.Fatalf("the log shows the cookies, or not the setting:\n%s", out)
		}
	}
}

// TestGoogleVidsAgainstEmulator: the answers' fields, a free account's 400 (not a not-found), the
// not-found of an unknown account.
func TestGoogleVidsAgainstEmulator(t *testing.T) {
	t.Parallel()
	emu, c, logs := startLogged(t)
	ctx, api := context.Background(), c.GoogleVids()
	const email, free = "paid@gmail.com", "free@gmail.com"
	secret := emu.IssueCredential(emulator.GoogleVids, email)
	a, err := api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"cookies": secret}, MaxJobs: jobs(4)})
	if err != nil || a.Email != email || *a.MaxJobs != 4 || a.VidsDocID == nil || len(*a.VidsDocID) != 44 || a.Limits == nil ||
		*a.Limits.Video != 10000 || *a.Limits.Image != 1000 || *a.Limits.Music != 300 || *a.Health != useapi.GoogleVidsHealthy ||
		a.CookiesExpireAt == nil || a.Added == nil {
		t.Fatalf("add: %+v, %v", a, err)
	}
	again, err := api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"cookies": emu.IssueCredential(emulator.GoogleVids, email)}})
	if err != nil || *again.VidsDocID != *a.VidsDocID || *again.MaxJobs != 4 || *again.Added != *a.Added {
		t.Fatalf("a re-add: %+v, %v; want the document, maxJobs and added kept", again, err)
	}
	emu.SetFreeAccount(emulator.GoogleVids, free, true)
	freeSecret := emu.IssueCredential(emulator.GoogleVids, free)
	var apiErr *useapi.APIError
	_, err = api.Upsert(ctx, useapi.AccountInput{Credential: map[string]string{"cookies": freeSecret}})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || errors.Is(err, useapi.ErrNotFound) ||
		!strings.Contains(apiErr.Message, "no Google Vids allowance") {
		t.Fatalf("a free account: %v, want the service's 400", err)
	}
	if got, err := api.List(ctx); err != nil || len(got) != 1 {
		t.Fatalf("a refused account was listed: %+v, %v", got, err)
	}
	if _, err := api.Get(ctx, free); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("get of an account it does not hold: %v", err)
	}
	for _, v := range append(append(cookieTableValues(secret), cookieTableValues(freeSecret)...), secret, freeSecret) {
		if out := logs.String(); strings.Contains(out, v) {
			t.Fatalf("the log shows the cookies:\n%s", out)
		}
	}
}

// TestMiniMaxEmptyListForms: an empty list answered with the service's 404 text or with {} is empty.
func TestMiniMaxEmptyListForms(t *testing.T) {
	t.Parallel()
	for _, object := range []bool{false, true} {
		emu, c, _ := startLogged(t)
		emu.SetEmptyListObject(emulator.MiniMax, object)
		if got, err := c.MiniMax().List(context.Background()); err != nil || len(got) != 0 {
			t.Fatalf("empty list (as {}: %v): %v, %v", object, got, err)
		}
	}
}

// cookieTableValues are the values of a DevTools cookie table's rows (the second column), none for a
// credential that is not one.
func cookieTableValues(table string) []string {
	var out []string
	for line := range strings.SplitSeq(table, "\n") {
		if f := strings.Split(line, "\t"); len(f) > 2 && len(f[1]) >= 16 {
			out = append(out, f[1])
		}
	}
	return out
}

func keys[A any](byKey map[string]A, err error) ([]string, error) {
	out := make([]string, 0, len(byKey))
	for k := range byKey {
		out = append(out, k)
	}
	return out, err
}

// startLogged is start with a client that logs every attempt.
func startLogged(t *testing.T) (*emulator.Server, *useapi.Client, *leaktest.Logger) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { emu.Close(); srv.Close() })
	logs := &leaktest.Logger{}
	c, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL, Logger: logs, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return emu, c, logs
}
