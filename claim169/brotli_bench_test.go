package claim169

import (
	"testing"

	"github.com/idqr/claim169/claim169/brotli"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
	"github.com/idqr/claim169/internal/compress"
)

// brotliBomb is one of brotlitest.WorstCases as QR text: at most
// brotlitest.MaxQRInput bytes, so within DefaultMaxTextLength.
type brotliBomb struct {
	name, text string
}

func brotliBombs(tb testing.TB) []brotliBomb {
	tb.Helper()
	var out []brotliBomb
	for _, c := range brotlitest.WorstCases() {
		text := base45.EncodeToString(c.Stream)
		require.LessOrEqual(tb, len(text), DefaultMaxTextLength, c.Name)
		require.Equal(tb, compress.MethodBrotli, compress.Sniff(c.Stream), c.Name)
		out = append(out, brotliBomb{c.Name, text})
	}
	return out
}

// BenchmarkBrotliBombRatio decodes each of the costliest Brotli streams
// known (brotlitest.WorstCases, as QR text within the default limit) and
// the bench credential (zlib, verified) alternately, and reports the ratio
// of their medians ("ratio"; the goal is at most 10): a Brotli bomb costs
// a verifier no more than a few credentials.
func BenchmarkBrotliBombRatio(b *testing.B) {
	c := newBenchCredential(b)
	dec := benchDecoder(b, c)
	for _, bomb := range brotliBombs(b) {
		b.Run(bomb.name, func(b *testing.B) {
			benchtest.Ratio(b, func() {
				if _, err := dec.Decode(bomb.text); err == nil {
					b.Fatal("a bomb decoded")
				}
			}, decodes(b, dec, c.text), "bomb", "credential")
		})
	}
}

// BenchmarkBrotliDecodeVerifyRatio decodes and verifies the bench
// credential compressed with Brotli and with zlib, alternately: reading
// Brotli costs about what reading zlib costs.
func BenchmarkBrotliDecodeVerifyRatio(b *testing.B) {
	c := newBenchCredential(b)
	dec := benchDecoder(b, c)
	br := base45.EncodeToString(brotli.Compress(c.stages.COSE))
	benchtest.Ratio(b, decodes(b, dec, br), decodes(b, dec, c.text), "brotli", "zlib")
}

// Every Brotli bomb is refused at the decompress stage, and decoding one
// allocates at most the output limit twice over (the buffer growing) plus
// the Base45 bytes and 64 KiB of scratch: memory is bounded as time is.
func TestBrotliBombsBounded(t *testing.T) {
	c := newBenchCredential(t)
	dec := benchDecoder(t, c)
	const bound = 2*compress.DefaultMaxSize + brotlitest.MaxQRInput + 64<<10
	for _, bomb := range brotliBombs(t) {
		t.Run(bomb.name, func(t *testing.T) {
			res, err := dec.Decode(bomb.text)
			require.Error(t, err)
			assert.Nil(t, res)
			var e *Error
			require.ErrorAs(t, err, &e)
			if e.Stage != StageDecompress {
				// A stream within the limits decodes to bytes that are
				// no COSE message.
				assert.Equal(t, StageCOSE, e.Stage, "%v", err)
			}
			_, size := benchtest.MedianAllocations(func() { _, _ = dec.Decode(bomb.text) })
			assert.LessOrEqual(t, size, uint64(bound), "bytes allocated")
			t.Logf("%s: %s, %v; %d bytes allocated", bomb.name, e.Stage, e.Kind, size)
		})
	}
}
