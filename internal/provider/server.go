package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer returns the provider as a protocol 6 server, as main.go serves it and tests run it.
//
// terraform-plugin-framework keeps a cancel function for every RPC until Terraform stops the provider,
// and each one pins the RPC's whole context: its loggers and fields, about 20 KB. Over the thousands of
// RPCs of a large plan that is over 100 MiB. releasingServer hands the framework a context that lets go
// of the RPC's once the call returns, on the RPCs Terraform makes for every resource.
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return &releasingServer{ProviderServer: providerserver.NewProtocol6(New(version)())()}
	}
}

type releasingServer struct {
	tfprotov6.ProviderServer
}

// during runs call with a context that follows ctx until call returns and is empty afterwards.
func during[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	c := &releasableContext{}
	c.parent.Store(&ctxRef{ctx})
	defer c.parent.Store(&ctxRef{released})
	return call(c, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return during(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return during(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return during(ctx, req, s.ProviderServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return during(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return during(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return during(ctx, req, s.ProviderServer.ImportResourceState)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return during(ctx, req, s.ProviderServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return during(ctx, req, s.ProviderServer.ReadDataSource)
}

// released stands in for an RPC's context once the RPC is over: done, and holding nothing.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

type ctxRef struct{ context.Context }

// releasableContext delegates to the context its parent points at; Store swaps that atomically.
type releasableContext struct {
	parent atomic.Pointer[ctxRef]
}

func (c *releasableContext) Deadline() (time.Time, bool) { return c.parent.Load().Deadline() }
func (c *releasableContext) Done() <-chan struct{}       { return c.parent.Load().Done() }
func (c *releasableContext) Err() error                  { return c.parent.Load().Err() }
func (c *releasableContext) Value(key any) any           { return c.parent.Load().Value(key) }
