// Package benchtest times two functions alternately in one benchmark run,
// so that the ratio of their times holds whatever else loads the machine,
// counts a function's allocations as a test can assert them, and reports
// the CPU time of a call. Only
// tests and benchmarks import it.
package benchtest

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/idqr/claim169/internal/testsupport"
)

// maxSamples bounds the memory the samples take; later iterations run
// without being timed.
const maxSamples = 1 << 16

// Ratio runs subject and baseline alternately, switching which goes first
// at every iteration so that neither profits from the caches the other
// warmed, and reports the ratio of their median times ("ratio") and both
// medians, as subjectName+"-ns" and baselineName+"-ns". Both run under the
// same machine load, which two separate benchmarks cannot promise; the
// medians ignore the iterations that the scheduler interrupted, which on a
// loaded machine can take milliseconds and swamp a mean. The benchmark's
// own ns/op is the mean of both together.
func Ratio(b *testing.B, subject, baseline func(), subjectName, baselineName string) {
	b.Helper()
	inSubject := make([]time.Duration, 0, maxSamples)
	inBaseline := make([]time.Duration, 0, maxSamples)
	b.ReportAllocs()
	for b.Loop() {
		n := len(inSubject)
		if n == maxSamples {
			subject()
			baseline()
			continue
		}
		t0 := time.Now()
		if n%2 == 0 {
			subject()
			t1 := time.Now()
			baseline()
			inSubject, inBaseline = append(inSubject, t1.Sub(t0)), append(inBaseline, time.Since(t1))
		} else {
			baseline()
			t1 := time.Now()
			subject()
			inBaseline, inSubject = append(inBaseline, t1.Sub(t0)), append(inSubject, time.Since(t1))
		}
	}
	p, q := Median(inSubject), Median(inBaseline)
	b.ReportMetric(float64(p)/float64(q), "ratio")
	b.ReportMetric(float64(p.Nanoseconds()), subjectName+"-ns")
	b.ReportMetric(float64(q.Nanoseconds()), baselineName+"-ns")
}

// Loop runs f once per iteration of b and reports, besides the mean
// (ns/op), the median time of one call ("median-ns"), which ignores the
// iterations that the scheduler interrupted.
func Loop(b *testing.B, f func()) {
	b.Helper()
	times := make([]time.Duration, 0, maxSamples)
	b.ReportAllocs()
	for b.Loop() {
		if len(times) == maxSamples {
			f()
			continue
		}
		t0 := time.Now()
		f()
		times = append(times, time.Since(t0))
	}
	b.ReportMetric(float64(Median(times).Nanoseconds()), "median-ns")
}

// LoopCPU runs f once per iteration of b and reports, besides the wall
// time (ns/op) and the allocations, the CPU time of the process per call
// ("cpu-ms", the garbage collector's work included, on every core): for a
// call whose bound is in CPU time, such as reading an image.
func LoopCPU(b *testing.B, f func()) {
	b.Helper()
	b.ReportAllocs()
	var cpu time.Duration
	for b.Loop() {
		start := testsupport.CPUTime()
		f()
		cpu += testsupport.CPUTime() - start
	}
	b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(b.N), "cpu-ms")
}

// Median returns the median of ds, which it sorts; 0 for none.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// MedianAllocations returns the median number and total size of the heap
// allocations of f over 21 calls, after one call to warm the pools: a
// pooled object that the garbage collector (or the race detector) drops
// now and then does not count.
func MedianAllocations(f func()) (objects, size uint64) {
	const calls = 21
	f()
	var counts, sizes [calls]uint64
	var before, after runtime.MemStats
	for i := range calls {
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		counts[i], sizes[i] = after.Mallocs-before.Mallocs, after.TotalAlloc-before.TotalAlloc
	}
	slices.Sort(counts[:])
	slices.Sort(sizes[:])
	return counts[calls/2], sizes[calls/2]
}
