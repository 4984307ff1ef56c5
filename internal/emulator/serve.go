package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Listener is the emulator served over HTTP on a loopback address.
type Listener struct {
	// URL is the base URL to give the provider, such as http://127.0.0.1:41234.
	URL  string
	srv  *Server
	http *http.Server
	addr string // the address listened on, port included, to listen on again after a restart
	done chan error
	once sync.Once     // sends to done
	stop chan struct{} // closed by Stop: a restart under way does not listen again

	mu      sync.Mutex
	ln      net.Listener // nil while a restart keeps the service down
	stopped bool
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
		addr: ln.Addr().String(),
		done: make(chan error, 1),
		stop: make(chan struct{}),
		ln:   ln,
	}
	s.mu.Lock()
	s.listeners[l.http] = l // a request's context names its http.Server: how a Restart fault finds l
	s.mu.Unlock()
	go l.serve(ln)
	return l, nil
}

// listenerOf is the Listener a request came through, nil when it did not come through Serve.
func (s *Server) listenerOf(r *http.Request) *Listener {
	hs, _ := r.Context().Value(http.ServerContextKey).(*http.Server)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.listeners[hs]
}

// serve serves on ln until it is closed; only the end of the current listener is the server's end, since
// a restart closes its listener to serve on a new one.
func (l *Listener) serve(ln net.Listener) {
	err := l.http.Serve(ln)
	l.mu.Lock()
	current := l.ln == ln
	l.mu.Unlock()
	if current {
		l.finish(err)
	}
}

func (l *Listener) finish(err error) { l.once.Do(func() { l.done <- err }) }

// restart closes the listening socket, so that connecting fails until down has passed, and the idle
// connections, so that no retry reuses one; then it listens again on the same address. A restart while
// the service is already down changes nothing.
func (l *Listener) restart(down time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped || l.ln == nil {
		return
	}
	ln := l.ln
	l.ln = nil
	_ = ln.Close()
	l.http.SetKeepAlivesEnabled(false) // closes idle connections; busy ones close after their answer
	go l.relisten(down)
}

// relisten listens again on the address after down, unless Stop comes first. http.Server.Serve takes a
// new listener after its last one was closed, as long as the server was not shut down.
func (l *Listener) relisten(down time.Duration) {
	t := time.NewTimer(down)
	defer t.Stop()
	select {
	case <-t.C:
	case <-l.stop:
		return
	}
	var lastErr error
	for range 50 { // the port is ours, but a connection of the old socket may hold it for a moment
		l.mu.Lock()
		if l.stopped {
			l.mu.Unlock()
			return
		}
		var lc net.ListenConfig
		ln, err := lc.Listen(context.Background(), "tcp", l.addr)
		if err == nil {
			l.ln = ln
			l.http.SetKeepAlivesEnabled(true)
			go l.serve(ln)
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		lastErr = err
		select {
		case <-time.After(20 * time.Millisecond):
		case <-l.stop:
			return
		}
	}
	l.finish(fmt.Errorf("listening on %s again after a restart: %w", l.addr, lastErr))
}

// Done reports the server's end, with the error that ended it.
func (l *Listener) Done() <-chan error { return l.done }

// Stop releases held requests and shuts the server down, waiting a few seconds, plus any login delay, for
// answers under way. A restart under way ends: the service does not listen again.
func (l *Listener) Stop() error {
	l.srv.Close()
	l.mu.Lock()
	if !l.stopped {
		l.stopped = true
		close(l.stop)
	}
	down := l.ln == nil
	l.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second+l.srv.currentLoginDelay())
	defer cancel()
	err := l.http.Shutdown(ctx)
	if down {
		l.finish(http.ErrServerClosed) // no Serve is running to report it
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
