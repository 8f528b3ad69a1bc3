//go:build unix

package service

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// SIGTERM drains the request under way, which completes, then Serve
// returns nil.
func TestServeDrainsOnSIGTERM(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	started, release := make(chan struct{}), make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		_, _ = io.WriteString(w, "done")
	})}
	var logs ts.LogBuffer
	served := make(chan error, 1)
	go func() { served <- Serve(context.Background(), srv, ln, 5*time.Second, log.New(&logs, "", 0)) }()

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answer <- string(b)
	}()
	<-started
	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGTERM))
	require.Eventually(t, func() bool { return bytes.Contains([]byte(logs.String()), []byte("draining")) }, 5*time.Second, 10*time.Millisecond)
	close(release)
	assert.Equal(t, "done", <-answer, "the request under way completes")
	require.NoError(t, <-served)
	_, err = http.Get("http://" + ln.Addr().String() + "/slow")
	assert.Error(t, err, "no longer accepting")
}
