package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ list.ListResourceWithConfigure = (*accountListResource)(nil)

// accountListResource lets terraform query (Terraform 1.14+) find a service's accounts, including those
// configured by hand, and write the blocks that adopt them.
type accountListResource struct {
	svc  *accountService
	data *providerData
}

func newAccountListResource(svc *accountService) func() list.ListResource {
	return func() list.ListResource { return &accountListResource{svc: svc} }
}

func (l *accountListResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = l.svc.typeName()
}

func (l *accountListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: fmt.Sprintf("Finds every %s account configured at useapi.net for the API token, whether "+
			"Terraform manages it or not, including accounts in an error state. With `terraform query "+
			"-generate-config-out=FILE`, it writes a resource and an import block for each.", l.svc.title),
	}
}

func (l *accountListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

// List reads the service's list once and streams an account a result, stopping at the limit or when
// Terraform wants no more. A failure is itself a result, with the diagnostic, so terraform query shows it.
func (l *accountListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	stream.Results = func(push func(list.ListResult) bool) {
		var diags diag.Diagnostics
		if !requireClient(l.data, &diags) {
			push(list.ListResult{Diagnostics: diags})
			return
		}
		ctx, cancel := context.WithTimeout(ctx, defaultReadTimeout)
		defer cancel()
		accounts, err := l.svc.calls.list(ctx, l.data.client)
		if err != nil {
			addServiceError(&diags, l.svc, "Unable to list "+l.svc.title+" accounts", err)
			push(list.ListResult{Diagnostics: diags})
			return
		}
		for i, a := range accounts {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(l.result(ctx, req, a)) {
				return
			}
		}
	}
}

func (l *accountListResource) result(ctx context.Context, req list.ListRequest, a account) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = l.svc.displayName(a)
	set := func(target interface {
		SetAttribute(context.Context, path.Path, any) diag.Diagnostics
	}, name string, v any) {
		result.Diagnostics.Append(target.SetAttribute(ctx, path.Root(name), v)...)
	}
	set(result.Identity, l.svc.identityName(), l.svc.identityValue(a))
	if l.svc.hasRegion() {
		set(result.Identity, "region", a.region)
	}
	if !req.IncludeResource {
		return result
	}
	for name, v := range l.svc.values(a) {
		set(result.Resource, name, v)
	}
	return result
}

// displayName is how terraform query shows an account: its ID and max_jobs, and its trouble if any.
func (s *accountService) displayName(a account) string {
	name := a.id
	if s.hasMaxJobs() {
		name = fmt.Sprintf("%s (max_jobs %s)", a.id, jobsText(a.maxJobs))
	}
	if a.error != "" {
		name += " needs attention: " + a.error
	}
	return name
}
