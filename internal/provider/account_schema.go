package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// emailPattern is deliberately loose: the AI site decides what a valid login is; this only catches typos.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

func emailValidator() validator.String {
	return stringvalidator.RegexMatches(emailPattern, "must be an email address, such as user@example.com")
}

// extraAttribute is a computed attribute one service adds, such as Kling's session. Its kind is a scalar
// type (string, int64, float64) or an object type whose fields are given in fields.
type extraAttribute struct {
	name string
	// description is shown on the resource; dataDescription, when set, on the data source instead.
	description, dataDescription string
	kind                         attr.Type
	fields                       []extraAttribute
}

// attrType is the extra's type; an object's comes from its fields.
func (x extraAttribute) attrType() attr.Type {
	if len(x.fields) == 0 {
		return x.kind
	}
	fields := make(map[string]attr.Type, len(x.fields))
	for _, f := range x.fields {
		fields[f.name] = f.attrType()
	}
	return types.ObjectType{AttrTypes: fields}
}

func (x extraAttribute) resourceAttribute() schema.Attribute {
	switch {
	case len(x.fields) > 0:
		nested := make(map[string]schema.Attribute, len(x.fields))
		for _, f := range x.fields {
			nested[f.name] = f.resourceAttribute()
		}
		return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: x.description, Attributes: nested}
	case x.kind == types.Int64Type:
		return schema.Int64Attribute{Computed: true, MarkdownDescription: x.description}
	case x.kind == types.Float64Type:
		return schema.Float64Attribute{Computed: true, MarkdownDescription: x.description}
	}
	return schema.StringAttribute{Computed: true, MarkdownDescription: x.description}
}

func (x extraAttribute) dataSourceAttribute() dsschema.Attribute {
	description := x.description
	if x.dataDescription != "" {
		description = x.dataDescription
	}
	switch {
	case len(x.fields) > 0:
		nested := make(map[string]dsschema.Attribute, len(x.fields))
		for _, f := range x.fields {
			nested[f.name] = f.dataSourceAttribute()
		}
		return dsschema.SingleNestedAttribute{Computed: true, MarkdownDescription: description, Attributes: nested}
	case x.kind == types.Int64Type:
		return dsschema.Int64Attribute{Computed: true, MarkdownDescription: description}
	case x.kind == types.Float64Type:
		return dsschema.Float64Attribute{Computed: true, MarkdownDescription: description}
	}
	return dsschema.StringAttribute{Computed: true, MarkdownDescription: description}
}

// Descriptions shared by the resource, the data source and the list resource.
func (s *accountService) idDescription() string {
	if s.credential != nil {
		return fmt.Sprintf("The account's key at useapi.net, the same as `%s`; the import ID.", s.credential.identity)
	}
	if s.hasRegion() {
		return "The account's key at useapi.net, `REGION:email` (such as `US:user@example.com`); the import ID."
	}
	return "The account's email; the import ID."
}

// errorDescription describes the computed error of a service's accounts.
func (s *accountService) errorDescription() string {
	request := "the create that added it"
	if s.credential != nil {
		request = "a request that sent its credential"
	}
	d := "Why the account needs attention, in useapi.net's words (such as a broken session), or the provider's " +
		"note that " + request + " got no definite answer; null when nothing is wrong. While it is set, a plan " +
		"shows an in-place update that adds the account again, which is what clears it"
	if s.credential != nil {
		return d + "; for that the configuration must give " + s.credential.what + ", and without it the plan " +
			"leaves the account as it is, with a warning."
	}
	return d + "."
}

func (s *accountService) regionDescription() string {
	return fmt.Sprintf("The %s region the account belongs to: %s. Changing it replaces the resource, since a "+
		"different region is a different account.", s.title, quotedList(s.regions))
}

func (s *accountService) maxJobsDescription() string {
	d := fmt.Sprintf("How many %s jobs useapi.net may run at once with this account, from `%d` to `%d`.", s.title, s.maxJobs.min, s.maxJobs.max)
	switch {
	case s.maxJobs.byDefault > 0 && s.maxJobs.defaultAssumed:
		d += " Left out of a new account, the service's default applies and is shown here; removing it later " +
			"keeps the account's current value."
	case s.maxJobs.byDefault > 0:
		d += fmt.Sprintf(" Left out of a new account, the service's default (`%d`) applies and is shown here; "+
			"removing it later keeps the account's current value.", s.maxJobs.byDefault)
	}
	return d + " Changing it updates the account in place."
}

func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return joinAnd(quoted, " or ")
}

