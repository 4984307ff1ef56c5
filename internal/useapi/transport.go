package useapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"time"
)

const redacted = "[REDACTED]"

// maxLoggedBody bounds how much of a body reaches the log.
const maxLoggedBody = 4096

// loggingTransport logs every attempt: method, URL, status, timing and bodies. Redaction lives here, in the
// one place every request passes, so no call site has to remember it: the Authorization header is never
// logged, the JSON fields the service names as secret (accountsAPI.secretFields) are masked, and the API
// token and each request's own secrets (see WithSecrets) are masked wherever else they show up, in every
// form (see masker), before the Logger sees anything. The errors it passes on are masked too, logged or not.
type loggingTransport struct {
	next    http.RoundTripper
	secrets []string
	logger  Logger
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if t.logger == nil {
		resp, err := t.next.RoundTrip(req)
		if err != nil {
			// Go's HTTP client gives this text on to the caller's error, which becomes a diagnostic.
			err = newMasker(t.secrets, ctx).err(err)
		}
		return resp, err
	}
	secrets := newMasker(t.secrets, ctx)
	fields := map[string]any{
		"method": req.Method,
		"url":    secrets.String(req.URL.String()),
	}
	if req.Body != nil && req.GetBody != nil {
		fields["request_body"] = loggedBody{request: true, getBody: req.GetBody, secrets: secrets}
	}
	t.logger.Debug(ctx, "sending request to useapi.net", fields)

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	fields["duration_ms"] = time.Since(start).Milliseconds()
	if err != nil {
		err = secrets.err(err)
		fields["error"] = err.Error()
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
	secrets *masker
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
		return b.secrets.requestBody(data)
	}
	return b.secrets.responseBody(data)
}

type secretsKey struct{}

// WithSecrets marks values that the log, the errors and the answers of requests made with ctx must never
// show, such as the password a POST carries, or the one a caller keeps for an account it reads: the
// service or a proxy could echo it anywhere in an answer.
func WithSecrets(ctx context.Context, values ...string) context.Context {
	return context.WithValue(ctx, secretsKey{}, append(requestSecrets(ctx), values...))
}

func requestSecrets(ctx context.Context) []string {
	values, _ := ctx.Value(secretsKey{}).([]string)
	return slices.Clone(values)
}

type secretFieldsKey struct{}

// withSecretFields marks JSON field names whose values the log of requests made with ctx must not show,
// in the request and in its answer: which fields hold credentials is the service's to say.
func withSecretFields(ctx context.Context, names ...string) context.Context {
	if len(names) == 0 {
		return ctx
	}
	return context.WithValue(ctx, secretFieldsKey{}, append(requestSecretFields(ctx), names...))
}

func requestSecretFields(ctx context.Context) []string {
	names, _ := ctx.Value(secretFieldsKey{}).([]string)
	return slices.Clone(names)
}

// MarshalJSON renders the body as a JSON string, for JSON log output.
func (b loggedBody) MarshalJSON() ([]byte, error) { return json.Marshal(b.String()) }
