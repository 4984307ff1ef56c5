package emulator

import (
	"bytes"
	"io"
	"net/http"
	"strings"
)

// echoCut is where the provider's client cuts a service's message (maxMessageBytes in internal/useapi):
// an echoed password is placed across it, so that a client that looks for the whole password only in
// the cut message misses the part that is left.
const echoCut = 300

// The words around an echoed password. They hold no runs of white space, so that a client that folds
// white space before it cuts finds the password where the emulator put it.
const (
	echoLead  = " (debug: the service echoes what it was sent"
	echoLabel = ", password "
	echoTail  = "; a client must mask it wherever it shows this text)"
)

// EchoSecrets makes the service echo the password (or, for the services of the second shape, the
// credential: refresh token, token or cookie table) a POST carried while on, to prove that the client
// masks it in every form: every refusal of such a POST embeds it (see echoPassword), as do the errors
// that the security check, a superseded credential and SetAccountError store for an account (its last
// one posted). MiniMax's url is not echoed. JSON bodies stay as encoding/json writes them: <, > and &
// come out as \u003c, \u003e and \u0026, " as \".
func (s *Server) EchoSecrets(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo, s.echoPlain = on, false
}

// EchoSecretsPlain is EchoSecrets with every refusal that embeds a password sent as a text/plain body,
// the text as it is, since a client must mask the raw password as well as its JSON-escaped form. Off
// stops the echo altogether.
func (s *Server) EchoSecretsPlain(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo, s.echoPlain = on, on
}

// echoPassword embeds password in text after a preamble, so that the whole is longer than echoCut bytes
// and the password begins before byte echoCut and ends after it, half on each side where it can, for any
// password of two bytes or more. The text leads when it leaves room before the cut, else it follows. The
// text is trimmed, so that a client that folds white space moves nothing unless the text holds a run.
func echoPassword(text, password string) string {
	text = strings.TrimSpace(text)
	head, after := text+echoLead, ""
	switch {
	case text == "":
		head = strings.TrimPrefix(echoLead, " ")
	case len(head)+len(echoLabel) >= echoCut:
		head, after = strings.TrimPrefix(echoLead, " "), "; "+text
	}
	start := max(echoCut-len(password)/2, len(head)+len(echoLabel))
	return head + strings.Repeat(".", start-len(head)-len(echoLabel)) + echoLabel + password + after + echoTail
}

// faultRefusal writes a fault's {"error","code"} answer; while EchoSecrets is on, text embeds the
// password or credential a POST carried, as the service's own refusals do.
func (s *Server) faultRefusal(w http.ResponseWriter, r *http.Request, status int, text string) {
	s.mu.Lock()
	echo, plain := s.echo, s.echoPlain
	s.mu.Unlock()
	if echo {
		if password := postedSecret(r); password != "" {
			text = echoPassword(text, password)
			if plain {
				writeText(w, status, text)
				return
			}
		}
	}
	writeJSON(w, status, errorBody{Error: text, Code: status})
}

// postedSecret is the password, or the credential of any service of the second shape, that a POST's body
// carries, "" for none; the body is left to be read again.
func postedSecret(r *http.Request) string {
	if r.Method != http.MethodPost || r.Body == nil {
		return ""
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(data), r.Body))
	if err != nil {
		return ""
	}
	peek := r.Clone(r.Context())
	peek.Body = io.NopCloser(bytes.NewReader(data))
	// No service's rules: the secret is read before any rule is checked. The credential is the field of
	// the service posted to, where the path names one: another service's credential field may be its
	// second secret (Flow Music's refresh_token is Mureka's).
	var fields []string
	for _, d := range catalog {
		if d.cred != nil && strings.HasPrefix(r.URL.Path, d.base) {
			fields = []string{d.cred.field}
			break
		}
		if d.cred != nil {
			fields = append(fields, d.cred.field)
		}
	}
	in, _, creds, _ := readAccountRequest(peek, fields...)
	if in.Password != "" {
		return in.Password
	}
	for _, field := range fields {
		if creds[field] != "" {
			return creds[field]
		}
	}
	return ""
}
