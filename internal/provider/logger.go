package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// apiLogSubsystem is the tflog subsystem of the HTTP client (TF_LOG_PROVIDER_USEAPI_API sets its level).
const apiLogSubsystem = "useapi_api"

// apiLogger writes the client's log lines through tflog. The client has already masked every secret in
// what it hands over, so the lines are written as they are.
type apiLogger struct{}

func (apiLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemDebug(tflog.NewSubsystem(ctx, apiLogSubsystem), apiLogSubsystem, msg, fields)
}

func (apiLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemWarn(tflog.NewSubsystem(ctx, apiLogSubsystem), apiLogSubsystem, msg, fields)
}
