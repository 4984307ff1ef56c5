package useapi_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

const token = "user:777-emulatorToken"

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

	list, err := c.ListKlingAccounts(ctx)
	if err != nil || len(list) != 0 {
		t.Fatalf("empty list: %v, %v", list, err)
	}
	created, err := c.CreateOrUpdateKlingAccount(ctx, useapi.KlingAccountInput{Email: "a@example.com", Password: "pw", MaxJobs: 3})
	if err != nil || *created.MaxJobs != 3 || created.Session == nil || created.Session.UserID == nil || created.Balance != nil {
		t.Fatalf("create: %+v, %v", created, err)
	}
	got, err := c.GetKlingAccount(ctx, "a@example.com")
	if err != nil || got.Balance == nil || *got.Balance.Total != 56000 || len(got.Balance.Points) != 1 {
		t.Fatalf("get: %+v, %v", got, err)
	}
	if err := c.DeleteKlingAccount(ctx, "a@example.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteKlingAccount(ctx, "a@example.com"); err != nil {
		t.Fatalf("second delete: %v", err)
	}
	if _, err := c.GetKlingAccount(ctx, "a@example.com"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("get after delete: %v", err)
	}
	if emu.Calls("DELETE", emulator.RouteAccount) != 2 || emu.Calls("POST", emulator.RouteAccounts) != 1 {
		t.Fatalf("counters: %v", emu.CallCounts())
	}
}

func TestEmulatorFaultsAreRetried(t *testing.T) {
	t.Parallel()
	kinds := []emulator.Fault{
		{Kind: emulator.TooManyRequests, RetryAfter: "0"},
		{Kind: emulator.InternalError},
		{Kind: emulator.UnavailableHTML},
		{Kind: emulator.AccountError},
		{Kind: emulator.DropConnection},
		{Kind: emulator.LoseAnswer},
	}
	for _, f := range kinds {
		emu, c := start(t, 3)
		emu.FailNext(2, f)
		got, err := c.CreateOrUpdateKlingAccount(context.Background(), useapi.KlingAccountInput{Email: "a@example.com", Password: "pw", MaxJobs: 2})
		if err != nil || *got.MaxJobs != 2 {
			t.Fatalf("fault %v: %+v, %v", f.Kind, got, err)
		}
		if n := emu.Calls("POST", emulator.RouteAccounts); n != 3 {
			t.Fatalf("fault %v: %d attempts, want 3", f.Kind, n)
		}
		if accounts := emu.Accounts(token); len(accounts) != 1 {
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
		if _, err := c.ListKlingAccounts(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n := emu.Connections(); n != 1 {
		t.Fatalf("20 sequential requests opened %d connections, want 1", n)
	}
}
