// Package useapi is a client for the useapi.net API. It knows nothing of Terraform: it takes and returns
// plain Go values, so the provider can be tested and reasoned about apart from the wire.
package useapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is where useapi.net serves its API.
const DefaultBaseURL = "https://api.useapi.net"

// Defaults for Config fields left at zero.
const (
	DefaultRequestTimeout = 60 * time.Second
	DefaultMaxRetries     = 6
	DefaultRetryWaitMin   = 1 * time.Second
	DefaultRetryWaitMax   = 30 * time.Second
	// MaxResponseBytes bounds what the client reads of any answer; a larger one is refused, not buffered.
	MaxResponseBytes = 4 << 20
)

// Config says how a Client reaches the service.
type Config struct {
	// Token is the useapi.net API token, sent whole as a bearer token.
	Token string
	// BaseURL defaults to DefaultBaseURL. Plain http is allowed only for loopback hosts.
	BaseURL string
	// UserAgent is sent on every request.
	UserAgent string
	// RequestTimeout bounds each attempt of a request; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxRetries is how many times a failed attempt may be repeated; zero disables retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts when the service gives no Retry-After.
	RetryWaitMin, RetryWaitMax time.Duration
	// Transport carries the requests; nil means a fresh pooled transport owned by the client.
	Transport http.RoundTripper
	// Logger receives a line for every attempt, already redacted; nil logs nothing.
	Logger Logger
}

// Logger receives the client's log lines. Every value it is handed has had the token, the passwords and
// the services' tokens masked, so an implementation may write them as they are.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Client calls the useapi.net API. It is safe for concurrent use and keeps one connection pool.
type Client struct {
	base      *url.URL
	token     string
	userAgent string
	timeout   time.Duration
	http      *retryablehttp.Client
}

// New checks cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	if err := CheckToken(cfg.Token); err != nil {
		return nil, err
	}
	if !validHeaderValue(cfg.UserAgent) {
		return nil, fmt.Errorf("the user agent %q cannot be sent in an HTTP header", cfg.UserAgent)
	}
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be zero or more, not %d", cfg.MaxRetries)
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	transport := cfg.Transport
	if transport == nil {
		transport = NewTransport()
	}

	rc := retryablehttp.NewClient()
	rc.HTTPClient = &http.Client{
		Transport: &loggingTransport{next: transport, secrets: []string{cfg.Token}, logger: cfg.Logger},
		Timeout:   cfg.RequestTimeout,
	}
	rc.Logger = nil // attempts are logged by loggingTransport, with secrets redacted
	rc.RetryMax = cfg.MaxRetries
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = retryPolicy
	rc.Backoff = backoff
	rc.ErrorHandler = keepLastAnswer

	return &Client{base: base, token: cfg.Token, userAgent: cfg.UserAgent, timeout: cfg.RequestTimeout, http: rc}, nil
}

// NewTransport returns a pooled transport sized for Terraform's parallelism, so that concurrent resource
// operations reuse keep-alive connections instead of opening one each. A host that does not answer a
// connection attempt is given up on in seconds, not the half minute of Go's default.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 64
	t.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	return t
}

// dialTimeout bounds one TCP connection attempt.
const dialTimeout = 10 * time.Second

// CheckToken says what is wrong with an API token that cannot be used, or returns nil.
func CheckToken(token string) error {
	switch {
	case strings.TrimSpace(token) == "":
		return errors.New("the API token is empty")
	case !validHeaderValue(token):
		return errors.New("the API token contains a character that cannot be sent in an HTTP header, " +
			"such as a line break or another control character (a token read from a file often ends in one)")
	}
	return nil
}

// validHeaderValue reports whether s can be sent as an HTTP header value: no control characters but tab.
func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// ParseBaseURL returns the base URL to use for raw, or an error that says what is allowed. Its errors reach
// validate and plan output, so they never repeat raw: a URL can carry a password before the host or a key in
// its query. They show safeURL's rendering instead, and nothing at all of a value that does not parse.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		return nil, fmt.Errorf("%q must not carry a user name or password before the host; useapi.net takes "+
			"only the API token (api_token)", safeURL(u))
	}
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		shown := "the value (not shown, as it may hold a secret)"
		if err == nil && u.Host != "" {
			shown = fmt.Sprintf("%q", safeURL(u))
		}
		return nil, fmt.Errorf("%s is not an absolute http(s) URL such as %s", shown, DefaultBaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not carry a query or a fragment: give the scheme, host and path only, "+
			"such as %s", safeURL(u), DefaultBaseURL)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%q uses plain http, which is allowed only for loopback hosts "+
			"(127.0.0.0/8, ::1, localhost); use https", safeURL(u))
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	if versionSegment.MatchString(u.Path) {
		return nil, fmt.Errorf("%q ends in an API version (%s), but every request names its own version, such as "+
			"/v1/kling/accounts or /v2/pixverse/accounts: leave it out and use %s", safeURL(u), path.Base(u.Path), DefaultBaseURL)
	}
	return u, nil
}

// safeURL renders u for a message without what may be secret: the scheme, the host and the path, a user name
// or password as "…@", a query by its keys alone ("?key=…"), a fragment as "#…".
func safeURL(u *url.URL) string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.Host != "" || u.User != nil {
		b.WriteString("//")
		if u.User != nil {
			b.WriteString("…@")
		}
		b.WriteString(u.Host)
	}
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		for i, part := range parts {
			// A part without "=" is a value alone, such as a bare key someone pasted: show none of it.
			if key, _, found := strings.Cut(part, "="); found && key != "" {
				parts[i] = key + "=…"
			} else {
				parts[i] = "…"
			}
		}
		b.WriteString("?" + strings.Join(parts, "&"))
	}
	if u.Fragment != "" {
		b.WriteString("#…")
	}
	return b.String()
}

