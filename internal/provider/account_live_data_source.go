package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// liveRead is a service's read of one account's live values (credits, quota, plan), which useapi.net asks
// the AI site for: the useapi_<name>_account data source. No resource makes such a read, so a plan of the
// accounts never costs a call to the AI site; a configuration that wants the values asks for them.
type liveRead struct {
	// about is what the data source's description says of the values, after the common first sentence.
	about      string
	attributes []extraAttribute
	read       func(context.Context, *useapi.Client, string) (account, map[string]attr.Value, error)
	// features says the values come from the service's features endpoint, which does not answer with the
	// account: the data source then has no max_jobs.
	features bool
}

// featuresOf builds a live read from a service's features call and the values of its answer.
func featuresOf[F any](read func(*useapi.Client, context.Context, string) (*F, error), values func(*F) map[string]attr.Value,
) func(context.Context, *useapi.Client, string) (account, map[string]attr.Value, error) {
	return func(ctx context.Context, c *useapi.Client, id string) (account, map[string]attr.Value, error) {
		f, err := read(c, ctx, id)
		if err != nil {
			return account{}, nil, err
		}
		return account{id: id}, values(f), nil
	}
}

// liveOf builds a service's live read from its client API, its view of an account, and the live values
// of an answer (nil ones are null).
func liveOf[A any](api func(*useapi.Client) useapi.Accounts[A], view func(string, *A) account,
	values func(*A) map[string]attr.Value,
) func(context.Context, *useapi.Client, string) (account, map[string]attr.Value, error) {
	return func(ctx context.Context, c *useapi.Client, id string) (account, map[string]attr.Value, error) {
		a, err := api(c).Get(ctx, id)
		if err != nil {
			return account{}, nil, err
		}
		return view(id, a), values(a), nil
	}
}

var _ datasource.DataSourceWithConfigure = (*liveAccountDataSource)(nil)

// liveAccountDataSource is useapi_<name>_account for a service with a live read.
type liveAccountDataSource struct {
	svc  *accountService
	data *providerData
}

func newLiveAccountDataSource(svc *accountService) func() datasource.DataSource {
	return func() datasource.DataSource { return &liveAccountDataSource{svc: svc} }
}

func (d *liveAccountDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = d.svc.typeName()
}

func (d *liveAccountDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s := d.svc
	attributes := map[string]schema.Attribute{
		s.identityName(): schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The account to read, named by %s.", s.idForm()),
			Required:            true,
			Validators:          []validator.String{idValidator{svc: s}},
		},
		"error": schema.StringAttribute{Computed: true, MarkdownDescription: "Why the account needs attention, in " +
			"useapi.net's words; null when it reports nothing wrong. The live values are null while it is set."},
	}
	if s.hasMaxJobs() && !s.live.features {
		attributes["max_jobs"] = schema.Int64Attribute{Computed: true, MarkdownDescription: fmt.Sprintf("How many %s jobs useapi.net may run at once with the account.", s.title)}
	}
	for _, x := range s.live.attributes {
		attributes[x.name] = x.dataSourceAttribute()
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("Reads one %s account configured at useapi.net with its live values, which "+
			"useapi.net asks %s for when the data source is read. %s", s.title, s.title, s.live.about),
		Attributes: attributes,
		Blocks:     map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

func (d *liveAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *liveAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	s := d.svc
	var id types.String
	var t timeouts.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(s.identityName()), &id)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if resp.Diagnostics.HasError() || !requireClient(d.data, &resp.Diagnostics) {
		return
	}
	ctx, cancel := bounded(ctx, t.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	got, live, err := s.live.read(ctx, d.data.client, id.ValueString())
	switch {
	case isAccountError(err):
		message, _ := accountErrorMessage(err)
		got, live = account{id: id.ValueString(), error: message}, nil
	case isGone(err):
		resp.Diagnostics.AddAttributeError(path.Root(s.identityName()), s.title+" account not found",
			fmt.Sprintf("No %s account %q is configured at useapi.net. Add it with the %s resource, or check the %s "+
				"and the API token's subscription.", s.title, id.ValueString(), s.typeName(), s.identityName()))
		return
	case err != nil:
		addServiceError(&resp.Diagnostics, s, "Unable to read "+s.title+" account", err)
		return
	}
	if got.error != "" {
		live = nil // a paused account may answer what was stored: nothing live to show
	}
	set := func(name string, v attr.Value) {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
	set(s.identityName(), id)
	set("error", errorValue(got.error))
	if s.hasMaxJobs() && !s.live.features {
		set("max_jobs", types.Int64PointerValue(got.maxJobs))
	}
	for _, x := range s.live.attributes {
		v, ok := live[x.name]
		if !ok || v == nil {
			v = nullOf(x.attrType())
		}
		set(x.name, v)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("timeouts"), t)...)
}

// idValidator checks an account's key the way its import does.
type idValidator struct{ svc *accountService }

func (v idValidator) Description(context.Context) string {
	return "must name the account by " + v.svc.idForm()
}

func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v idValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, _, ok := v.svc.parseID(req.ConfigValue.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+v.svc.identityName(),
			fmt.Sprintf("Name the account by %s; got %q.", v.svc.idForm(), req.ConfigValue.ValueString()))
	}
}
