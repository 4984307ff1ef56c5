package useapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// masker hides a request's secrets, the API token and the values WithSecrets marked (a password), wherever
// an answer or a log line could show them. It is the one piece that does so, for errors and logs alike, and
// it masks before anything rewrites the text: a secret that white space folding, a cut at maxMessageBytes,
// a JSON decode or a re-encode has changed is no longer found. So every text is masked as it came, then
// each string it decodes to, then whatever is made of those, and only then folded and cut.
//
// A nil masker masks nothing.
type masker struct {
	// forms are every form of every secret (see secretForms), longest first, so that a long form is
	// replaced whole before a shorter one inside it is.
	forms []string
	// own says the request carried secrets of its own beyond the client's (a POST's password): its
	// success answer is masked too (see answer).
	own bool
	// fields are the lower-cased names of the JSON fields whose values a log never shows, whatever they
	// hold: the service's credentials (see withSecretFields).
	fields map[string]bool
}

// newMasker hides the client's secrets (the API token) and the request's own: the values and the field
// names ctx marks (see WithSecrets and withSecretFields).
func newMasker(client []string, ctx context.Context) *masker {
	m := &masker{fields: map[string]bool{}}
	for _, name := range requestSecretFields(ctx) {
		m.fields[strings.ToLower(name)] = true
	}
	request := requestSecrets(ctx)
	for i, secrets := range [][]string{client, request} {
		for _, s := range secrets {
			if s == "" {
				continue
			}
			m.own = m.own || i == 1
			for _, f := range secretForms(s) {
				if f != "" && !slices.Contains(m.forms, f) {
					m.forms = append(m.forms, f)
				}
			}
		}
	}
	slices.SortStableFunc(m.forms, func(a, b string) int { return len(b) - len(a) })
	return m
}

// secretForms is every form in which a text may carry s: as sent; JSON-escaped as Go writes it (<, > and
// & as \u003c…), as most other encoders do (without that), with every non-ASCII character as \uXXXX, with
// "/" as "\/"; Go-quoted, and escaped as hclog writes a log value (" as \", a tab as \t, a backslash as it
// is); decoded from JSON (invalid UTF-8 becomes U+FFFD); and all of these again with each run of white
// space folded to one space, with and without the ends trimmed.
func secretForms(s string) []string {
	bases := []string{s}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		bases = append(bases, collapseSpace(s), strings.Join(strings.Fields(s), " "))
	}
	var out []string
	for _, b := range bases {
		if b == "" || plainText(b) {
			out = append(out, b)
			continue
		}
		escaped := []string{jsonEscaped(b, true), jsonEscaped(b, false), asciiEscaped(jsonEscaped(b, false))}
		for _, e := range slices.Clone(escaped) {
			if strings.Contains(e, "/") {
				escaped = append(escaped, strings.ReplaceAll(e, "/", `\/`))
			}
		}
		out = append(out, b, goQuoted(b), hclogEscaped(b), jsonDecoded(b))
		for _, e := range escaped {
			out = append(out, e, goQuoted(e), hclogEscaped(e))
		}
	}
	return out
}

// plainText reports whether s reads the same in every form but the folded ones: printable ASCII that no
// encoder escapes.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&', c == '/':
			return false
		}
	}
	return true
}

// collapseSpace folds each run of white space in s to one space, leaving the ends in place.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// jsonEscaped is s as the inside of a JSON string; html escapes <, > and & as json.Marshal does.
func jsonEscaped(s string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if enc.Encode(s) != nil {
		return s
	}
	q := strings.TrimSuffix(b.String(), "\n")
	return q[1 : len(q)-1]
}

