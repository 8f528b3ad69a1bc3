package testsupport

import (
	"runtime"
	"runtime/debug"
)

// BytesPerRun returns the average number of bytes f allocates, over runs
// calls after a warm-up call, like testing.AllocsPerRun does for counts.
// The garbage collector is off meanwhile, so that nothing it frees hides
// an allocation.
func BytesPerRun(runs int, f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(runs)
}
