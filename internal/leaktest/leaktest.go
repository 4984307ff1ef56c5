// Package leaktest is the tests' oracle for leaked secrets: every form in which a text (an error, a
// terraform log, a state file) can show a secret, written apart from the client's own masking so that a
// test of one does not share the other's mistakes.
package leaktest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Forms is every form in which a text can show secret: as it is and with its white space folded, each
// JSON-escaped with and without Go's HTML escaping, and each of those Go-quoted and as hclog writes a value.
func Forms(secret string) []string {
	var out []string
	for _, s := range []string{secret, strings.Join(strings.Fields(secret), " ")} {
		if s == "" {
			continue
		}
		for _, f := range []string{s, JSONInner(s, true), JSONInner(s, false)} {
			q := strconv.Quote(f)
			for _, form := range []string{f, q[1 : len(q)-1], HCLog(f)} {
				if !slices.Contains(out, form) {
					out = append(out, form)
				}
			}
		}
	}
	return out
}

// HCLog is s as hclog writes a quoted value (the terraform CLI's log shows a provider's lines so): " as
// \", a tab or a line break as \t or \n, another character that does not print as \xXX or \uXXXX, and a
// backslash as it is.
func HCLog(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\a', r == '\b', r == '\f', r == '\v':
			b.WriteString(strconv.QuoteRune(r)[1:3])
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

// JSON is s as a JSON string, quotes included; html says to escape <, > and & as json.Marshal does.
func JSON(s string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// JSONInner is s inside a JSON string, without the quotes.
func JSONInner(s string, html bool) string {
	q := JSON(s, html)
	return q[1 : len(q)-1]
}

// Logger records the lines a client logs, as the provider's logger would be handed them: a leak test
// then greps String (each line's message and fields as JSON) or Fields (only the values that carry what
// a request and its answer held, each as %v, Go-quoted and as hclog renders it).
type Logger struct {
	mu     sync.Mutex
	lines  []string
	values []string
}

// Debug records a line.
func (l *Logger) Debug(_ context.Context, msg string, fields map[string]any) { l.add(msg, fields) }

// Warn records a line.
func (l *Logger) Warn(_ context.Context, msg string, fields map[string]any) { l.add(msg, fields) }

func (l *Logger) add(msg string, fields map[string]any) {
	data, _ := json.Marshal(fields)
	var values []string
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if k == "method" || k == "status" || k == "duration_ms" {
			continue // the client writes these itself
		}
		v := fmt.Sprint(fields[k])
		values = append(values, v, strconv.Quote(v), HCLog(v))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, msg+" "+string(data))
	l.values = append(l.values, values...)
}

// String is every line recorded.
func (l *Logger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// Fields is every value recorded that a request or its answer could have put there.
func (l *Logger) Fields() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.values, "\n")
}
