package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// apiLogSubsystem is the tflog subsystem of the HTTP client; EnvLogAPI sets its level.
const apiLogSubsystem = "useapi_api"

// EnvLogAPI sets the level of the HTTP client's log lines, such as DEBUG or OFF, apart from the provider's.
const EnvLogAPI = "TF_LOG_PROVIDER_USEAPI_API"

// apiLogger writes the client's log lines through tflog. The client has already masked every secret in
// what it hands over, so the lines are written as they are.
type apiLogger struct{}

func (apiLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemDebug(apiLogContext(ctx), apiLogSubsystem, msg, fields)
}

func (apiLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.SubsystemWarn(apiLogContext(ctx), apiLogSubsystem, msg, fields)
}

// apiLogContext is ctx with the client's subsystem, at the level EnvLogAPI asks for (the provider's
// otherwise); main.go sets it to OFF when nobody records the logs, so the lines cost nothing to skip.
func apiLogContext(ctx context.Context) context.Context {
	return tflog.NewSubsystem(ctx, apiLogSubsystem, tflog.WithLevelFromEnv(EnvLogAPI))
}
