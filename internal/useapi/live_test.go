package useapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// wantAccountError checks err is the service's 596 for an account in an error state, in its words.
func wantAccountError(t *testing.T, err error, message string) {
	t.Helper()
	var apiErr *useapi.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 596 || apiErr.Message != message {
		t.Fatalf("want the 596 %q, got %v", message, err)
	}
	if errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("a 596 is not a not-found: %v", err)
	}
}

func TestMiniMaxFeatures(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	ctx := context.Background()

	if _, err := c.MiniMaxFeatures(ctx, "123456"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("none configured: %v", err)
	}
	emu.PutAccount(token, emulator.MiniMax, emulator.Account{ID: "123456", MaxJobs: 1})
	emu.PutAccount(token, emulator.MiniMax, emulator.Account{ID: "777", MaxJobs: 1})
	got, err := c.MiniMaxFeatures(ctx, "123456")
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalCredits == nil || *got.TotalCredits != 100 || got.MemberName == nil || *got.MemberName != "Free" ||
		got.PrivilegeType == nil || *got.PrivilegeType != 0 || got.VideoCost == nil || *got.VideoCost != 30 ||
		len(got.CreditExpireText) != 1 || got.CreditExpireText[0].EndTime == nil {
		t.Fatalf("features: %+v", got)
	}
	if _, err := c.MiniMaxFeatures(ctx, "999"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	emu.SetAccountError(token, emulator.MiniMax, "123456", "Session expired")
	_, err = c.MiniMaxFeatures(ctx, "123456")
	wantAccountError(t, err, "Session expired")
	if n := emu.CallCounts()[emulator.CallMiniMaxFeatures]; n != 4 {
		t.Fatalf("%s counted %d, want 4", emulator.CallMiniMaxFeatures, n)
	}
}

func TestPixVerseFeatures(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	ctx := context.Background()

	emu.PutAccount(token, emulator.PixVerse, emulator.Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	got, err := c.PixVerseFeatures(ctx, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if got.PlanName == nil || *got.PlanName != "Pro Plan" || got.GenSimultaneously == nil || *got.GenSimultaneously != 5 ||
		got.CreditMonthly == nil || *got.CreditMonthly != 5600 || got.CreditDaily == nil || *got.CreditDaily != 30 ||
		got.CreditPackage == nil || *got.CreditPackage != 20 || got.ExpiredDate == nil || got.UserID == nil {
		t.Fatalf("features: %+v", got)
	}
	if _, err := time.Parse(time.RFC3339, *got.ExpiredDate); err != nil {
		t.Fatalf("expired_date: %v", err)
	}
	// The only account may go unnamed, as the page says.
	if only, err := c.PixVerseFeatures(ctx, ""); err != nil || *only.UserID != *got.UserID {
		t.Fatalf("unnamed: %+v, %v", only, err)
	}
	if _, err := c.PixVerseFeatures(ctx, "b@example.com"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	emu.SetAccountError(token, emulator.PixVerse, "a@example.com", "Session expired")
	_, err = c.PixVerseFeatures(ctx, "a@example.com")
	wantAccountError(t, err, "Session expired")
}

func TestRunwayFeatures(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 2)
	ctx := context.Background()

	emu.PutAccount(token, emulator.Runway, emulator.Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	emu.PutAccount(token, emulator.Runway, emulator.Account{Email: "b@example.com", Password: "p", MaxJobs: 2})
	// A retry carries the query as the first attempt did: with two accounts, one without it is a 400.
	emu.FailNext(1, emulator.Fault{Kind: emulator.InternalError, Call: emulator.CallRunwayFeatures})
	got, err := c.RunwayFeatures(ctx, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if got.Permitted == nil || got.Used == nil || *got.Permitted.NumPlanCredits != 2250 || *got.Used.NumPlanCredits != 1315 ||
		*got.Permitted.StorageGB != 500 {
		t.Fatalf("features: %+v", got)
	}
	if n := emu.CallCounts()[emulator.CallRunwayFeatures]; n != 2 {
		t.Fatalf("%s counted %d, want 2", emulator.CallRunwayFeatures, n)
	}
	var apiErr *useapi.APIError
	if _, err := c.RunwayFeatures(ctx, ""); !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("unnamed of two: %v", err)
	}
	if _, err := c.RunwayFeatures(ctx, "c@example.com"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	emu.SetAccountError(token, emulator.Runway, "b@example.com", "Session expired")
	_, err = c.RunwayFeatures(ctx, "b@example.com")
	wantAccountError(t, err, "Session expired")
}

// Muse has no features endpoint: its single-account GET is the live read, and its quota the live values.
func TestMuseQuota(t *testing.T) {
	t.Parallel()
	emu, c := start(t, 0)
	ctx := context.Background()

	emu.PutAccount(token, emulator.Muse, emulator.Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	got, err := c.Muse().Get(ctx, "a@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if got.Quota == nil || got.Quota.ResetsAt == nil || got.Health == nil || *got.Health != useapi.MuseHealthy {
		t.Fatalf("account: %+v", got)
	}
	if _, err := c.Muse().Get(ctx, "b@example.com"); !errors.Is(err, useapi.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	// A paused account is answered as stored, with its health, rather than refused with a 596.
	emu.SetAccountError(token, emulator.Muse, "a@example.com", "Meta asked for a security check")
	got, err = c.Muse().Get(ctx, "a@example.com")
	if err != nil || got.Health == nil || *got.Health != "Meta asked for a security check" {
		t.Fatalf("paused: %+v, %v", got, err)
	}
}

// TestPixVerseFeaturesLogMasksBillingLinks: the features answer's invoice and billing links open the
// account's billing, so the log shows neither.
func TestPixVerseFeaturesLogMasksBillingLinks(t *testing.T) {
	t.Parallel()
	emu, c, logs := startLogged(t)
	emu.PutAccount(token, emulator.PixVerse, emulator.Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	if _, err := c.PixVerseFeatures(context.Background(), "a@example.com"); err != nil {
		t.Fatal(err)
	}
	text := logs.String()
	if !strings.Contains(text, `invoice_url\":\"[REDACTED]`) || !strings.Contains(text, `stripe_bill_url\":\"[REDACTED]`) {
		t.Fatalf("the links were not logged masked:\n%s", text)
	}
	if strings.Contains(text, "stripe.pay.pixverse.ai") {
		t.Errorf("the log shows a billing link:\n%s", text)
	}
}
