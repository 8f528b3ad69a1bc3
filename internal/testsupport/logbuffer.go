package testsupport

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// LogBuffer is a log destination that a service's goroutines may write to
// while a test reads it.
type LogBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

// Write appends p.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns what was written so far.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// listening matches the line a service logs once it accepts connections on a loopback
// port (internal/service.Serve).
var listening = regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)

// ListeningURL waits, up to ten seconds, for the service writing to l to log that it
// listens on a loopback port, and returns its URL, http://127.0.0.1:PORT. It fails tb
// when the line does not come.
func (l *LogBuffer) ListeningURL(tb testing.TB) string {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(l.String()); m != nil {
			return "http://" + m[1]
		}
	}
	tb.Fatalf("the service did not log that it listens")
	return ""
}
