package main

import "testing"

func TestQuietLogSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		environ []string
		quiet   bool
	}{
		{name: "no logging asked for", environ: []string{"HOME=/root", "TF_CLI_CONFIG_FILE=x"}, quiet: true},
		{name: "TF_LOG empty", environ: []string{"TF_LOG="}, quiet: true},
		{name: "core logs only", environ: []string{"TF_LOG_CORE=trace"}, quiet: true},
		{name: "TF_LOG", environ: []string{"TF_LOG=debug"}},
		{name: "provider logs", environ: []string{"TF_LOG_PROVIDER=trace"}},
		{name: "one provider subsystem", environ: []string{"TF_LOG_PROVIDER_USEAPI_API=debug"}},
		{name: "framework logs", environ: []string{"TF_LOG_SDK_FRAMEWORK=trace"}},
	}
	for _, tt := range tests {
		got := quietLogSettings(tt.environ)
		if (len(got) > 0) != tt.quiet {
			t.Errorf("%s: got %v, want quiet=%v", tt.name, got, tt.quiet)
		}
		if tt.quiet && (got["TF_LOG_PROVIDER"] != "off" || got["TF_LOG_SDK_FRAMEWORK"] != "off" || got["TF_LOG_PROVIDER_USEAPI_API"] != "off") {
			t.Errorf("%s: got %v", tt.name, got)
		}
	}
}
