// Command terraform-provider-useapi serves the useapi provider to Terraform and OpenTofu.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/useapi-community/terraform-provider-useapi/internal/provider"
)

// version is set by goreleaser at build time (-X main.version=...).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run with support for debuggers such as delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/useapi-community/useapi",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err)
	}
}
