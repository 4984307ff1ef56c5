package provider

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type ctxKey struct{}

// retainingServer keeps the context of every call, as terraform-plugin-framework does.
type retainingServer struct {
	fullServer
	kept []context.Context
}

func (s *retainingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	child, cancel := context.WithCancel(ctx)
	_ = cancel
	s.kept = append(s.kept, child)
	if ctx.Value(ctxKey{}) != "rpc" {
		return nil, errors.New("the RPC's values are not visible during the call")
	}
	if deadline, ok := ctx.Deadline(); !ok || time.Until(deadline) < time.Minute {
		return nil, errors.New("the RPC's deadline is not visible during the call")
	}
	return &tfprotov6.ReadResourceResponse{}, nil
}

func TestReleasingServerLetsGoOfTheRPCContext(t *testing.T) {
	t.Parallel()
	inner := &retainingServer{}
	s := &releasingServer{fullServer: inner}
	rpc, endRPC := context.WithTimeout(context.WithValue(context.Background(), ctxKey{}, "rpc"), time.Hour)

	if _, err := s.ReadResource(rpc, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	endRPC() // as gRPC does when a call is over
	kept := inner.kept[0]
	if kept.Value(ctxKey{}) != nil {
		t.Fatal("a context kept after the call still reaches the RPC's values, and so its memory")
	}
	if kept.Err() == nil {
		t.Fatal("a context kept after the call is not done once the RPC is")
	}
}

func TestReleasingServerPassesCancellation(t *testing.T) {
	t.Parallel()
	rpc, cancel := context.WithCancel(context.Background())
	_, err := during(rpc, 0, func(ctx context.Context, _ int) (int, error) {
		cancel()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(10 * time.Second):
			return 0, errors.New("cancelling the RPC did not reach the call")
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestServerForwardsListResources runs the real framework server behind the wrapper: terraform-plugin-go
// finds list resources by type assertion, and each account resource must answer as one.
func TestServerForwardsListResources(t *testing.T) {
	t.Parallel()
	served := NewServer("test")()
	lister := served.(tfprotov6.ListResourceServer) // server.go asserts this at compile time
	schemas, err := served.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, svc := range accountServices {
		if _, ok := schemas.ListResourceSchemas[svc.typeName()]; !ok {
			t.Errorf("no list resource schema for %s", svc.typeName())
		}
		config, err := tfprotov6.NewDynamicValue(tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{}))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := lister.ValidateListResourceConfig(context.Background(), &tfprotov6.ValidateListResourceConfigRequest{TypeName: svc.typeName(), Config: &config})
		if err != nil || len(resp.Diagnostics) != 0 {
			t.Errorf("%s: validating a list block through the wrapper: %v %+v", svc.typeName(), err, resp.Diagnostics)
		}
	}
}
