package benchratio

import (
	"slices"
	"testing"
	"time"
)

// maxSamples bounds the timings kept per side; later iterations still run,
// untimed.
const maxSamples = 1 << 16

// Interleave runs pipeline and baseline alternately, switching which goes
// first at every iteration so that neither profits from the caches the
// other warmed, and reports the ratio of their median times ("ratio") and
// both medians ("pipeline-ns", "baseline-ns"). Both then run under the same
// machine load, which two separate benchmarks cannot promise; the medians
// ignore the iterations that the scheduler interrupted, which on a loaded
// machine can take milliseconds and swamp a mean.
func Interleave(b *testing.B, pipeline, baseline func()) {
	b.Helper()
	inPipeline := make([]time.Duration, 0, maxSamples)
	inBaseline := make([]time.Duration, 0, maxSamples)
	b.ReportAllocs()
	for b.Loop() {
		n := len(inPipeline)
		if n == maxSamples {
			pipeline()
			baseline()
			continue
		}
		t0 := time.Now()
		if n%2 == 0 {
			pipeline()
			t1 := time.Now()
			baseline()
			inPipeline, inBaseline = append(inPipeline, t1.Sub(t0)), append(inBaseline, time.Since(t1))
		} else {
			baseline()
			t1 := time.Now()
			pipeline()
			inBaseline, inPipeline = append(inBaseline, t1.Sub(t0)), append(inPipeline, time.Since(t1))
		}
	}
	p, q := median(inPipeline), median(inBaseline)
	b.ReportMetric(float64(p)/float64(q), "ratio")
	b.ReportMetric(float64(p.Nanoseconds()), "pipeline-ns")
	b.ReportMetric(float64(q.Nanoseconds()), "baseline-ns")
}

// median returns the median of ds, which it sorts.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}