// versionSegment matches a base path that ends in an API version, an easy slip from the docs' /v1/... paths.
var versionSegment = regexp.MustCompile(`(?i)(^|/)v\d+$`)

// IsLoopback reports whether host names this machine: localhost, 127.0.0.0/8 or ::1.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// do sends one logical request (with retries) and decodes a 2xx JSON answer into out, when out is not nil.
func (c *Client) do(ctx context.Context, method string, segments []string, body []byte, out any) error {
	return c.doQuery(ctx, method, segments, nil, body, out)
}

// doQuery is do for an endpoint that also takes a query, such as a live read's ?email=.
func (c *Client) doQuery(ctx context.Context, method string, segments []string, query url.Values, body []byte, out any) error {
	// ParseBaseURL admits no query or fragment, so the endpoint is the base and the escaped segments.
	path := c.base.EscapedPath() + "/" + strings.Join(escapeAll(segments), "/")
	endpoint := c.base.Scheme + "://" + c.base.Host + path
	if len(query) > 0 {
		endpoint += "?" + query.Encode()
	}

	var rb any // a nil []byte in an interface would still count as a body, and GETs must have none
	if body != nil {
		rb = body
	}
	if err := ctx.Err(); err != nil {
		// Over before it began: nothing was sent, which an error from the transport could not prove.
		return &TransportError{Method: method, Path: path, Attempts: 0, Err: err, Outcome: NotApplied}
	}
	ctx, tracker := withAttempts(ctx)
	req, err := retryablehttp.NewRequestWithContext(ctx, method, endpoint, rb)
	if err != nil {
		return fmt.Errorf("building %s request: %w", method, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(req)
	attempts, last, outcome := tracker.snapshot()
	var gaveUp *gaveUpError
	if errors.As(err, &gaveUp) {
		attempts, err, resp = gaveUp.attempts, gaveUp.err, gaveUp.resp
	}
	secrets := newMasker([]string{c.token}, ctx)
	if resp != nil {
		defer func() { _ = resp.Body.Close() }()
	}
	var notSentErr *NotSentError
	switch {
	case errors.As(err, &notSentErr):
		// This attempt never left, but an earlier one may have: the outcome says which.
		return &TransportError{Method: method, Path: path, Attempts: attempts, Err: notSentErr, Outcome: outcome, Last: masked(last, secrets)}
	case ctx.Err() != nil && (resp == nil || resp.StatusCode > 299):
		// Interrupted or out of time: say so, with what the service last said, rather than report an
		// answer that arrived as the operation ended.
		return &TransportError{Method: method, Path: path, Attempts: attempts, Err: ctx.Err(), Outcome: outcome, Last: masked(last, secrets)}
	case resp == nil:
		if err == nil {
			err = errors.New("no answer")
		}
		if isTimeout(err) {
			err = fmt.Errorf("no answer within the request timeout of %s: %w", c.timeout, err)
		}
		return &TransportError{Method: method, Path: path, Attempts: attempts, Err: err, Outcome: outcome, Last: masked(last, secrets)}
	}

	data, readErr := readLimited(resp)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := masked(newAPIError(resp.StatusCode, data, attempts), secrets)
		apiErr.Outcome = outcome
		var tooLong *waitTooLongError
		if errors.As(err, &tooLong) {
			apiErr.RetryAfter, apiErr.TimeLeft = tooLong.wait, max(tooLong.left, 0)
		}
		return apiErr
	}
	// Past here the service answered a success that could not be used: the request took effect, or may have.
	if readErr != nil {
		return &TransportError{Method: method, Path: path, Attempts: attempts, Err: readErr, Outcome: Unobserved}
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return &TransportError{Method: method, Path: path, Attempts: attempts, Outcome: Unobserved,
			Err: fmt.Errorf("useapi.net answered %d with an empty body where an account was expected", resp.StatusCode)}
	}
	return decodeJSON(secrets.answer(data), out)
}

// masked hides every secret the service may have echoed in its words, which become a Terraform diagnostic.
// The words are read again from the body as it came, masked before they are folded and cut.
func masked(e *APIError, secrets *masker) *APIError {
	switch {
	case e == nil:
	case e.body != nil:
		e.Message, e.body = secrets.message(e.body), nil
	default:
		e.Message = secrets.String(e.Message)
	}
	return e
}

// readLimited reads the body unless it is larger than MaxResponseBytes, which is refused unread.
func readLimited(resp *http.Response) ([]byte, error) {
	if resp.ContentLength > MaxResponseBytes {
		return nil, fmt.Errorf("the answer is %d bytes, more than the %d this client reads", resp.ContentLength, MaxResponseBytes)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer: %w", err)
	}
	if len(data) > MaxResponseBytes {
		return nil, fmt.Errorf("the answer is more than the %d bytes this client reads", MaxResponseBytes)
	}
	return data, nil
}

// isTimeout reports whether an attempt ran out of time, as opposed to the caller's context ending.
func isTimeout(err error) bool {
	var netErr net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout())
}

func escapeAll(segments []string) []string {
	out := make([]string, len(segments))
	for i, s := range segments {
		out[i] = url.PathEscape(s)
	}
	return out
}