// asciiEscaped writes every non-ASCII character of an escaped JSON string as \uXXXX, as encoders that keep
// to ASCII do.
func asciiEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xffff:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10)&0x3ff, 0xdc00+r&0x3ff)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// goQuoted is s as the inside of a Go-quoted string.
func goQuoted(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// hclogEscaped is s as hclog writes a quoted log value, which is how the terraform CLI's log shows a
// provider's: " as \", a character that does not print as its Go escape, and the rest (\ too) as it is.
func hclogEscaped(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case strings.ContainsRune("\a\b\f\n\r\t\v", r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		case r < ' ':
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x10000:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	return b.String()
}

// jsonDecoded is s as a JSON decoder gives it back: invalid UTF-8 becomes U+FFFD.
func jsonDecoded(s string) string {
	var out string
	if json.Unmarshal([]byte(`"`+jsonEscaped(s, false)+`"`), &out) != nil {
		return s
	}
	return out
}

// maxMaskPasses bounds String's passes over a text whose replacements keep making a form anew.
const maxMaskPasses = 4

// String hides every form of every secret in s. A replacement can make a form anew out of the marker and
// the text around it (a secret such as "D]:x"), so String passes again until none is left; a text that
// does not come clean in maxMaskPasses is replaced whole.
func (m *masker) String(s string) string {
	if m == nil || len(m.forms) == 0 {
		return s
	}
	for range maxMaskPasses {
		found := false
		for _, f := range m.forms {
			if strings.Contains(s, f) {
				s, found = strings.ReplaceAll(s, f, redacted), true
			}
		}
		if !found {
			return s
		}
	}
	if m.holds(s) {
		return redacted
	}
	return s
}

// holds reports whether s shows any form of a secret.
func (m *masker) holds(s string) bool {
	for _, f := range m.forms {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}

// tree masks every string of a decoded JSON value (see decodeTree): the values, and with all also the keys
// and the numbers' text (a number that shows a secret becomes a string).
func (m *masker) tree(v any, all bool) any {
	if m == nil || len(m.forms) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		return m.String(x)
	case json.Number:
		if masked := m.String(string(x)); all && masked != string(x) {
			return masked
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if all {
				k = m.String(k)
			}
			out[k] = m.tree(val, all)
		}
		return out
	case []any:
		for i := range x {
			x[i] = m.tree(x[i], all)
		}
	}
	return v
}

// err is err with its text masked: as it is when its text shows no secret, else wrapped so that its text
// is masked and its cause is still there for errors.Is and errors.As (Go's HTTP client puts the URL and
// the transport's words in its errors).
func (m *masker) err(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if masked := m.String(text); masked != text {
		return &maskedError{text: masked, err: err}
	}
	return err
}

// maskedError is an error whose text had a secret in it.
type maskedError struct {
	text string
	err  error
}

func (e *maskedError) Error() string { return e.text }
func (e *maskedError) Unwrap() error { return e.err }

// Timeout keeps what the cause says, for url.Error's Timeout, which asks its own cause directly.
func (e *maskedError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}

// answer is a success answer fit to decode into the service's account object. When the request carried a
// secret of its own (a POST's password), every string value in the answer is masked first: the service's
// error text for the account becomes the computed `error` attribute, which plans and state show. Keys and
// numbers are left as they are, since they name fields and never reach a string attribute. A read, or an
// answer with no escape and no form of a secret in its bytes, is returned as it is, at the cost of a scan.
func (m *masker) answer(data []byte) []byte {
	if m == nil || !m.own || !m.mayHold(data) {
		return data
	}
	v, err := decodeTree(data)
	if err != nil {
		return data // decodeJSON says what is wrong with it, without the body
	}
	out, err := encodeTree(m.tree(v, false))
	if err != nil {
		return data
	}
	return out
}

// mayHold reports whether decoding data could give a string that shows a secret: data shows a form of
// one, or has an escape (an encoder may write any character as \uXXXX, or "/" as "\/"), or has bytes a
// decoder replaces.
func (m *masker) mayHold(data []byte) bool {
	if bytes.IndexByte(data, '\\') >= 0 || !utf8.Valid(data) {
		return true
	}
	for _, f := range m.forms {
		if bytes.Contains(data, []byte(f)) {
			return true
		}
	}
	return false
}

// decodeTree decodes one JSON value, numbers kept as their text.
func decodeTree(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one JSON value")
	}
	return v, nil
}

// encodeTree encodes a decoded JSON value, with <, > and & as they are.
func encodeTree(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// htmlPage is the message of an answer that is a web page, not the service's words.
const htmlPage = "(an HTML page instead of an API answer)"

// message is the service's words in an error answer: the "error" field of a JSON body (a string, or any
// other value as compact JSON), else its "message" field, else a plain-text body. The body is masked as it
// came, then each string it decodes to, then what is rendered of them; white space is folded and the text
// masked again, and the text is cut at maxMessageBytes last, so that no secret is cut in two.
func (m *masker) message(body []byte) string {
	text := strings.TrimSpace(m.String(string(body)))
	if text == "" {
		return ""
	}
	if words, ok := m.jsonWords(text); ok {
		return m.fit(words)
	}
	if looksLikeHTML(text) {
		return htmlPage
	}
	return m.fit(text)
}

// jsonWords are the words of a JSON error body, masked; ok is false for a body that is not a JSON object
// or has neither field.
func (m *masker) jsonWords(text string) (string, bool) {
	v, err := decodeTree([]byte(text))
	fields, isObject := v.(map[string]any)
	if err != nil || !isObject {
		return "", false
	}
	errorField, hasError := fields["error"]
	if s, ok := errorField.(string); ok && s != "" {
		return m.String(s), true
	}
	if hasError && errorField != nil {
		out, err := encodeTree(m.tree(errorField, true))
		if err != nil {
			return redacted, true
		}
		return m.String(string(out)), true
	}
	if s, ok := fields["message"].(string); ok && s != "" {
		return m.String(s), true
	}
	return "", false
}

// fit folds the white space of masked words, masks them again (folding may have made a form), then cuts them.
func (m *masker) fit(words string) string {
	return clip(m.String(strings.Join(strings.Fields(words), " ")))
}

// errorMessage is the message of an error body, with no secret to mask.
func errorMessage(body []byte) string { return (*masker)(nil).message(body) }

func looksLikeHTML(s string) bool {
	head := strings.ToLower(s[:min(len(s), 64)])
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<head")
}

// clip cuts s at maxMessageBytes, on a character boundary.
func clip(s string) string {
	if len(s) <= maxMessageBytes {
		return s
	}
	cut := maxMessageBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// requestBody is a request body fit for a log (see loggedJSON); any other body is left out, since a form
// body could carry a password in any shape.
func (m *masker) requestBody(data []byte) string {
	if out, ok := m.loggedJSON(data); ok {
		return out
	}
	return "(body not logged)"
}

// responseBody is requestBody for answers, which also come as plain text or HTML error pages: those are
// logged as their message.
func (m *masker) responseBody(data []byte) string {
	if out, ok := m.loggedJSON(data); ok {
		return out
	}
	return m.message(data)
}

// loggedJSON is a JSON body for a log: every secret field (at any depth) replaced by the marker, every other string (keys too) masked, re-encoded, and the encoding masked again,
// since escaping can make a form that was not there ("<" becomes \u003c).
func (m *masker) loggedJSON(data []byte) (string, bool) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return "", true
	}
	v, err := decodeTree(trimmed)
	if err != nil {
		return "", false
	}
	out, err := encodeTree(m.tree(m.redactFields(v), true))
	if err != nil {
		return redacted, true
	}
	return m.String(string(out)), true
}

// everyString, as a secret field's name, marks every string value of a request and its answer secret:
// for an endpoint whose every text is a credential or a part of one (the captcha keys).
const everyString = "*"

// redactFields replaces the value of every secret field, at any depth.
func (m *masker) redactFields(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			_, isString := val.(string)
			if m != nil && (m.fields[strings.ToLower(k)] || (isString && m.fields[everyString])) {
				x[k] = redacted
				continue
			}
			x[k] = m.redactFields(val)
		}
	case []any:
		for i := range x {
			x[i] = m.redactFields(x[i])
		}
	}
	return v
}
