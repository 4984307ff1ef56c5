// Command useapi-emulator serves the in-memory useapi.net on a loopback port, for the demo, the
// benchmarks and trying the provider by hand.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
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
	l, err := srv.Serve(ctx, *addr)
	if err != nil {
		return err
	}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(l.URL+"\n"), 0o600); err != nil {
			return err
		}
	}
	fmt.Printf("useapi-emulator listening on %s\n", l.URL)
	select {
	case err := <-l.Done():
		return err
	case <-ctx.Done():
	}
	return l.Stop()
}
