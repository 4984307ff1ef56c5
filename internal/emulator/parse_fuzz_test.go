package emulator

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// FuzzParseAccountRequest feeds arbitrary POST bodies to the parser every service shares, under each
// service's rules: it must not panic, and whatever it accepts must obey that service's rules.
func FuzzParseAccountRequest(f *testing.F) {
	f.Add(uint8(0), "application/json", `{"email":"a@example.com","password":"p","maxJobs":5}`)
	f.Add(uint8(1), "application/json", `{"email":"a@example.com","password":"p","maxJobs":"5"}`)
	f.Add(uint8(2), "application/json", `{"email":" ","password":"p","maxJobs":1e3}`)
	f.Add(uint8(3), "application/json", `{"email":"a@example.com","password":"p","region":"CA"}`)
	f.Add(uint8(3), "application/json", `{"email":"a@example.com","password":"p","region":"ca","maxJobs":50}`)
	f.Add(uint8(4), "application/json", `{"email":"a@example.com","maxJobs":null}`)
	f.Add(uint8(4), "multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--X--\r\n")
	f.Add(uint8(0), "text/plain", "email=a")
	f.Add(uint8(6), "application/json", `{"refresh_token":"abcdefghij","maxJobs":16}`)
	f.Add(uint8(6), "application/json", `{"email":"a@example.com","maxJobs":3}`)
	f.Add(uint8(6), "application/json", `{"email":"a@example.com","refresh_token":"abcdefghij"}`)
	f.Add(uint8(7), "application/json", `{"token":"eyJa.b.c","url":"https://hailuoai.video/x","maxJobs":1}`)
	f.Add(uint8(7), "application/json", `{"token":"eyJa.b.c","maxJobs":1}`)
	f.Add(uint8(11), "application/json", `{"email":"a@example.com","password":"p"}`)
	f.Add(uint8(11), "application/json", `{"token":"eyJa.b.c","refresh_token":"mrt_x"}`)
	f.Add(uint8(8), "application/json", "{\"cookies\":\"SID\\tx\\n__Secure-1PSID\\ty\\n__Secure-3PSID\\tz\",\"maxJobs\":99}")
	f.Fuzz(func(t *testing.T, which uint8, contentType, body string) {
		d := catalog[int(which)%len(catalog)]
		req := httptest.NewRequest("POST", d.base, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		in, err := parseAccountRequest(req, d)
		if err != nil {
			return
		}
		jobsOK := in.MaxJobs >= d.maxJobs.min && in.MaxJobs <= d.maxJobs.max || in.MaxJobs == 0 && d.maxJobs.def != 0
		if c := d.cred; c != nil && in.ByEmail {
			// The other way a service may take (Mureka): an email and a password, and no credential.
			if c.byEmail == nil || strings.TrimSpace(in.Email) == "" || in.Password == "" || in.Extra != "" || !jobsOK || in.Region != "" {
				t.Fatalf("%s accepted an invalid account by email: %+v", d.name, in)
			}
			return
		}
		if c := d.cred; c != nil {
			// A credential (well formed, with its url where the service takes one) and no email, or an
			// email and maxJobs alone where the service has a credential-less update.
			_, problem := c.key(in.Password)
			withCredential := in.Password != "" && problem == "" && in.Email == "" && (c.extra == "" || c.extraOptional || in.Extra != "")
			update := in.Password == "" && d.passwordOptional && strings.TrimSpace(in.Email) != "" && in.MaxJobs != 0
			if !withCredential && !update || !jobsOK || in.Region != "" {
				t.Fatalf("%s accepted an invalid account: %+v", d.name, in)
			}
			return
		}
		regionOK := d.regions == nil && in.Region == "" || slices.Contains(d.regions, in.Region)
		if strings.TrimSpace(in.Email) == "" || in.Password == "" && !d.passwordOptional || !jobsOK || !regionOK {
			t.Fatalf("%s accepted an invalid account: %+v", d.name, in)
		}
	})
}
