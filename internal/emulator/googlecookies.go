package emulator

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"
)

// The cookies of a signed-in Google session, as Gemini Notebook and Google Vids take them. Their pages
// name the cookies useapi.net keeps (their lists' "cookies") and the sites they are copied from, not the
// form of the paste: the emulator takes the DevTools cookie table Google Flow documents, and, assumed as
// well, a Cookie header's "name=value; name=value".

// googleCookieSpec is one cookie a minted table holds: its name and the domain DevTools shows it under.
type googleCookieSpec struct{ name, domain string }

// cookieValues are the cookies of a DevTools table (a text with tabs) or of a Cookie header, by name.
func cookieValues(text string) map[string]string {
	values := map[string]string{}
	if strings.Contains(text, "\t") {
		for _, row := range parseCookieTable(text) {
			values[row.name] = row.value
		}
		return values
	}
	for pair := range strings.SplitSeq(text, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && strings.TrimSpace(name) != "" {
			values[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	return values
}

// cookieNames are the names of the cookies of a table or header, in their order: what the services list
// of the cookies they hold ("cookies": ["SID", "HSID", …]). The names are not secret; the values are.
func cookieNames(text string) []string {
	var names []string
	seen := map[string]bool{}
	add := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	if strings.Contains(text, "\t") {
		for _, row := range parseCookieTable(text) {
			add(row.name)
		}
		return names
	}
	for pair := range strings.SplitSeq(text, ";") {
		if name, _, ok := strings.Cut(strings.TrimSpace(pair), "="); ok {
			add(strings.TrimSpace(name))
		}
	}
	return names
}

// googleCookieKey is the key function of a service that takes the cookies of a signed-in Google session
// holding every one of required: the site knows the session by the first; problem is the 400's text when
// one is missing.
func googleCookieKey(required []string, problem string) func(string) (string, string) {
	return func(text string) (string, string) {
		values := cookieValues(text)
		for _, name := range required {
			if values[name] == "" {
				return "", problem
			}
		}
		return values[required[0]], ""
	}
}

// mintGoogleTable is the minting of a DevTools cookie table of the given cookies: the rows as
// mintGoogleCookies writes them, each under its own domain.
func mintGoogleTable(cookies []googleCookieSpec, lifetime time.Duration) func(string, [32]byte, time.Time) (string, string) {
	return func(_ string, seed [32]byte, now time.Time) (string, string) {
		var b strings.Builder
		expires := isoTime(now.Add(lifetime))
		for _, c := range cookies {
			sum := sha256.Sum256(append(seed[:], c.name...))
			value := base64.RawURLEncoding.EncodeToString(sum[:])
			switch {
			case c.name == "SID" || strings.HasSuffix(c.name, "PSID"):
				value = "g.a000" + value
			case strings.HasSuffix(c.name, "PSIDTS"):
				value = "sidts-" + value
			}
			httpOnly, sameSite := "✓", ""
			if c.name == "SID" || c.name == "APISID" || c.name == "SAPISID" {
				httpOnly = ""
			}
			if strings.HasPrefix(c.name, "__Secure-3") {
				sameSite = "None"
			}
			b.WriteString(strings.Join([]string{c.name, value, c.domain, "/", expires, "", httpOnly, "✓", sameSite, "", "", "High"}, "\t") + "\n")
		}
		return b.String(), ""
	}
}
