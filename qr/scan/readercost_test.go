package scan

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/imagetest"
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
	imagetest.RunWorstCases(t, func(data []byte) error {
		_, err := Reader(bytes.NewReader(data))
		return err
	}, func(t *testing.T, c imagetest.Encoded, err error, used uint64) {
		require.ErrorIs(t, err, ErrNotFound, "decoded and scanned")
		assert.LessOrEqual(t, used, uint64(maxReaderAlloc))

		img, err := images.Decode(c.Data)
		require.NoError(t, err)
		_, cost, err := scanImage(img)
		require.ErrorIs(t, err, ErrNotFound)
		assert.LessOrEqual(t, cost.pixels+cost.samples, int64(maxWork+maxAttemptWork))
		t.Logf("work %.1f M", float64(cost.pixels+cost.samples)/1e6)
	})
}

// BenchmarkReaderWorst reads each worst case through Reader, decoding
// included, and reports its CPU time ("cpu-ms", the garbage collector's
// included) beside the wall time (ns/op) and all it allocates (B/op):
// each must stay under a second and 256 MiB. Run with
//
//	go test -run '^$' -bench ReaderWorst -benchtime 3x -count 3 ./qr/scan/
func BenchmarkReaderWorst(b *testing.B) {
	imagetest.BenchWorstCases(b, func(b *testing.B, data []byte) {
		if _, err := Reader(bytes.NewReader(data)); err == nil {
			b.Fatal("found a code")
		}
	})
}
