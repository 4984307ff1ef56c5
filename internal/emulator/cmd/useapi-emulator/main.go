// Command useapi-emulator serves the in-memory useapi.net on a loopback port, for the demo, the
// benchmarks and trying the provider by hand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// DemoToken is the token the emulator accepts when no -token is given.
const DemoToken = "user:1000-demoToken0123456789"

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "useapi-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("useapi-emulator", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8787", "loopback address to listen on (port 0 picks a free one)")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening")
	maxAccounts := fs.Int("max-accounts", 0, "accounts allowed per token and service (0: no limit; the service allows 3)")
	latency := fs.Duration("latency", 0, "delay added to every answer, after the request is applied")
	strict := fs.Bool("require-known-users", false, "refuse emails not given with -user")
	var tokens, users listFlag
	fs.Var(&tokens, "token", "API token to accept (repeatable; default "+DemoToken+")")
	fs.Var(&users, "user", "service:email:password of a login that exists, e.g. kling:a@example.com:pw (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}

	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", *addr, err)
	}
	if !useapi.IsLoopback(host) {
		return fmt.Errorf("-addr %q: the emulator listens on loopback addresses only", *addr)
	}

	srv := emulator.New(emulator.Options{MaxAccounts: *maxAccounts, RequireKnownUsers: *strict})
	srv.SetLatency(*latency)
	if len(tokens) == 0 {
		tokens = listFlag{DemoToken}
	}
	for _, t := range tokens {
		srv.AddToken(t)
	}
	for _, u := range users {
		svc, login, _ := strings.Cut(u, ":")
		email, password, ok := strings.Cut(login, ":")
		if !ok || email == "" || password == "" || !slices.Contains(emulator.Services(), emulator.Service(svc)) {
			return fmt.Errorf("-user %q: want service:email:password, service one of %v", u, emulator.Services())
		}
		srv.AddUser(emulator.Service(svc), email, password)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(base+"\n"), 0o600); err != nil {
			return err
		}
	}
	fmt.Printf("useapi-emulator listening on %s\n", base)

	hs := &http.Server{Handler: srv, ConnState: srv.ConnState, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	srv.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
