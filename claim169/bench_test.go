package claim169

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169/brotli"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/compress"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// benchCredential is a typical card: demographics and a ~400-byte face
// photo, about 600 bytes of COSE.
type benchCredential struct {
	priv   ed25519.PrivateKey
	id     *Identity
	claims *cwt.Claims
	text   string
	stages *Stages
}

func newBenchCredential(tb testing.TB) *benchCredential {
	tb.Helper()
	priv := ts.Ed25519Key()
	photo := make([]byte, 400)
	if _, err := rand.Read(photo); err != nil {
		tb.Fatal(err)
	}
	copy(photo, []byte{0xff, 0xd8, 0xff, 0xe0})
	id := &Identity{
		ID: "3918592438", FullName: "Janardhan BS", DateOfBirth: "19840418", Gender: GenderMale,
		Address: "New House, Near Metro Line, Bengaluru, KA", Email: "janardhan@example.com",
		Phone: "+919876543210", Nationality: "IN",
		Face: []biometrics.Biometric{{Data: photo, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
	}
	claims := &cwt.Claims{Issuer: "www.mosip.io", IssuedAt: cwt.NewNumericDate(time.Unix(1756376445, 0)),
		ExpiresAt: cwt.NewNumericDate(time.Unix(1787912445, 0))}
	enc, err := NewEncoder(EncoderOptions{Signer: priv, KeyID: []byte("k-1101")})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := enc.Encode(id, claims)
	if err != nil {
		tb.Fatal(err)
	}
	return &benchCredential{priv: priv, id: id, claims: claims, text: s.Text, stages: &s.Stages}
}

// sigStructure returns the Sig_structure (RFC 9052 §4.4) that an Ed25519
// verification of the credential hashes: the message of the baselines.
func (c *benchCredential) sigStructure(tb testing.TB) []byte {
	s1, err := cose.ParseSign1(c.stages.COSE)
	if err != nil {
		tb.Fatal(err)
	}
	// ["Signature1", protected, h'', payload]
	msg := cborscan.AppendHead(nil, cborscan.MajorArray, 4)
	msg = cborscan.AppendText(msg, "Signature1")
	msg = cborscan.AppendBytes(msg, s1.RawProtected)
	msg = cborscan.AppendBytes(msg, nil)
	msg = cborscan.AppendBytes(msg, s1.Payload)
	if !ed25519.Verify(c.priv.Public().(ed25519.PublicKey), msg, s1.Signature) {
		tb.Fatal("the Sig_structure is not the one signed")
	}
	return msg
}

// benchDecoder verifies the bench credential.
func benchDecoder(tb testing.TB, c *benchCredential) *Decoder {
	tb.Helper()
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(c.priv.Public()), Now: func() time.Time { return time.Unix(1760000000, 0) }})
	if err != nil {
		tb.Fatal(err)
	}
	return dec
}

// decodes returns a call that decodes text with dec, failing tb unless the
// credential is accepted.
func decodes(tb testing.TB, dec *Decoder, text string) func() {
	return func() {
		if _, err := dec.Decode(text); err != nil {
			tb.Fatal(err)
		}
	}
}

// encodes returns a call that encodes the bench credential as it was
// encoded, failing tb on an error.
func (c *benchCredential) encodes(tb testing.TB) func() {
	tb.Helper()
	enc, err := NewEncoder(EncoderOptions{Signer: c.priv, KeyID: []byte("k-1101")})
	if err != nil {
		tb.Fatal(err)
	}
	return func() {
		if _, err := enc.Encode(c.id, c.claims); err != nil {
			tb.Fatal(err)
		}
	}
}

// verifyBaseline returns a bare ed25519.Verify of the credential's
// Sig_structure: the cost the pipeline exists for.
func (c *benchCredential) verifyBaseline(tb testing.TB) func() {
	msg := c.sigStructure(tb)
	sig := ed25519.Sign(c.priv, msg)
	pub := c.priv.Public().(ed25519.PublicKey)
	return func() {
		if !ed25519.Verify(pub, msg, sig) {
			tb.Fatal("no")
		}
	}
}

// signDeflateBaseline returns ed25519.Sign of the credential's
// Sig_structure plus Go's level-9 zlib (compress/zlib) of its COSE message
// on a pooled writer: the floor of encoding before the pipeline had its own
// DEFLATE encoder.
func (c *benchCredential) signDeflateBaseline(tb testing.TB) func() {
	msg := c.sigStructure(tb)
	g := benchtest.NewGoZlib9()
	return func() {
		_ = ed25519.Sign(c.priv, msg)
		_ = g.Deflate(c.stages.COSE)
	}
}

