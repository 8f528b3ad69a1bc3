package imagetest

import (
	"testing"
	"time"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/testsupport"
)

// RunWorstCases runs each of WorstCases as a subtest of t, none with
// -short (building them takes a few seconds) nor under the race detector:
// it calls read on the case's data, measuring the CPU time and the bytes
// it allocates (testsupport.Cost), logs both for BENCHMARKS.md, and hands
// the case, read's error and the bytes allocated to check.
func RunWorstCases(t *testing.T, read func(data []byte) error, check func(t *testing.T, c Encoded, err error, allocated uint64)) {
	if testing.Short() {
		t.Skip("builds the worst cases, a few seconds")
	}
	testsupport.SkipUnderRace(t, "the worst cases' cost, ten times slower")
	for _, c := range WorstCases() {
		t.Run(c.Name, func(t *testing.T) {
			var err error
			cpu, used := testsupport.Cost(func() { err = read(c.Data) })
			t.Logf("%d bytes, allocated %d MiB, CPU %v", len(c.Data), used>>20, cpu.Round(time.Millisecond))
			check(t, c, err, used)
		})
	}
}

// BenchWorstCases runs each of WorstCases as a sub-benchmark of b that
// calls read on the case's data with benchtest.LoopCPU, which reports its
// CPU time ("cpu-ms", the garbage collector's included) beside the wall
// time (ns/op) and all it allocates (B/op); read fails the benchmark it is
// given when the case is not read as it should be.
func BenchWorstCases(b *testing.B, read func(b *testing.B, data []byte)) {
	for _, c := range WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			benchtest.LoopCPU(b, func() { read(b, c.Data) })
		})
	}
}
