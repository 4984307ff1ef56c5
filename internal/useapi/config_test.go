package useapi

import (
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw, want, wantErr string
		// hidden must not appear in the error: a secret the URL carries.
		hidden string
	}{
		{raw: "", want: "https://api.useapi.net"},
		{raw: "https://api.useapi.net/", want: "https://api.useapi.net"},
		{raw: "https://proxy.example.com/useapi", want: "https://proxy.example.com/useapi"},
		{raw: "http://127.0.0.1:8787", want: "http://127.0.0.1:8787"},
		{raw: "http://127.9.9.9", want: "http://127.9.9.9"},
		{raw: "http://[::1]:9000", want: "http://[::1]:9000"},
		{raw: "http://localhost:9000", want: "http://localhost:9000"},
		{raw: "http://api.useapi.net", wantErr: "only for loopback"},
		{raw: "http://10.0.0.1", wantErr: "only for loopback"},
		{raw: "http://localhost.example.com", wantErr: "only for loopback"},
		{raw: "api.useapi.net", wantErr: "not an absolute http(s) URL"},
		{raw: "ftp://api.useapi.net", wantErr: "not an absolute http(s) URL"},
		{raw: "https://", wantErr: "not an absolute http(s) URL"},
		{raw: "::not a url", wantErr: "not an absolute http(s) URL"},
		{raw: "https://user:pw@api.useapi.net", wantErr: `"https://…@api.useapi.net" must not carry a user name or password before the host; useapi.net takes only the API token (api_token)`, hidden: "user:pw"},
		{raw: "https://ci:s3cret@proxy.example.com/", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "https://ci:s3cret@proxy.example.com/?key=k3y", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "http://ci:s3cret@example.com", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "ftp://s3cret@example.com", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "//s3cret@example.com", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "https://s3cret@example.com", wantErr: "must not carry a user name or password", hidden: "s3cret"},
		{raw: "https://api.useapi.net?x=1", wantErr: `"https://api.useapi.net?x=…" must not carry a query or a fragment`, hidden: "x=1"},
		{raw: "https://proxy.example.com/?key=s3cret", wantErr: `"https://proxy.example.com/?key=…" must not carry a query`, hidden: "s3cret"},
		{raw: "https://proxy.example.com/useapi?a=1&key=s3cret&s3cret2", wantErr: `"https://proxy.example.com/useapi?a=…&key=…&…"`, hidden: "s3cret"},
		{raw: "https://proxy.example.com/#s3cret", wantErr: `"https://proxy.example.com/#…" must not carry a query or a fragment`, hidden: "s3cret"},
		{raw: "http://proxy.example.com/?key=s3cret", wantErr: "must not carry a query", hidden: "s3cret"},
		// Values that do not parse, or parse to no host, are not echoed at all.
		{raw: "https://ci:s3cret@proxy.example.com:port/", wantErr: "not an absolute http(s) URL", hidden: "s3cret"},
		{raw: "https://ci:s3/cret@proxy.example.com/", wantErr: "not an absolute http(s) URL", hidden: "s3"},
		{raw: "ci:s3cret@proxy.example.com", wantErr: "not an absolute http(s) URL", hidden: "s3cret"},
		{raw: "https:ci:s3cret@proxy.example.com", wantErr: "not an absolute http(s) URL", hidden: "s3cret"},
		{raw: "proxy.example.com/?key=s3cret", wantErr: "not an absolute http(s) URL", hidden: "s3cret"},
		{raw: "https://proxy.example.com/%zz?key=s3cret", wantErr: "not an absolute http(s) URL", hidden: "s3cret"},
		{raw: "ftp://proxy.example.com/x", wantErr: `"ftp://proxy.example.com/x" is not an absolute http(s) URL`},
		// The other rules show the URL as it is when it carries nothing secret.
		{raw: "http://api.useapi.net", wantErr: `"http://api.useapi.net" uses plain http, which is allowed only for loopback hosts`},
		{raw: "https://proxy.example.com/v1/", wantErr: `"https://proxy.example.com/v1" ends in an API version (v1)`},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := ParseBaseURL(tt.raw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if tt.hidden != "" && strings.Contains(err.Error(), tt.hidden) {
					t.Fatalf("err = %v: shows %q", err, tt.hidden)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Fatalf("got %v, %v; want %s", got, err, tt.want)
			}
		})
	}
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "no token", cfg: Config{}, wantErr: "token is empty"},
		{name: "blank token", cfg: Config{Token: "  "}, wantErr: "token is empty"},
		{name: "plain http elsewhere", cfg: Config{Token: testToken, BaseURL: "http://example.com"}, wantErr: "loopback"},
		{name: "negative retries", cfg: Config{Token: testToken, MaxRetries: -1}, wantErr: "zero or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestReasons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status  int
		message string
		want    Reason
	}{
		// Which 404s are the service's own "not found" is each service's to say: TestServiceNotFoundWords.
		{404, "Account configuration not found. To create configuration use POST /accounts.", ReasonNotTheService},
		{404, "404 page not found", ReasonNotTheService},
		{404, "(an HTML page instead of an API answer)", ReasonNotTheService},
		{404, "", ReasonNotTheService},
		{401, "Unauthorized", ReasonBadToken},
		{401, "unauthorized.", ReasonBadToken},
		{401, "useapi.net ⁝ Unauthorized", ReasonBadToken}, // as ACE Music's pages show it
		// A 401 in other words is not the documented refusal of the token: no guess.
		{401, "", ReasonOther},
		{401, "Unable to sign in to Meta: wrong email or password", ReasonOther},
		{401, "Wrong username/password combination.", ReasonLoginRejected},
		{401, "This account has been suspended.", ReasonLoginRejected},
		{400, "Account does not exist or password is incorrect", ReasonLoginRejected},
		{500, "Login failed: invalid credentials", ReasonLoginRejected},
		{402, "Subscription required", ReasonNoSubscription},
		{402, "Account has no subscription or subscription expired", ReasonNoSubscription},
		// The words past the account cap are not documented, so a 402 in other words gets no advice.
		{402, "Your subscription allows up to 3 Kling accounts", ReasonOther},
		{402, "", ReasonOther},
		{400, "Your subscription allows up to 3 Kling accounts", ReasonBadRequest},
		{403, "Forbidden", ReasonOther},
		{400, "Parameter maxJobs (11) valid range: 1…10", ReasonBadRequest},
		{429, "Too many requests", ReasonRateLimited},
		{596, "Account is in an error state", ReasonAccountError},
		{596, "Login failed: the session expired", ReasonAccountError},
		{401, "Token expired", ReasonOther},
		{500, "Internal server error", ReasonServer},
		{503, "", ReasonServer},
	}
	for _, tt := range tests {
		if got := (&APIError{StatusCode: tt.status, Message: tt.message}).Reason(); got != tt.want {
			t.Errorf("Reason(%d %q) = %v, want %v", tt.status, tt.message, got, tt.want)
		}
	}
}

