//go:build !unix

package batch_test

import (
	"testing"
	"time"
)

// processCPU is not measured here.
func processCPU(tb testing.TB) time.Duration {
	tb.Skip("no rusage on this system")
	return 0
}