// resourceSchema is the schema of useapi_<name>_account.
func (s *accountService) resourceSchema(ctx context.Context) schema.Schema {
	attributes := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: s.idDescription(),
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"error": schema.StringAttribute{MarkdownDescription: s.errorDescription(), Computed: true},
	}
	if s.hasMaxJobs() {
		attributes["max_jobs"] = s.maxJobsAttribute()
	}
	if s.credential != nil {
		maps.Copy(attributes, s.credentialAttributes())
	} else {
		maps.Copy(attributes, s.passwordAttributes())
	}
	if s.hasRegion() {
		attributes["region"] = schema.StringAttribute{
			MarkdownDescription: s.regionDescription(),
			Required:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{stringvalidator.OneOf(s.regions...)},
		}
	}
	for _, x := range s.settings {
		attributes[x.name] = x.resourceAttribute()
	}
	for _, x := range s.extras {
		attributes[x.name] = x.resourceAttribute()
	}
	return schema.Schema{
		// The registry page (templates/resources.md.tmpl, shared by every service) is built around this: its
		// first paragraph is the page's summary, the further paragraphs of about follow the shared one. What
		// a service does differently goes in about, never in the template.
		MarkdownDescription: fmt.Sprintf("Registers %[3]s %[1]s account with useapi.net, so that useapi.net can run %[1]s "+
			"jobs with it. %[2]s", s.title, s.about, article(s.title)),
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// article is "an" before a title that starts with a vowel letter (ACE Music), "a" otherwise.
func article(title string) string {
	if title != "" && strings.ContainsRune("AEIOUaeiou", rune(title[0])) {
		return "an"
	}
	return "a"
}

// whenPasswordIsSent says which updates carry the password.
func (s *accountService) whenPasswordIsSent() string {
	if s.passwordOptionalForJobs {
		return "adding the account again (with a new password, or to clear an error) must send it; an update of " +
			"`max_jobs` alone does not"
	}
	return "every update must send it again"
}

func (s *accountService) maxJobsAttribute() schema.Attribute {
	validators := []validator.Int64{int64validator.Between(s.maxJobs.min, s.maxJobs.max)}
	if s.maxJobs.byDefault == 0 {
		return schema.Int64Attribute{MarkdownDescription: s.maxJobsDescription(), Required: true, Validators: validators}
	}
	return schema.Int64Attribute{
		MarkdownDescription: s.maxJobsDescription(),
		Optional:            true,
		Computed:            true,
		Validators:          validators,
		// Left unset, the service's value stands: a plan must not propose to change it.
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

// identitySchema names an account the way its import ID does.
func (s *accountService) identitySchema() identityschema.Schema {
	if s.credential != nil {
		return s.credentialIdentitySchema()
	}
	attributes := map[string]identityschema.Attribute{
		"email": identityschema.StringAttribute{RequiredForImport: true, Description: "The account's login email."},
	}
	if s.hasRegion() {
		attributes["region"] = identityschema.StringAttribute{RequiredForImport: true, Description: "The account's region: " + strings.Join(s.regions, " or ") + "."}
	}
	return identityschema.Schema{Attributes: attributes}
}

// summaryAttributes are the attributes of one account in the useapi_<name>_accounts data source.
func (s *accountService) summaryAttributes() map[string]dsschema.Attribute {
	out := map[string]dsschema.Attribute{
		"id": dsschema.StringAttribute{Computed: true, MarkdownDescription: s.idDescription()},
		"error": dsschema.StringAttribute{Computed: true, MarkdownDescription: "Why the account needs attention, in useapi.net's words; " +
			"null when the service reports nothing wrong."},
	}
	out[s.identityName()] = dsschema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("The %s account's login email.", s.title)}
	if s.credential != nil {
		out[s.identityName()] = dsschema.StringAttribute{Computed: true, MarkdownDescription: "The account useapi.net read from its " +
			"credential: " + s.credential.identityWords() + "."}
	}
	if s.hasMaxJobs() {
		out["max_jobs"] = dsschema.Int64Attribute{Computed: true, MarkdownDescription: fmt.Sprintf("How many %s jobs useapi.net may run at once with it.", s.title)}
	}
	if s.hasRegion() {
		out["region"] = dsschema.StringAttribute{Computed: true, MarkdownDescription: fmt.Sprintf("The %s region: %s.", s.title, quotedList(s.regions))}
	}
	for _, x := range s.settings {
		out[x.name] = x.dataSourceAttribute()
	}
	for _, x := range s.extras {
		out[x.name] = x.dataSourceAttribute()
	}
	return out
}

// summaryTypes are the attribute types of summaryAttributes.
func (s *accountService) summaryTypes() map[string]attr.Type {
	out := map[string]attr.Type{"id": types.StringType, s.identityName(): types.StringType, "error": types.StringType}
	if s.hasMaxJobs() {
		out["max_jobs"] = types.Int64Type
	}
	if s.hasRegion() {
		out["region"] = types.StringType
	}
	for _, x := range s.settings {
		out[x.name] = types.StringType
	}
	for _, x := range s.extras {
		out[x.name] = x.attrType()
	}
	return out
}

// values are what the service says of an account, by attribute name: the computed attributes and the
// identity, as the data source lists them and as a refresh or a list result records them.
func (s *accountService) values(a account) map[string]attr.Value {
	values := map[string]attr.Value{
		"id":             types.StringValue(a.id),
		s.identityName(): types.StringValue(s.identityValue(a)),
		"error":          errorValue(a.error),
	}
	if s.hasMaxJobs() {
		values["max_jobs"] = types.Int64PointerValue(a.maxJobs)
	}
	if s.hasRegion() {
		values["region"] = types.StringValue(a.region)
	}
	s.settingValues(a, values)
	for _, x := range s.extras {
		values[x.name] = extraValue(x, a)
	}
	return values
}

// identityValue is the value of the account's identityName attribute.
func (s *accountService) identityValue(a account) string {
	if s.credential != nil {
		return a.id
	}
	return a.email
}

// summaryValue is one account as the data source lists it.
func (s *accountService) summaryValue(a account) attr.Value {
	return types.ObjectValueMust(s.summaryTypes(), s.values(a))
}

// object is x's value from the service's fields, or null when the service sent none of them.
func (x extraAttribute) object(sent bool, fields map[string]attr.Value) attr.Value {
	t := x.attrType().(types.ObjectType)
	if !sent {
		return types.ObjectNull(t.AttrTypes)
	}
	return types.ObjectValueMust(t.AttrTypes, fields)
}

// extraValue is the account's value of x, or null of x's type when the service did not report it.
func extraValue(x extraAttribute, a account) attr.Value {
	if v, ok := a.extras[x.name]; ok && v != nil {
		return v
	}
	return nullOf(x.attrType())
}

// nullOf is the null value of any type.
func nullOf(t attr.Type) attr.Value {
	v, err := t.ValueFromTerraform(context.Background(), tftypes.NewValue(t.TerraformType(context.Background()), nil))
	if err != nil {
		panic(fmt.Sprintf("no null value of %s: %v", t, err)) // only for the provider's own, fixed types
	}
	return v
}

// errorValue is null for a healthy account, so that a plan shows the error appear and go.
func errorValue(message string) types.String {
	if message == "" {
		return types.StringNull()
	}
	return types.StringValue(message)
}

// passwordAttributes are the email and the password trio of a first-shape resource.
func (s *accountService) passwordAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"email": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s account's login email. Changing it replaces the resource: the old "+
				"account is removed from useapi.net and the new one added.", s.title),
			Required:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{emailValidator()},
		},
		"password": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s account's password. Kept in state, marked sensitive, because "+
				"useapi.net never returns it and %s. Exactly one of `password` and `password_wo` is required; "+
				"prefer `password_wo` on Terraform 1.11 and later.", s.title, s.whenPasswordIsSent()),
			Optional:   true,
			Sensitive:  true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"password_wo": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("The %s account's password, write-only: sent to useapi.net but never "+
				"stored in plan or state. Needs Terraform 1.11 or later (or OpenTofu 1.11), and `password_wo_version` "+
				"with it. Because Terraform cannot see changes to it, change `password_wo_version` to send a new "+
				"password.", s.title),
			Optional:  true,
			WriteOnly: true,
			Sensitive: true,
			// Which arguments go together is decided by the resource's ConfigValidators, which hold at
			// validate even when the values come from variables.
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"password_wo_version": schema.Int64Attribute{
			MarkdownDescription: "Any number, required with `password_wo`: changing it updates the account in place " +
				"and sends `password_wo` again. Bump it whenever the password changes.",
			Optional: true,
		},
	}
}

// writeOnlyNames are the write-only arguments, which plan and state hold as null.
func (s *accountService) writeOnlyNames() []string {
	if s.credential == nil {
		return []string{"password_wo"}
	}
	var out []string
	for _, f := range s.credential.secretFields() {
		out = append(out, f+"_wo")
	}
	return out
}
