package provider

import (
	"context"
	"fmt"
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
//
// The wrapper forwards the protocol's optional interfaces too (list resources, actions, state stores):
// terraform-plugin-go finds them by type assertion on the served value, so a wrapper that hid them would
// make terraform query fail with "not implemented".
func NewServer(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		return newReleasingServer(providerserver.NewProtocol6(New(version)())())
	}
}

// fullServer is every interface the framework's server implements and the protocol may look for.
type fullServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

type releasingServer struct {
	fullServer
}

// terraform-plugin-go finds the optional RPCs by asserting these interfaces on the served value. They are
// deprecated upstream (their methods will move into ProviderServer), but they are what it asserts today.
var (
	_ tfprotov6.ProviderServerWithListResource = (*releasingServer)(nil) //nolint:staticcheck // see above
	_ tfprotov6.ProviderServerWithActions      = (*releasingServer)(nil) //nolint:staticcheck // see above
	_ tfprotov6.ProviderServerWithStateStores  = (*releasingServer)(nil) //nolint:staticcheck // see above
)

// newReleasingServer wraps the framework's server. The framework implements every optional interface;
// a version that stopped doing so must fail here, at start, not on a user's first terraform query.
func newReleasingServer(inner tfprotov6.ProviderServer) *releasingServer {
	full, ok := inner.(fullServer)
	if !ok {
		panic(fmt.Sprintf("%T lacks an optional protocol interface the provider forwards", inner))
	}
	return &releasingServer{fullServer: full}
}

// during runs call with a context that follows ctx until call returns and is empty afterwards.
func during[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	c := &releasableContext{}
	c.parent.Store(&ctxRef{ctx})
	defer c.parent.Store(&ctxRef{released})
	return call(c, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return during(ctx, req, s.fullServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return during(ctx, req, s.fullServer.UpgradeResourceState)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return during(ctx, req, s.fullServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return during(ctx, req, s.fullServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return during(ctx, req, s.fullServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return during(ctx, req, s.fullServer.ImportResourceState)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return during(ctx, req, s.fullServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return during(ctx, req, s.fullServer.ReadDataSource)
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
