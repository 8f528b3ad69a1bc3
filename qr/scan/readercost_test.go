package scan

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/imagetest"
	"github.com/idqr/claim169/internal/testsupport"
)

// maxReaderAlloc is the rule for a whole Reader call: 256 MiB, reading,
// decoding and scanning included.
const maxReaderAlloc = 256 << 20

// TestReaderCost reads the worst image of each shape the decoder admits
// (imagetest.WorstCases: noise, every JPEG coefficient coded, 32 scans of
// a progressive JPEG, 16-bit PNGs filtered with Paeth, interlaced or not,
// a GIF of noise) through Reader, and checks the rule of 256 MiB and a
// second by what is decoded and done, not by timing: each image is
// admitted and scanned to the end (no code), the call allocates at most
// 256 MiB in all (so its heap never grows by more, whatever the garbage
// collector does), and the scan's work stays within its budget. The
// decoding time is bounded by the decoder's estimate
// (internal/imagedec's TestWorstCasesAdmitted). The CPU time is logged for
// BENCHMARKS.md.
func TestReaderCost(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the worst cases, a few seconds")
	}
	for _, c := range imagetest.WorstCases() {
		t.Run(c.Name, func(t *testing.T) {
			var err error
			cpu, used := testsupport.Cost(func() { _, err = Reader(bytes.NewReader(c.Data)) })
			require.ErrorIs(t, err, ErrNotFound, "decoded and scanned")
			assert.LessOrEqual(t, used, uint64(maxReaderAlloc))

			img, err := images.Decode(c.Data)
			require.NoError(t, err)
			_, cost, err := scanImage(img)
			require.ErrorIs(t, err, ErrNotFound)
			assert.LessOrEqual(t, cost.pixels+cost.samples, int64(maxWork+maxAttemptWork))
			t.Logf("%d bytes, allocated %d MiB, work %.1f M, CPU %v", len(c.Data), used>>20,
				float64(cost.pixels+cost.samples)/1e6, cpu.Round(time.Millisecond))
		})
	}
}

// BenchmarkReaderWorst reads each worst case through Reader, decoding
// included, and reports its CPU time ("cpu-ms", the garbage collector's
// included) beside the wall time (ns/op) and all it allocates (B/op):
// each must stay under a second and 256 MiB. Run with
//
//	go test -run '^$' -bench ReaderWorst -benchtime 3x -count 3 ./qr/scan/
func BenchmarkReaderWorst(b *testing.B) {
	for _, c := range imagetest.WorstCases() {
		b.Run(c.Name, func(b *testing.B) {
			benchtest.LoopCPU(b, func() {
				if _, err := Reader(bytes.NewReader(c.Data)); err == nil {
					b.Fatal("found a code")
				}
			})
		})
	}
}
