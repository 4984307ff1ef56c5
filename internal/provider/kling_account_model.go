package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// sessionAttrTypes is the shape of the session attribute, shared by the resource and both data sources.
var sessionAttrTypes = map[string]attr.Type{
	"user_id":         types.StringType,
	"expire_time":     types.Int64Type,
	"expire_time_utc": types.StringType,
}

// sessionDescriptions documents the session's fields, the same on the resource and the data sources.
var sessionDescriptions = map[string]string{
	"user_id":         "The Kling user ID.",
	"expire_time":     "When the session expires, as the service reports it (Unix milliseconds).",
	"expire_time_utc": "When the session expires, as an RFC 3339 UTC time.",
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

// sessionDataSourceAttribute is the session attribute as both data sources show it.
func sessionDataSourceAttribute() dsschema.SingleNestedAttribute {
	return dsschema.SingleNestedAttribute{
		MarkdownDescription: "The Kling session useapi.net holds for the account.",
		Computed:            true,
		Attributes: map[string]dsschema.Attribute{
			"user_id":         dsschema.StringAttribute{Computed: true, MarkdownDescription: sessionDescriptions["user_id"]},
			"expire_time":     dsschema.Int64Attribute{Computed: true, MarkdownDescription: sessionDescriptions["expire_time"]},
			"expire_time_utc": dsschema.StringAttribute{Computed: true, MarkdownDescription: sessionDescriptions["expire_time_utc"]},
		},
	}
}

type balanceModel struct {
	Total         types.Float64 `tfsdk:"total"`
	NextApplyTime types.Int64   `tfsdk:"next_apply_time"`
	Points        []pointsModel `tfsdk:"points"`
}

type pointsModel struct {
	OrderID   types.String  `tfsdk:"order_id"`
	Type      types.String  `tfsdk:"type"`
	Amount    types.Float64 `tfsdk:"amount"`
	Balance   types.Float64 `tfsdk:"balance"`
	StartTime types.Int64   `tfsdk:"start_time"`
	EndTime   types.Int64   `tfsdk:"end_time"`
}

// balanceValue maps the service's balance; nil stays nil, so Terraform shows null rather than zero.
func balanceValue(b *useapi.KlingBalance) *balanceModel {
	if b == nil {
		return nil
	}
	out := &balanceModel{
		Total:         types.Float64PointerValue(b.Total),
		NextApplyTime: types.Int64PointerValue(b.NextApplyTime),
	}
	if b.Points != nil {
		out.Points = make([]pointsModel, len(b.Points))
		for i, p := range b.Points {
			out.Points[i] = pointsModel{
				OrderID:   types.StringPointerValue(p.OrderID),
				Type:      types.StringPointerValue(p.Type),
				Amount:    types.Float64PointerValue(p.Amount),
				Balance:   types.Float64PointerValue(p.Balance),
				StartTime: types.Int64PointerValue(p.StartTime),
				EndTime:   types.Int64PointerValue(p.EndTime),
			}
		}
	}
	return out
}
