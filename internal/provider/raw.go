package provider

import (
	"context"
	"fmt"
	"math/big"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// rawObject is a resource object's attributes as Terraform values. The framework's GetAttribute and
// SetAttribute convert the whole object on every call; reading or writing the half-dozen attributes an
// operation needs through one rawObject converts it once, which a plan of many accounts pays per account.
type rawObject map[string]tftypes.Value

func rawAttributes(v tftypes.Value) (rawObject, error) {
	o := rawObject{}
	if v.IsNull() || !v.IsKnown() {
		return o, nil
	}
	return o, v.As((*map[string]tftypes.Value)(&o))
}

// string is a string attribute; a missing one is null.
func (o rawObject) string(name string) types.String {
	v, ok := o[name]
	switch {
	case !ok:
		return types.StringNull()
	case !v.IsKnown():
		return types.StringUnknown()
	}
	var s *string
	if err := v.As(&s); err != nil {
		panic(fmt.Sprintf("%s is not a string: %v", name, err)) // the schema says it is
	}
	return types.StringPointerValue(s)
}

// int64 is a number attribute; a missing one is null.
func (o rawObject) int64(name string) types.Int64 {
	v, ok := o[name]
	switch {
	case !ok:
		return types.Int64Null()
	case !v.IsKnown():
		return types.Int64Unknown()
	}
	var f *big.Float
	if err := v.As(&f); err != nil {
		panic(fmt.Sprintf("%s is not a number: %v", name, err)) // the schema says it is
	}
	if f == nil {
		return types.Int64Null()
	}
	n, _ := f.Int64()
	return types.Int64Value(n)
}

// set replaces an attribute's value.
func (o rawObject) set(ctx context.Context, name string, v attr.Value) error {
	tv, err := v.ToTerraformValue(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	o[name] = tv
	return nil
}

// object is the attributes as a value of typ, the object type they were read from.
func (o rawObject) object(typ tftypes.Type) tftypes.Value {
	return tftypes.NewValue(typ, map[string]tftypes.Value(o))
}

// sameBut reports whether two objects hold the same attributes apart from those skipped.
func sameBut(a, b tftypes.Value, skip ...string) bool {
	x, errA := rawAttributes(a)
	y, errB := rawAttributes(b)
	if errA != nil || errB != nil || len(x) != len(y) {
		return false
	}
	for name, v := range x {
		if w, ok := y[name]; !slices.Contains(skip, name) && (!ok || !v.Equal(w)) {
			return false
		}
	}
	return true
}
