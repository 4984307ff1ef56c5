package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setting is an optional argument a service keeps for an account besides max_jobs, such as Gemini
// Notebook's output_language. It is treated as max_jobs is: a change is an in-place update, sent without
// the credential where the service takes one without it, and when it is left out the service's value is
// recorded.
type setting struct {
	// name is the argument; wire is the service's field for it.
	name, wire  string
	description string
	validators  []validator.String
}

func (x setting) resourceAttribute() schema.Attribute {
	return schema.StringAttribute{
		MarkdownDescription: x.description + " Left out, the service's value is shown here; removing it later keeps " +
			"the account's current value. Changing it updates the account in place.",
		Optional:   true,
		Computed:   true,
		Validators: x.validators,
		// Left unset, the service's value stands: a plan must not propose to change it.
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func (x setting) dataSourceAttribute() dsschema.Attribute {
	return dsschema.StringAttribute{Computed: true, MarkdownDescription: x.description}
}

// settingsOf are the settings of a plan or state, by argument name.
func (s *accountService) settingsOf(attrs rawObject) map[string]types.String {
	if len(s.settings) == 0 {
		return nil
	}
	out := make(map[string]types.String, len(s.settings))
	for _, x := range s.settings {
		out[x.name] = attrs.string(x.name)
	}
	return out
}

// settingsChanged reports whether now sets a setting to another value than was holds.
func settingsChanged(was, now map[string]types.String) bool {
	for name, v := range now {
		if !v.IsNull() && !v.Equal(was[name]) {
			return true
		}
	}
	return false
}

// settingsInput are the settings a write sends, by wire field: those the plan knows.
func (s *accountService) settingsInput(a accountArgs) map[string]string {
	var out map[string]string
	for _, x := range s.settings {
		if v := a.Settings[x.name]; !v.IsNull() && !v.IsUnknown() {
			if out == nil {
				out = map[string]string{}
			}
			out[x.wire] = v.ValueString()
		}
	}
	return out
}

// settingValues are what the service said of each setting, for values: null when it did not say.
func (s *accountService) settingValues(a account, into map[string]attr.Value) {
	for _, x := range s.settings {
		into[x.name] = types.StringPointerValue(a.settings[x.name])
	}
}

// recordSettings keeps a setting the service did not report as planned, or null when the plan left it
// to the service: a value the service did not give is not recorded as fact.
func (s *accountService) recordSettings(attrs rawObject, a account, values map[string]attr.Value) {
	for _, x := range s.settings {
		if a.settings[x.name] != nil {
			continue
		}
		delete(values, x.name)
		if attrs.string(x.name).IsUnknown() {
			values[x.name] = types.StringNull()
		}
	}
}

// leaveToAnswer plans max_jobs and the settings unknown for a write when neither the configuration nor
// the state has them: the answer may give the service's values, which state then records.
func (s *accountService) leaveToAnswer(planned rawObject, write bool) {
	if !write {
		return
	}
	names := []string{"max_jobs"}
	for _, x := range s.settings {
		names = append(names, x.name)
	}
	for _, name := range names {
		if v, ok := planned[name]; ok && v.IsNull() {
			planned[name] = tftypes.NewValue(v.Type(), tftypes.UnknownValue)
		}
	}
}
