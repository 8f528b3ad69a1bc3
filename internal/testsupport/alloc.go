package testsupport

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// BytesPerRun returns the average number of bytes f allocates, over runs
// calls after a warm-up call, like testing.AllocsPerRun does for counts.
// The garbage collector is off meanwhile, so that nothing it frees hides
// an allocation.
func BytesPerRun(runs int, f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	f()
	// TotalAlloc counts the whole process: the least of three batches
	// leaves out what other goroutines (parallel tests, the runtime)
	// allocated meanwhile, which can only add.
	least := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			f()
		}
		runtime.ReadMemStats(&after)
		least = min(least, (after.TotalAlloc-before.TotalAlloc)/uint64(runs))
	}
	return least
}

// Cost runs f once and returns the CPU time the process used meanwhile
// (CPUTime: the garbage collector's work included, so run nothing else at
// the same time) and the bytes f allocated in all, which bound the growth
// of the heap during the call whatever the garbage collector does.
func Cost(f func()) (cpu time.Duration, allocated uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := CPUTime()
	f()
	cpu = CPUTime() - start
	runtime.ReadMemStats(&after)
	return cpu, after.TotalAlloc - before.TotalAlloc
}

// SkipUnderRace skips a test whose measure the race detector changes or
// makes slow: the cost of the worst inputs, allocation counts (it makes
// sync.Pool drop items at random). The README's `go test ./...`, which
// .ci/run runs, runs them without it.
func SkipUnderRace(tb testing.TB, why string) {
	tb.Helper()
	if Race {
		tb.Skip("under the race detector: " + why)
	}
}
