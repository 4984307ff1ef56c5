// Command terraform-provider-useapi serves the useapi provider to Terraform and OpenTofu.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/useapi-community/terraform-provider-useapi/internal/provider"
)

// version is set by goreleaser at build time (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	if err := tf6server.Serve("registry.terraform.io/useapi-community/useapi", provider.NewServer(version), opts...); err != nil {
		log.Fatal(err)
	}
}
