package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// sessionAttrTypes is the shape of the session attribute, shared by the resource and both data sources.
var sessionAttrTypes = map[string]attr.Type{
	"user_id":         types.StringType,
	"expire_time":     types.Int64Type,
	"expire_time_utc": types.StringType,
}

// sessionValue maps the service's session; fields it leaves out become null, not zero.
func sessionValue(s *useapi.KlingSession) types.Object {
	if s == nil {
		return types.ObjectNull(sessionAttrTypes)
	}
	return types.ObjectValueMust(sessionAttrTypes, map[string]attr.Value{
		"user_id":         types.StringPointerValue(s.UserID),
		"expire_time":     types.Int64PointerValue(s.ExpireTime),
		"expire_time_utc": types.StringPointerValue(s.ExpireTimeUTC),
	})
}
