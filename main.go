// Command terraform-provider-useapi serves the useapi provider to Terraform and OpenTofu.
package main

import (
	"flag"
	"log"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/useapi-community/terraform-provider-useapi/internal/provider"
)

// version is set by goreleaser at build time (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	for key, value := range quietLogSettings(os.Environ()) {
		_ = os.Setenv(key, value)
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/useapi-community/useapi", provider.NewServer(version), opts...); err != nil {
		log.Fatal(err)
	}
}

// quietLogSettings returns the variables that switch the plugin libraries' logs off when nobody records
// them. Those libraries log at TRACE unless told otherwise, leaving Terraform to drop what TF_LOG does not
// ask for; formatting the dropped lines was a third of the provider's CPU in a large apply. Any TF_LOG,
// TF_LOG_PROVIDER* or TF_LOG_SDK* setting leaves everything as it is.
func quietLogSettings(environ []string) map[string]string {
	for _, kv := range environ {
		key, value, _ := strings.Cut(kv, "=")
		if value != "" && (key == "TF_LOG" || strings.HasPrefix(key, "TF_LOG_PROVIDER") || strings.HasPrefix(key, "TF_LOG_SDK")) {
			return nil
		}
	}
	return map[string]string{
		"TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER": "off",
		provider.EnvLogAPI: "off",
	}
}
