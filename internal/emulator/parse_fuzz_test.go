package emulator

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzParseAccountRequest feeds arbitrary POST bodies to the emulator's parser: it must not panic, and
// whatever it accepts must obey the service's rules.
func FuzzParseAccountRequest(f *testing.F) {
	f.Add("application/json", `{"email":"a@example.com","password":"p","maxJobs":5}`)
	f.Add("application/json", `{"email":"a@example.com","password":"p","maxJobs":"5"}`)
	f.Add("application/json", `{"email":" ","password":"p","maxJobs":1e3}`)
	f.Add("multipart/form-data; boundary=X", "--X\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--X--\r\n")
	f.Add("text/plain", "email=a")
	f.Fuzz(func(t *testing.T, contentType, body string) {
		req := httptest.NewRequest("POST", RouteAccounts, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		in, err := parseAccountRequest(req)
		if err != nil {
			return
		}
		if strings.TrimSpace(in.Email) == "" || in.Password == "" || in.MaxJobs < 1 || in.MaxJobs > 10 {
			t.Fatalf("accepted an invalid account: %+v", in)
		}
	})
}
