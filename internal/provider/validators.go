package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// baseURLValidator applies the client's own base URL rules at validate time, so the two cannot disagree.
type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an https URL, or http for a loopback host"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := useapi.ParseBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid base_url", err.Error())
	}
}

// durationValidator accepts positive Go durations such as "30s" or "2m".
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return `must be a positive duration such as "30s" or "2m"`
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parsePositiveDuration(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration", err.Error())
	}
}

// The framework's cross-argument validators (ExactlyOneOf, AlsoRequires) skip unknown values, and
// terraform validate sees every input variable as unknown, so `password_wo = var.pw` without its version
// would pass validate. Whether an argument is set is known even then: an unknown value is set, only null
// is not. requiresSet decides on that alone, so it holds at validate whatever the values are.
//
// exactlyOneSet counts an unknown value as set for "none is set", but only known values for "more than
// one is set": Terraform validates a module's resources with its variables unknown before every plan, so
// a module that lets its caller choose `password` or `password_wo` by leaving one variable null would be
// refused at plan if two unknowns counted as two. Such a pair is decided at plan, where both are known.

// exactlyOneSet requires exactly one of the root attributes named by paths to be set.
func exactlyOneSet(paths ...path.Path) resource.ConfigValidator { return exactlyOneSetValidator{paths} }

type exactlyOneSetValidator struct{ paths []path.Path }

func (v exactlyOneSetValidator) Description(context.Context) string {
	return "Exactly one of these attributes must be configured: " + pathList(v.paths)
}

func (v exactlyOneSetValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v exactlyOneSetValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var set []path.Path
	anySet := false
	for _, p := range v.paths {
		isSet, known, diags := setState(ctx, req.Config, p)
		resp.Diagnostics.Append(diags...)
		anySet = anySet || isSet
		if isSet && known {
			set = append(set, p)
		}
	}
	switch {
	case resp.Diagnostics.HasError(), len(set) == 1:
	case !anySet:
		none := "none of them is set"
		if len(v.paths) == 2 {
			none = "neither is set"
		}
		resp.Diagnostics.AddAttributeError(v.paths[0], "Missing Attribute Configuration",
			fmt.Sprintf("%s; %s. Set one of them: %s.", v.Description(ctx), none, quotedPaths(v.paths, " or ")))
	case len(set) == 2:
		resp.Diagnostics.AddAttributeError(set[0], "Invalid Attribute Combination",
			fmt.Sprintf("%s; %s are both set. Keep one of them and remove the other.", v.Description(ctx), quotedPaths(set, " and ")))
	case len(set) > 2:
		resp.Diagnostics.AddAttributeError(set[0], "Invalid Attribute Combination",
			fmt.Sprintf("%s; %s are all set. Keep one of them and remove the others.", v.Description(ctx), quotedPaths(set, " and ")))
	}
}

// requiresSet requires one of the root attributes required to be set whenever attribute is.
func requiresSet(attribute path.Path, required ...path.Path) resource.ConfigValidator {
	return requiresSetValidator{attribute: attribute, required: required}
}

type requiresSetValidator struct {
	attribute path.Path
	required  []path.Path
}

func (v requiresSetValidator) Description(context.Context) string {
	return fmt.Sprintf("Attribute %s must be specified when %q is specified", quotedPaths(v.required, " or "), v.attribute)
}

func (v requiresSetValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v requiresSetValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	set, _, diags := setState(ctx, req.Config, v.attribute)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() || !set {
		return
	}
	for _, p := range v.required {
		required, _, diags := setState(ctx, req.Config, p)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() || required {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(v.attribute, "Missing Attribute Configuration",
		fmt.Sprintf("%s. Set %s as well, or remove %q.", v.Description(ctx), quotedPaths(v.required, " or "), v.attribute))
}

// setState reports whether the configuration sets the attribute at p (to a value, or to one not known
// yet), and whether its value is known.
func setState(ctx context.Context, config tfsdk.Config, p path.Path) (set, known bool, diags diag.Diagnostics) {
	var value attr.Value
	diags = config.GetAttribute(ctx, p, &value)
	if diags.HasError() {
		return false, false, diags
	}
	return !value.IsNull(), !value.IsUnknown(), diags
}

// pathList is paths as the framework's validators write them: [password,password_wo].
func pathList(paths []path.Path) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = p.String()
	}
	return "[" + strings.Join(names, ",") + "]"
}

// quotedPaths is paths quoted and joined, the last with last: "a", "b" or "c".
func quotedPaths(paths []path.Path, last string) string {
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = fmt.Sprintf("%q", p)
	}
	return joinAnd(quoted, last)
}

// secretMatches is stringvalidator.RegexMatches for a secret: that one ends its message with the value
// it refused, which for a credential would put the secret in a diagnostic. This one says only what is
// wanted.
func secretMatches(pattern *regexp.Regexp, message string) validator.String {
	return secretMatchesValidator{pattern: pattern, message: message}
}

type secretMatchesValidator struct {
	pattern *regexp.Regexp
	message string
}

func (v secretMatchesValidator) Description(context.Context) string { return v.message }

func (v secretMatchesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v secretMatchesValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || v.pattern.MatchString(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
		fmt.Sprintf("%s %s (the value is a secret, so it is not shown here).", req.Path, v.message))
}

// numericID is an identity of digits: MiniMax's user id, Mureka's account id.
var numericID = regexp.MustCompile(`^[0-9]+$`)

// jwtPattern is a JWT as copied whole: three dot-separated parts, without spaces or line breaks.
var jwtPattern = regexp.MustCompile(`^[^.\s]+\.[^.\s]+\.[^.\s]+$`)
