package useapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDecodeAnswers feeds arbitrary bytes to every decoder an answer can reach: none may panic, error
// messages stay bounded, and redacted logs never contain a password value that was in the input.
func FuzzDecodeAnswers(f *testing.F) {
	for _, seed := range []string{
		`{"email":"a@example.com","session":{"userId":"u","ExpireTime":1,"ExpireTimeUTC":"x"},"maxJobs":5,"password":"…secured…"}`,
		`{"email":"a@example.com","balance":{"points":[{"orderId":"1","type":"plan","amount":1.5,"balance":1,"startTime":1,"endTime":2}],"tickets":[],"nextApplyTime":3,"total":1}}`,
		`{"a@example.com":{"maxJobs":1},"b@example.com":{}}`,
		`{"error":"Unauthorized","code":401}`,
		`{"error":{"nested":true}}`,
		`Account configuration not found. To create configuration use POST /accounts.`,
		`<!DOCTYPE html><html><head><title>503</title></head></html>`,
		`{"password":"p","x":[{"password":"q"}]}`,
		``, `null`, `[]`, `{"maxJobs":1e400}`, "\xff\xfe",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var one KlingAccount
		_ = decodeJSON(data, &one)
		var all map[string]KlingAccount
		_ = decodeJSON(data, &all)

		if msg := errorMessage(data); len(msg) > maxMessageBytes+len("…") {
			t.Fatalf("message of %d bytes", len(msg))
		}
		var logged any
		body := fieldMasker("password").responseBody(data)
		if json.Unmarshal([]byte(body), &logged) == nil {
			if key, ok := unredacted(logged); ok {
				t.Fatalf("field %q survived redaction: %s", key, body)
			}
		}
	})
}

// unredacted finds a field named password, in any case, whose value is anything but the redaction marker.
func unredacted(v any) (string, bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if strings.EqualFold(k, "password") && val != redacted {
				return k, true
			}
			if key, ok := unredacted(val); ok {
				return key, true
			}
		}
	case []any:
		for _, val := range x {
			if key, ok := unredacted(val); ok {
				return key, true
			}
		}
	}
	return "", false
}
