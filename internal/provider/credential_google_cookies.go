package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The credential the services of Google accounts share (Google Flow, Gemini Notebook, Google Vids): the
// cookies of a signed-in browser session.

// googleCookieCredential is the credential of a service of Google accounts: the cookies of a signed-in
// session, which name the account by its email. refreshed says useapi.net refreshes the session itself;
// required are the cookies the copy must hold.
func googleCookieCredential(refreshed bool, where, about string, required ...string) *credentialSpec {
	return &credentialSpec{
		field: "cookies", identity: "email", idPattern: emailPattern, idForm: "its email, such as user@example.com",
		what: "the cookies", where: where, about: about, refreshed: refreshed,
		validators: []validator.String{googleCookies(required...)},
	}
}

// googleCookies is a validator of a Google cookie copy that must hold the named cookies: it catches a
// copy from the wrong site or from before signing in, and never shows the value.
func googleCookies(required ...string) validator.String {
	return googleCookiesValidator{required: required}
}

type googleCookiesValidator struct{ required []string }

func (v googleCookiesValidator) Description(context.Context) string {
	return "must be a cookie table (or Cookie header) holding the Google cookies " + joinAnd(v.required, " and ")
}

func (v googleCookiesValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v googleCookiesValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	names := cookieNames(req.ConfigValue.ValueString())
	var missing []string
	for _, n := range v.required {
		if !names[n] {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		// The value is a secret: the message names only the cookies that are missing.
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Google cookies", "The cookies lack "+
			joinAnd(missing, " and ")+": copy the whole cookie table from DevTools while signed in (rows of Name, "+
			"Value, Domain, ... separated by tabs). It "+v.Description(ctx)+".")
	}
}

// cookieNames are the names in a DevTools cookie table (a row a cookie, tab-separated, name first) or in
// a Cookie header (name=value pairs separated by semicolons).
func cookieNames(text string) map[string]bool {
	names := map[string]bool{}
	for line := range strings.SplitSeq(text, "\n") {
		if name, _, table := strings.Cut(line, "\t"); table {
			names[strings.TrimSpace(name)] = true
			continue
		}
		for pair := range strings.SplitSeq(line, ";") {
			if name, _, ok := strings.Cut(pair, "="); ok {
				names[strings.TrimSpace(name)] = true
			}
		}
	}
	return names
}