// benchLoop times f per byte of the credential's COSE message, with its
// allocations.
func (c *benchCredential) benchLoop(b *testing.B, f func()) {
	b.SetBytes(int64(len(c.stages.COSE)))
	b.ReportAllocs()
	for b.Loop() {
		f()
	}
}

// TestAllocationGoals holds the pipeline to the allocation goals of
// BENCHMARKS.md: Decode makes at most 64 allocations of at most 32 KiB in
// all, and Encode allocates no compressor (a level-9 zlib writer is about
// 800 KB). Medians of single calls are compared, so that a pooled object
// dropped now and then (by the garbage collector, or at random under the
// race detector) does not count.
func TestAllocationGoals(t *testing.T) {
	c := newBenchCredential(t)
	objects, size := benchtest.MedianAllocations(decodes(t, benchDecoder(t, c), c.text))
	t.Logf("Decode: %d allocations, %d bytes", objects, size)
	if objects > 64 || size > 32<<10 {
		t.Errorf("Decode makes %d allocations of %d bytes; the goal is at most 64 and 32 KiB", objects, size)
	}
	objects, size = benchtest.MedianAllocations(c.encodes(t))
	t.Logf("Encode: %d allocations, %d bytes", objects, size)
	if size > 64<<10 {
		t.Errorf("Encode allocates %d bytes (%d allocations): a compressor per call?", size, objects)
	}
}

func BenchmarkDecodeVerify(b *testing.B) {
	c := newBenchCredential(b)
	c.benchLoop(b, decodes(b, benchDecoder(b, c), c.text))
}

// BenchmarkEd25519VerifyBaseline is a bare ed25519.Verify of a message the
// size of the credential's Sig_structure: the cost the pipeline exists for.
func BenchmarkEd25519VerifyBaseline(b *testing.B) {
	c := newBenchCredential(b)
	c.benchLoop(b, c.verifyBaseline(b))
}

func BenchmarkEncodeSign(b *testing.B) {
	c := newBenchCredential(b)
	c.benchLoop(b, c.encodes(b))
}

// BenchmarkEd25519SignDeflateBaseline is ed25519.Sign plus Go's level-9
// zlib (compress/zlib) of the same message on a pooled writer: the floor of
// encoding before the pipeline had its own DEFLATE encoder.
func BenchmarkEd25519SignDeflateBaseline(b *testing.B) {
	c := newBenchCredential(b)
	c.benchLoop(b, c.signDeflateBaseline(b))
}

// interleave times pipeline against baseline in one run and reports their
// ratio ("ratio", "pipeline-ns", "baseline-ns").
func interleave(b *testing.B, pipeline, baseline func()) {
	b.Helper()
	benchtest.Ratio(b, pipeline, baseline, "pipeline", "baseline")
}

// BenchmarkDecodeVerifyRatio is BenchmarkDecodeVerify over
// BenchmarkEd25519VerifyBaseline, measured in one run. The goal is a ratio
// of at most 1.20: the pipeline costs at most a fifth of its signature.
func BenchmarkDecodeVerifyRatio(b *testing.B) {
	c := newBenchCredential(b)
	interleave(b, decodes(b, benchDecoder(b, c), c.text), c.verifyBaseline(b))
}

// BenchmarkEncodeSignRatio is BenchmarkEncodeSign over
// BenchmarkEd25519SignDeflateBaseline, measured in one run. The goal is a
// ratio of at most 1.0: the whole pipeline, with its own DEFLATE encoder,
// costs no more than the signature and Go's level-9 zlib of the message.
func BenchmarkEncodeSignRatio(b *testing.B) {
	c := newBenchCredential(b)
	interleave(b, c.encodes(b), c.signDeflateBaseline(b))
}

// BenchmarkDeflateRatio times the zlib stage alone, compress.Deflate over
// Go's level-9 zlib on a pooled writer, on the credential's COSE message
// in one run, and reports both lengths ("deflate-bytes", "go9-bytes").
func BenchmarkDeflateRatio(b *testing.B) {
	c := newBenchCredential(b)
	g := benchtest.NewGoZlib9()
	benchtest.Ratio(b, func() { compress.Deflate(c.stages.COSE) }, func() { g.Deflate(c.stages.COSE) }, "deflate", "go9")
	b.ReportMetric(float64(len(compress.Deflate(c.stages.COSE))), "deflate-bytes")
	b.ReportMetric(float64(len(g.Deflate(c.stages.COSE))), "go9-bytes")
}

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
