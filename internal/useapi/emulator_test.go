package useapi_test

import (
	"context"
	"errors"
	"maps"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

const token = "user:777-emulatorToken"

func jobs(n int64) *int64 { return &n }

func start(t *testing.T, retries int) (*emulator.Server, *useapi.Client) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	srv := httptest.NewServer(emu)
	t.Cleanup(func() { emu.Close(); srv.Close() })
	c, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL, MaxRetries: retries,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return emu, c
}

func TestAgainstEmulator(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	ctx := context.Background()

	list, err := c.Kling().List(ctx)
	if err != nil || len(list) != 0 {
		t.Fatalf("empty list: %v, %v", list, err)
	}
	created, err := c.Kling().Upsert(ctx, useapi.AccountInput{Email: "a@example.com", Password: "pw", MaxJobs: jobs(3)})
	if err != nil || *created.MaxJobs != 3 || created.Session == nil || created.Session.UserID == nil || created.Balance != nil {
		t.Fatalf("create: %+v, %v", created, err)
	}
	got, err := c.Kling().Get(ctx, "a@example.com")
	if err != nil || got.Balance == nil || *got.Balance.Total != 56000 || len(got.Balance.Points) != 1 {
		t.Fatalf("get: %+v, %v", got, err)
	}
	if err := c.Kling().Delete(ctx, "a@example.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.Kling().Delete(ctx, "a@example.com"); err != nil {
		t.Fatalf("second delete: %v", err)
	}
	if _, err := c.Kling().Get(ctx, "a@example.com"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	if calls := emu.CallCounts(); calls[emulator.Calls(emulator.Kling).Delete] != 2 || calls[emulator.Calls(emulator.Kling).Post] != 1 {
		t.Fatalf("counters: %v", calls)
	}
}

// TestEveryServiceAgainstEmulator drives each service's four calls: the client's paths, bodies and
// not-found rules must match what the service answers.
func TestEveryServiceAgainstEmulator(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		svc    emulator.Service
		region string
		calls  func(c *useapi.Client) serviceCalls
	}{
		{svc: emulator.Kling, calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.Kling(), func(a *useapi.KlingAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
		{svc: emulator.Runway, calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.Runway(), func(a *useapi.RunwayAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
		{svc: emulator.PixVerse, calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.PixVerse(), func(a *useapi.PixVerseAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
		{svc: emulator.Dreamina, region: "CA", calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.Dreamina(), func(a *useapi.DreaminaAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
		{svc: emulator.Muse, calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.Muse(), func(a *useapi.MuseAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
		{svc: emulator.ACEMusic, calls: func(c *useapi.Client) serviceCalls {
			return callsOf(c.ACEMusic(), func(a *useapi.ACEMusicAccount) (string, *int64) { return a.Email, a.MaxJobs })
		}},
	} {
		t.Run(string(tt.svc), func(t *testing.T) {
			t.Parallel()
			emu, c := start(t, 0)
			api := tt.calls(c)
			key := "a@example.com"
			if tt.region != "" {
				key = tt.region + ":" + key
			}
			if keys, err := api.list(); err != nil || len(keys) != 0 {
				t.Fatalf("empty list: %v, %v", keys, err)
			}
			email, maxJobs, err := api.upsert(useapi.AccountInput{Email: "a@example.com", Password: "pw", Region: tt.region, MaxJobs: jobs(2)})
			if err != nil || email != "a@example.com" || maxJobs == nil || *maxJobs != 2 {
				t.Fatalf("upsert: %q %v %v", email, maxJobs, err)
			}
			if keys, err := api.list(); err != nil || len(keys) != 1 || keys[0] != key {
				t.Fatalf("list: %v, %v", keys, err)
			}
			if err := api.get(key); err != nil {
				t.Fatalf("get: %v", err)
			}
			if err := api.remove(key); err != nil {
				t.Fatalf("delete: %v", err)
			}
			if err := api.remove(key); err != nil {
				t.Fatalf("a second delete must find the service's not-found and succeed: %v", err)
			}
			if err := api.get(key); !errors.Is(err, useapi.ErrNotFound) {
				t.Fatalf("get after delete: %v, want the service's not-found", err)
			}
			if got := emu.Accounts(token, tt.svc); len(got) != 0 {
				t.Fatalf("left behind: %+v", got)
			}
		})
	}
}

// serviceCalls are one service's calls, reduced to what TestEveryServiceAgainstEmulator checks.
type serviceCalls struct {
	upsert func(useapi.AccountInput) (email string, maxJobs *int64, err error)
	get    func(key string) error
	list   func() ([]string, error)
	remove func(key string) error
}

func callsOf[A any](api useapi.Accounts[A], fields func(*A) (string, *int64)) serviceCalls {
	ctx := context.Background()
	return serviceCalls{
		upsert: func(in useapi.AccountInput) (string, *int64, error) {
			a, err := api.Upsert(ctx, in)
			if err != nil {
				return "", nil, err
			}
			email, maxJobs := fields(a)
			return email, maxJobs, nil
		},
		get: func(key string) error { _, err := api.Get(ctx, key); return err },
		list: func() ([]string, error) {
			all, err := api.List(ctx)
			return slices.Sorted(maps.Keys(all)), err
		},
		remove: func(key string) error { return api.Delete(ctx, key) },
	}
}

func TestSubscriptionAgainstEmulator(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	emu.PutAccount(token, emulator.Runway, emulator.Account{Email: "r@example.com", Password: "p", MaxJobs: 1})
	sub, err := c.Subscription(context.Background())
	if err != nil || sub.Active == nil || !*sub.Active || *sub.Accounts["Runway API"].Total != 1 {
		t.Fatalf("subscription: %+v, %v", sub, err)
	}
}

func TestEmulatorFaultsAreRetried(t *testing.T) {
	t.Parallel()
	kinds := []emulator.Fault{
		{Kind: emulator.TooManyRequests, RetryAfter: "0"},
		{Kind: emulator.InternalError},
		{Kind: emulator.UnavailableHTML},
		{Kind: emulator.DropConnection},
		{Kind: emulator.LoseAnswer},
	}
	for _, f := range kinds {
		emu, c := start(t, 3)
		emu.FailNext(2, f)
		got, err := c.Kling().Upsert(context.Background(), useapi.AccountInput{Email: "a@example.com", Password: "pw", MaxJobs: jobs(2)})
		if err != nil || *got.MaxJobs != 2 {
			t.Fatalf("fault %v: %+v, %v", f.Kind, got, err)
		}
		if n := emu.CallCounts()[emulator.Calls(emulator.Kling).Post]; n != 3 {
			t.Fatalf("fault %v: %d attempts, want 3", f.Kind, n)
		}
		if accounts := emu.Accounts(token, emulator.Kling); len(accounts) != 1 {
			t.Fatalf("fault %v: %d accounts", f.Kind, len(accounts))
		}
	}
}

func TestConnectionsAreReused(t *testing.T) {
	t.Parallel()
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	srv := httptest.NewUnstartedServer(emu)
	srv.Config.ConnState = emu.ConnState
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if _, err := c.Kling().List(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := emu.Connections(); n != 1 {
		t.Fatalf("20 sequential requests opened %d connections, want 1", n)
	}
}
