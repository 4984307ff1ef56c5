package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestAccValidate_credentialsFromVariables runs terraform validate, which sees every input variable as
// unknown, on configurations whose password arguments come from variables given no value. Whether an
// argument is set is known even then (an unknown value is set, only null is not), so the rules about
// which of them go together must fail validate, not wait for plan.
func TestAccValidate_credentialsFromVariables(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	const variables = `
variable "a" {
  type      = string
  sensitive = true
}
variable "b" {
  type      = string
  sensitive = true
}
variable "v" {
  type = number
}
`
	tests := []struct {
		name string
		body string
		want *regexp.Regexp // nil: validate passes
	}{
		{
			name: "password_wo without its version",
			body: "password_wo = var.b",
			want: errorRegexp("Missing Attribute Configuration", "password_wo = var.b",
				`Attribute "password_wo_version" must be specified when "password_wo" is specified`),
		},
		{
			name: "version without password_wo",
			body: "password = var.a\npassword_wo_version = var.v",
			want: errorRegexp("Missing Attribute Configuration", "password_wo_version = var.v",
				`Attribute "password_wo" must be specified when "password_wo_version" is specified`),
		},
		{
			name: "both passwords given",
			body: "password = \"p\"\npassword_wo = \"q\"\npassword_wo_version = var.v",
			want: errorRegexp("Invalid Attribute Combination", "Exactly one of these attributes must be configured: [password,password_wo]"),
		},
		// Two unknowns may be one value and one null, as in a module that lets its caller choose the form:
		// that is decided at plan, where both are known (TestAccAccount_badInput).
		{name: "both passwords from variables", body: "password = var.a\npassword_wo = var.b\npassword_wo_version = var.v"},
		{
			name: "neither password",
			body: "password_wo_version = var.v",
			want: errorRegexp("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [password,password_wo]"),
		},
		{name: "password from a variable", body: "password = var.a"},
		{name: "password_wo and its version from variables", body: "password_wo = var.b\npassword_wo_version = var.v"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newCLIWorkspace(t, variables+`
resource "useapi_kling_account" "test" {
  email    = "a@example.com"
  max_jobs = 1
`+tt.body+"\n}\n")
			r := w.run(nil, "validate")
			out := r.stdout + r.stderr
			switch {
			case tt.want == nil && r.err != nil:
				t.Fatalf("terraform validate failed on a valid configuration: %v\n%s", r.err, out)
			case tt.want == nil:
				if !strings.Contains(r.stdout, "The configuration is valid") {
					t.Fatalf("terraform validate did not say the configuration is valid:\n%s", out)
				}
			case r.err == nil:
				t.Fatalf("terraform validate passed; want an error matching %s\n%s", tt.want, out)
			case !tt.want.MatchString(out):
				t.Fatalf("terraform validate failed without an error matching %s:\n%s", tt.want, out)
			}
		})
	}
}

// TestAccProvider_baseURLSecretsHidden gives base_url a password before the host or a key in its query,
// as the argument (from a variable, and as a literal) and through USEAPI_BASE_URL, and checks that the
// error names base_url and shows none of the secret. The CLI runs the provider in its own process with
// the environment given to each command, so the environment cases run in parallel too.
func TestAccProvider_baseURLSecretsHidden(t *testing.T) {
	skipUnlessAcc(t)
	t.Parallel()
	const (
		userinfoURL = "https://ciuser7:s3cret-pass@proxy.example.com/useapi"
		queryURL    = "https://proxy.example.com/useapi?key=s3cret-key&x"
	)
	secrets := []string{"ciuser7", "s3cret"}
	account := `
resource "useapi_kling_account" "test" {
  email    = "a@example.com"
  max_jobs = 1
  password = "p"
}
`
	fromVariable := "variable \"url\" {\n  type = string\n}\nprovider \"useapi\" {\n  api_token = \"user:1-x\"\n  base_url  = var.url\n}\n" + account
	literal := func(url string) string {
		return fmt.Sprintf("provider \"useapi\" {\n  api_token = \"user:1-x\"\n  base_url  = %q\n}\n", url) + account
	}
	fromEnv := "provider \"useapi\" {\n  api_token = \"user:1-x\"\n}\n" + account
	userinfo := errorRegexp(`"https://…@proxy.example.com/useapi" must not carry a user name or password before the host; useapi.net takes only the API token (api_token)`)
	query := errorRegexp(`"https://proxy.example.com/useapi?key=…&…" must not carry a query or a fragment`)
	tests := []struct {
		name, config string
		env, args    []string
		want         []*regexp.Regexp
		// literal: the configuration holds the URL, which Terraform's source excerpt shows; only the
		// provider's own words are checked for the secret.
		literal bool
	}{
		{name: "argument from a variable, userinfo", config: fromVariable, args: []string{"plan", "-var", "url=" + userinfoURL},
			want: []*regexp.Regexp{errorRegexp("Invalid base_url", "base_url = var.url"), userinfo}},
		{name: "argument from a variable, query", config: fromVariable, args: []string{"plan", "-var", "url=" + queryURL},
			want: []*regexp.Regexp{errorRegexp("Invalid base_url", "base_url = var.url"), query}},
		{name: "literal argument, userinfo", config: literal(userinfoURL), args: []string{"validate"}, literal: true,
			want: []*regexp.Regexp{errorRegexp("Invalid base_url", "base_url = "), userinfo}},
		{name: "literal argument, query", config: literal(queryURL), args: []string{"validate"}, literal: true,
			want: []*regexp.Regexp{errorRegexp("Invalid base_url", "base_url = "), query}},
		{name: "environment, userinfo", config: fromEnv, env: []string{EnvBaseURL + "=" + userinfoURL}, args: []string{"plan"},
			want: []*regexp.Regexp{errorRegexp("Invalid provider configuration", "base_url (or USEAPI_BASE_URL):"), userinfo}},
		{name: "environment, query", config: fromEnv, env: []string{EnvBaseURL + "=" + queryURL}, args: []string{"plan"},
			want: []*regexp.Regexp{errorRegexp("Invalid provider configuration", "base_url (or USEAPI_BASE_URL):"), query}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newCLIWorkspace(t, tt.config)
			r := w.run(tt.env, tt.args...)
			out := r.stdout + r.stderr
			if r.err == nil {
				t.Fatalf("terraform %s passed; want a base_url error\n%s", strings.Join(tt.args, " "), out)
			}
			checked := out
			if tt.literal {
				checked = sourceExcerpt.ReplaceAllString(out, "")
			}
			for _, secret := range secrets {
				if strings.Contains(checked, secret) {
					t.Fatalf("terraform %s shows %q:\n%s", strings.Join(tt.args, " "), secret, out)
				}
			}
			for _, want := range tt.want {
				if !want.MatchString(out) {
					t.Fatalf("terraform %s: no error matching %s:\n%s", strings.Join(tt.args, " "), want, out)
				}
			}
		})
	}
}

// sourceExcerpt matches the lines of configuration that Terraform quotes under a diagnostic, such as
// "  11:   base_url  = ...".
var sourceExcerpt = regexp.MustCompile(`(?m)^\s*\d+:.*$`)
