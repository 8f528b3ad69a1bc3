// Package service runs the HTTP servers of the example services: serving
// until SIGTERM (what Docker and systemd send) or SIGINT, then draining
// the requests under way with http.Server.Shutdown, and answering the
// health check GET /healthz. Only the examples import it.
package service

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// DefaultDrain is how long Serve waits for the requests under way once a
// signal arrives.
const DefaultDrain = 10 * time.Second

// Flags are the flags every example service takes: -addr, the address it
// listens on, and -drain, how long it waits for the requests under way once
// a signal arrives.
type Flags struct {
	Addr  string
	Drain time.Duration
}

// FlagSet returns the flag set of the service name, writing its usage and
// errors to stderr, with -addr (default addr) and -drain (default
// DefaultDrain) bound to f. The service adds its own flags, then calls
// f.Parse.
func (f *Flags) FlagSet(name, addr string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.Addr, "addr", addr, "listen address")
	fs.DurationVar(&f.Drain, "drain", DefaultDrain, "on SIGTERM or SIGINT, wait this `DURATION` for the requests under way")
	return fs
}

// Parse parses args with fs, the flag set of f.FlagSet, and refuses
// arguments that are not flags and a drain that is not positive.
func (f *Flags) Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("unexpected arguments")
	}
	if f.Drain <= 0 {
		return errors.New("-drain: want a positive duration")
	}
	return nil
}

// Serve serves srv on ln until ctx is done or the process receives SIGTERM
// or SIGINT. It then stops accepting connections and waits up to drain for
// the requests under way to finish (http.Server.Shutdown); requests still
// running after that are cut off and the error says so. It returns nil
// after a clean drain.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, drain time.Duration, logger *log.Logger) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Printf("listening on %s", ln.Addr())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Printf("stopping: draining the requests under way (at most %v)", drain)
	shutdown, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		_ = srv.Close()
		return errors.New("drain timeout: requests under way were cut off")
	}
	logger.Printf("stopped")
	return nil
}

// NewServer returns the server of handler with the example services'
// timeouts: 5 s to read the headers, 30 s the request, 60 s to write the
// response, 2 minutes of idle keep-alive, and headers of at most 64 KiB.
func NewServer(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// ListenAndServe listens on the TCP address addr and serves handler there
// with NewServer's timeouts, as Serve does.
func ListenAndServe(ctx context.Context, addr string, handler http.Handler, drain time.Duration, logger *log.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return Serve(ctx, NewServer(handler), ln, drain, logger)
}

// NewMux returns a mux that serves handler at pattern and Health at
// /healthz.
func NewMux(pattern string, handler http.HandlerFunc) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc(pattern, handler)
	mux.HandleFunc("/healthz", Health)
	return mux
}

// Main runs a service's run function with the process's arguments and
// stderr, and exits with status 1 after printing the error it returns,
// prefixed by name.
func Main(name string, run func(ctx context.Context, args []string, stderr io.Writer) error) {
	if err := run(context.Background(), os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Health answers GET (and HEAD) /healthz with 200 {"status":"ok"}: the
// process is up and serving. Mount it on the service's mux.
func Health(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "use GET", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}
