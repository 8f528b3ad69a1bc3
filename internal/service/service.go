// Package service runs the HTTP servers of the example services: serving
// until SIGTERM (what Docker and systemd send) or SIGINT, then draining
// the requests under way with http.Server.Shutdown, and answering the
// health check GET /healthz. Only the examples import it.
package service

import (
	"context"
	"errors"
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
