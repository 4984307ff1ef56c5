package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Listener is the emulator served over HTTP on a loopback address.
type Listener struct {
	// URL is the base URL to give the provider, such as http://127.0.0.1:41234.
	URL  string
	srv  *Server
	http *http.Server
	done chan error
}

// Serve listens on addr, which must be a loopback address ("127.0.0.1:0" picks a free port), and serves s
// until Stop.
func (s *Server) Serve(ctx context.Context, addr string) (*Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("address %q: the emulator listens on loopback addresses only", addr)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	l := &Listener{
		URL:  "http://" + ln.Addr().String(),
		srv:  s,
		http: &http.Server{Handler: s, ConnState: s.ConnState, ReadHeaderTimeout: 10 * time.Second},
		done: make(chan error, 1),
	}
	go func() { l.done <- l.http.Serve(ln) }()
	return l, nil
}

// Done reports the server's end, with the error that ended it.
func (l *Listener) Done() <-chan error { return l.done }

// Stop releases held requests and shuts the server down, waiting a few seconds for answers under way.
func (l *Listener) Stop() error {
	l.srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := l.http.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
