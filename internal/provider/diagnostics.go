package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// clientFrom takes the client the provider configured, or says why there is none.
func clientFrom(data any, diags *diag.Diagnostics) *useapi.Client {
	if data == nil {
		return nil // ConfigureProvider has not run yet (validation), or its arguments are still unknown.
	}
	client, ok := data.(*useapi.Client)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *useapi.Client, got %T. Please report this to the provider's developers.", data))
	}
	return client
}

// requireClient reports an error when an operation needs the service and the provider has no client.
func requireClient(client *useapi.Client, diags *diag.Diagnostics) bool {
	if client == nil {
		diags.AddError("The useapi provider is not configured",
			"The provider's arguments (api_token, base_url, max_retries, request_timeout) were not known "+
				"when this operation ran, for example because they come from a resource that is not created yet. "+
				"Apply that resource first (terraform apply -target=...), or set the arguments from known values.")
		return false
	}
	return true
}

// addServiceError turns a client error into a diagnostic that says what happened and what to do.
func addServiceError(ctx context.Context, diags *diag.Diagnostics, summary string, err error) {
	diags.AddError(summary, serviceErrorDetail(ctx, err))
}

func serviceErrorDetail(ctx context.Context, err error) string {
	detail := err.Error()
	var apiErr *useapi.APIError
	switch {
	case errors.As(err, &apiErr):
		if hint := apiErr.Hint(); hint != "" {
			detail += "\n\n" + hint
		}
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		detail += "\n\nThe operation ran out of time. Raise the resource's timeouts or the provider's " +
			"request_timeout, or check that useapi.net is reachable, then apply again."
	default:
		detail += "\n\nCheck that useapi.net (or base_url) is reachable from where Terraform runs, then apply again."
	}
	return detail
}
