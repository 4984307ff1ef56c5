package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// TestListResourceHonoursTheLimit calls List directly: Terraform also cuts a query at its limit, so only
// here does a list resource that ignored the limit show.
func TestListResourceHonoursTheLimit(t *testing.T) {
	t.Parallel()
	const token = "user:1-list"
	emu := emulator.New(emulator.Options{})
	emu.AddToken(token)
	for _, e := range []string{"a", "b", "c"} {
		emu.PutAccount(token, emulator.Dreamina, emulator.Account{Email: e + "@example.com", Region: "CA", Password: "p", MaxJobs: 4})
	}
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	client, err := useapi.New(useapi.Config{Token: token, BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l := &accountListResource{svc: dreaminaService, data: &providerData{client: client, run: newRunState()}}
	for _, tt := range []struct {
		limit int64
		want  int
	}{{limit: 2, want: 2}, {limit: 0, want: 3}, {limit: 10, want: 3}} {
		req := list.ListRequest{Limit: tt.limit, IncludeResource: true,
			ResourceSchema: dreaminaService.resourceSchema(ctx), ResourceIdentitySchema: dreaminaService.identitySchema()}
		var stream list.ListResultsStream
		l.List(ctx, req, &stream)
		var got []string
		for r := range stream.Results {
			if r.Diagnostics.HasError() {
				t.Fatal(r.Diagnostics)
			}
			var id, region types.String
			r.Resource.GetAttribute(ctx, path.Root("id"), &id)
			r.Identity.GetAttribute(ctx, path.Root("region"), &region)
			if region.ValueString() != "CA" {
				t.Fatalf("identity region %s", region)
			}
			got = append(got, id.ValueString())
		}
		if len(got) != tt.want || got[0] != "CA:a@example.com" {
			t.Errorf("limit %d: %v, want %d results in ID order", tt.limit, got, tt.want)
		}
	}
	if n := emu.CallCounts()[emulator.Calls(emulator.Dreamina).List]; n != 3 {
		t.Errorf("%d list reads for three queries", n)
	}
}
