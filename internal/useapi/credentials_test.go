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
			if tt.svc != emulator.GoogleFlow {
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
		})
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
