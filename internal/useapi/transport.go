package useapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

const redacted = "[REDACTED]"

// maxLoggedBody bounds how much of a body reaches the log.
const maxLoggedBody = 4096

// loggingTransport logs every attempt: method, URL, status, timing and bodies. Redaction lives here, in the
// one place every request passes, so no call site has to remember it: the Authorization header is never
// logged, any JSON field named like "password" or "token" is masked, and the API token and each request's
// own secrets (see withSecrets) are masked wherever else they show up, before the Logger sees anything.
type loggingTransport struct {
	next    http.RoundTripper
	secrets []string
	logger  Logger
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.logger == nil {
		return t.next.RoundTrip(req)
	}
	ctx := req.Context()
	secrets := append(slices.Clone(t.secrets), requestSecrets(ctx)...)
	fields := map[string]any{
		"method": req.Method,
		"url":    maskSecrets(req.URL.String(), secrets),
	}
	if req.Body != nil && req.GetBody != nil {
		fields["request_body"] = loggedBody{request: true, getBody: req.GetBody, secrets: secrets}
	}
	t.logger.Debug(ctx, "sending request to useapi.net", fields)

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		fields["error"] = maskSecrets(err.Error(), secrets)
		t.logger.Warn(ctx, "request to useapi.net got no answer", fields)
		return nil, err
	}
	fields["status"] = resp.StatusCode
	if resp.ContentLength >= 0 && resp.ContentLength <= maxLoggedBody {
		// Peek at small bodies only; larger ones are left for the caller's size check.
		data, readErr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		if readErr == nil {
			fields["response_body"] = loggedBody{data: data, secrets: secrets}
		}
	}
	t.logger.Debug(ctx, "received answer from useapi.net", fields)
	return resp, nil
}

// loggedBody is a body as the log shows it, rendered only when a line is written: redacting costs a JSON
// round trip, which a request whose log level is off should not pay.
type loggedBody struct {
	request bool
	data    []byte
	getBody func() (io.ReadCloser, error)
	secrets []string
}

// String redacts the body and masks every secret in it.
func (b loggedBody) String() string {
	data := b.data
	if b.getBody != nil {
		body, err := b.getBody()
		if err != nil {
			return "(body not available)"
		}
		data, _ = io.ReadAll(io.LimitReader(body, maxLoggedBody))
		_ = body.Close()
	}
	if b.request {
		return maskSecrets(redactRequestBody(data), b.secrets)
	}
	return maskSecrets(redactResponseBody(data), b.secrets)
}

type secretsKey struct{}

// withSecrets marks values that the log and the errors of requests made with ctx must never show, such
// as the password a POST carries: the service or a proxy could echo it anywhere in an answer.
func withSecrets(ctx context.Context, values ...string) context.Context {
	return context.WithValue(ctx, secretsKey{}, append(requestSecrets(ctx), values...))
}

func requestSecrets(ctx context.Context) []string {
	values, _ := ctx.Value(secretsKey{}).([]string)
	return slices.Clone(values)
}

// maskSecrets replaces every secret in s with the redaction marker.
func maskSecrets(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}

// MarshalJSON renders the body as a JSON string, for JSON log output.
func (b loggedBody) MarshalJSON() ([]byte, error) { return json.Marshal(b.String()) }

// redactRequestBody returns a request body fit for a log: JSON with every field named like "password" or
// "token" (at any depth) masked. Any other body is left out, since a form body could carry a password in any shape.
func redactRequestBody(data []byte) string {
	if out, ok := redactJSON(data); ok {
		return out
	}
	return "(body not logged)"
}

// redactResponseBody is redactRequestBody for answers, which also come as plain text or HTML error pages.
func redactResponseBody(data []byte) string {
	if out, ok := redactJSON(data); ok {
		return out
	}
	return errorMessage(data)
}

func redactJSON(data []byte) (string, bool) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return "", true
	}
	var v any
	if err := json.Unmarshal(trimmed, &v); err != nil {
		return "", false
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return redacted, true
	}
	return string(out), true
}

func redactValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if lower := strings.ToLower(k); strings.Contains(lower, "password") || strings.Contains(lower, "token") {
				x[k] = redacted
				continue
			}
			x[k] = redactValue(val)
		}
	case []any:
		for i := range x {
			x[i] = redactValue(x[i])
		}
	}
	return v
}