// TestServiceNotFoundWords: each service's own not-found sentences, and only those, make a 404 mean that
// the account does not exist; another service's sentence, a router's or a proxy's does not.
func TestServiceNotFoundWords(t *testing.T) {
	t.Parallel()
	c := &Client{}
	tests := []struct {
		api   accountsAPI
		words []string
	}{
		{c.Kling().api, []string{"Account configuration not found. To create configuration use POST /accounts.",
			"Configuration not found. To create configuration use POST /accounts."}},
		{c.Runway().api, []string{"Configuration not found. To create configuration use POST /accounts/email."}},
		{c.PixVerse().api, []string{"Configuration not found. To create configuration use POST /accounts/email."}},
		{c.Dreamina().api, []string{"Unable to find configuration for account US:a@example.com"}},
		{c.Muse().api, []string{"Account a@example.com not found"}},
		{c.ACEMusic().api, []string{"Account a@example.com is not configured"}},
		{c.FlowMusic().api, []string{"Account a@example.com not configured", "Account a@example.com is not configured"}},
		{c.MiniMax().api, []string{"Configuration not found. To create configuration use POST /accounts/account."}},
		{c.GoogleFlow().api, []string{"Google Flow account a@example.com not found"}},
	}
	for _, tt := range tests {
		name := strings.Join(tt.api.collection, "/")
		for _, w := range tt.words {
			if !tt.api.notFound.MatchString(w) {
				t.Errorf("%s: %q is not its not-found answer", name, w)
			}
		}
		for _, w := range []string{"404 page not found", htmlPage, "", "Not Found", "Google Flow account a@example.com deleted"} {
			if tt.api.notFound.MatchString(w) {
				t.Errorf("%s: %q taken for its not-found answer", name, w)
			}
		}
	}
	if c.Muse().api.notFound.MatchString("Unable to find configuration for account US:a@example.com") {
		t.Error("Muse takes Dreamina's words for its own")
	}
}

func TestErrorMessageIsClipped(t *testing.T) {
	t.Parallel()
	got := errorMessage([]byte(strings.Repeat("é", 1000)))
	if len(got) > maxMessageBytes+len("…") || !strings.HasSuffix(got, "…") {
		t.Fatalf("message of %d bytes not clipped: %q", len(got), got[:20])
	}
}
