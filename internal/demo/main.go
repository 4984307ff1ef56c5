// Command demo applies examples/demo with the real terraform CLI against an emulated useapi.net, so that
// `make demo` shows the provider at work with no useapi.net account: apply, output, a plan that must be
// empty, destroy. Everything it starts or writes is gone when it ends.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/useapi-community/terraform-provider-useapi/internal/emulator"
	"github.com/useapi-community/terraform-provider-useapi/internal/tfcli"
)

// demoToken is the API token the emulator accepts for the demo; it opens nothing anywhere else.
const demoToken = "user:1000-demoToken0123456789"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	terraform, err := tfcli.Path()
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "useapi-demo-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()

	step("Building the provider")
	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o700); err != nil {
		return err
	}
	if _, err := tfcli.Build(ctx, ".", bin, ""); err != nil {
		return err
	}
	env, err := tfcli.Setup(work, bin)
	if err != nil {
		return err
	}

	step("Starting the useapi.net emulator on a loopback port")
	emu := emulator.New(emulator.Options{MaxAccounts: 3})
	emu.AddToken(demoToken)
	emu.SetSubscription(demoToken, emulator.Subscription{Email: "studio@example.com", Name: "Demo Studio", Subscriptions: 1, MaxAccountsPerAPI: 3, Renewed: "261101"})
	l, err := emu.Serve(ctx, "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer func() { _ = l.Stop() }()
	fmt.Println("emulator at", l.URL)

	config := filepath.Join(work, "config")
	if err := os.Mkdir(config, 0o700); err != nil {
		return err
	}
	main, err := os.ReadFile(filepath.Join("examples", "demo", "main.tf"))
	if err != nil {
		return fmt.Errorf("run the demo from the repository's root (make demo): %w", err)
	}
	if err := os.WriteFile(filepath.Join(config, "main.tf"), main, 0o600); err != nil {
		return err
	}
	env = append(env, "USEAPI_BASE_URL="+l.URL, "USEAPI_TOKEN="+demoToken, "TF_VAR_demo_password=demo-password")
	tf := func(args ...string) error {
		cmd := exec.CommandContext(ctx, terraform, args...)
		cmd.Dir, cmd.Env = config, append(os.Environ(), env...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		return cmd.Run()
	}

	step("terraform apply")
	if err := tf("apply", "-auto-approve", "-input=false"); err != nil {
		return err
	}
	step("terraform output")
	if err := tf("output"); err != nil {
		return err
	}
	step("terraform plan (a second plan right after apply shows no changes)")
	if err := tf("plan", "-detailed-exitcode", "-input=false"); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 2 {
			return errors.New("expected no changes, but the plan has some")
		}
		return err
	}
	step("terraform destroy")
	if err := tf("destroy", "-auto-approve", "-input=false"); err != nil {
		return err
	}
	step("Done: the emulator is stopped and the temporary files removed")
	return nil
}

func step(s string) { fmt.Printf("\n\033[1m==> %s\033[0m\n", s) }
