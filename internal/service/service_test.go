package service

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A request still running after the drain timeout is cut off, and Serve
// says so.
func TestServeDrainTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	srv := &http.Server{Handler: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(started)
		<-release
	})}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln, 50*time.Millisecond, log.New(io.Discard, "", 0)) }()
	go func() {
		if resp, err := http.Get("http://" + ln.Addr().String()); err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel()
	assert.ErrorContains(t, <-served, "drain timeout")
}

func TestHealth(t *testing.T) {
	rec := httptest.NewRecorder()
	Health(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"status":"ok"}`, rec.Body.String())
	rec = httptest.NewRecorder()
	Health(rec, httptest.NewRequest(http.MethodPost, "/healthz", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestNewMux(t *testing.T) {
	mux := NewMux("/work", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	for path, want := range map[string]int{"/work": http.StatusTeapot, "/healthz": http.StatusOK, "/other": http.StatusNotFound} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, want, rec.Code, path)
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	err := ListenAndServe(context.Background(), "256.0.0.1:1", http.NotFoundHandler(), time.Second, log.New(io.Discard, "", 0))
	assert.Error(t, err)
}

func TestFlags(t *testing.T) {
	var f Flags
	fs := f.FlagSet("svc", "127.0.0.1:9", io.Discard)
	fs.Bool("extra", false, "a flag of the service")
	require.NoError(t, f.Parse(fs, nil))
	assert.Equal(t, Flags{Addr: "127.0.0.1:9", Drain: DefaultDrain}, f)

	fs = f.FlagSet("svc", "127.0.0.1:9", io.Discard)
	extra := fs.Bool("extra", false, "a flag of the service")
	require.NoError(t, f.Parse(fs, []string{"-addr", ":80", "-drain", "3s", "-extra"}))
	assert.Equal(t, Flags{Addr: ":80", Drain: 3 * time.Second}, f)
	assert.True(t, *extra)

	for _, args := range [][]string{{"left", "over"}, {"-drain", "0s"}, {"-drain", "-1s"}, {"-nope"}} {
		fs = f.FlagSet("svc", "127.0.0.1:9", io.Discard)
		assert.Error(t, f.Parse(fs, args), "%v", args)
	}
}
