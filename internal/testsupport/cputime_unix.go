//go:build unix

package testsupport

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time the process has used, user and system, the
// garbage collector's included; 0 where it cannot be read.
func CPUTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
