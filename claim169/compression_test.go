package claim169

import (
	"crypto/ed25519"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169/brotli"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/brotli/brotlitest"
	"github.com/idqr/claim169/internal/compress"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
	"github.com/idqr/claim169/qr"
)

// encodeWith encodes the hostile fixture's identity with the fixture's
// signer and opts (Signer and KeyID set here).
func encodeWith(t *testing.T, opts EncoderOptions) *Encoded {
	t.Helper()
	opts.Signer, opts.KeyID = hostileSigner, []byte(hostileKid)
	enc, err := NewEncoder(opts)
	require.NoError(t, err)
	out, err := enc.Encode(hostileIdentity(), hostileClaims())
	require.NoError(t, err)
	return out
}

// A credential compressed with Brotli decodes to what its zlib twin decodes
// to, with a warning and the compression named in the Result; the zlib one
// says zlib and warns of nothing about compression.
func TestDecodeBrotli(t *testing.T) {
	zl := encodeWith(t, EncoderOptions{})
	br := encodeWith(t, EncoderOptions{Compress: brotli.Compress})
	assert.Equal(t, zl.Stages.COSE, br.Stages.COSE, "the same COSE message (Ed25519 is deterministic)")
	assert.Equal(t, compress.MethodZlib, compress.Sniff(zl.Stages.Compressed))
	assert.Equal(t, compress.MethodBrotli, compress.Sniff(br.Stages.Compressed))
	assert.Less(t, len(br.Text), len(zl.Text), "Brotli is shorter on this credential")

	dec := hostileDecoder(t)
	want, err := dec.Decode(zl.Text)
	require.NoError(t, err)
	assert.Equal(t, CompressionZlib, want.Compression)
	assert.NotContains(t, want.Warnings, warnBrotli)

	got, err := dec.Decode(br.Text)
	require.NoError(t, err)
	assert.Equal(t, Verified, got.Verification)
	assert.Equal(t, CompressionBrotli, got.Compression)
	requireSameIdentity(t, want.Identity, got.Identity)
	assert.Equal(t, append([]string{warnBrotli}, want.Warnings...), got.Warnings)
}

// ZlibOnly refuses a Brotli credential before decompressing it, and still
// reads zlib.
func TestDecodeZlibOnly(t *testing.T) {
	dec := hostileDecoderWith(t, DecoderOptions{Keys: toKeys(hostileSigner.Public()), ZlibOnly: true})
	res, err := dec.Decode(encodeWith(t, EncoderOptions{Compress: brotli.Compress}).Text)
	requireRefused(t, res, err, ErrMalformed, StageDecompress)
	assert.ErrorIs(t, err, ErrNotZlib)

	res, err = dec.Decode(encodeWith(t, EncoderOptions{}).Text)
	require.NoError(t, err)
	assert.Equal(t, CompressionZlib, res.Compression)
}

// An uncompressed COSE message, which no version of the specification
// allows, is refused by default with ErrUncompressed and read with
// AllowUncompressed (ZlibOnly too), with a warning; every form a COSE
// message starts with is recognised.
func TestDecodeUncompressed(t *testing.T) {
	forms := map[string]EncoderOptions{
		"COSE_Sign1 tag":        {},
		"CWT tag 61":            {CWTTag: true},
		"untagged COSE_Sign1":   {Untagged: true},
		"COSE_Encrypt0 tag":     {Encryption: hostileAEAD(t)},
		"untagged Encrypt0":     {Encryption: hostileAEAD(t), Untagged: true},
		"CWT tag 61, encrypted": {Encryption: hostileAEAD(t), CWTTag: true},
	}
	for name, opts := range forms {
		t.Run(name, func(t *testing.T) {
			text := base45.EncodeToString(encodeWith(t, opts).Stages.COSE)
			res, err := hostileDecoder(t).Decode(text)
			requireRefused(t, res, err, ErrMalformed, StageDecompress)
			assert.ErrorIs(t, err, ErrUncompressed)

			for _, zlibOnly := range []bool{false, true} {
				dec := hostileDecoderWith(t, DecoderOptions{Keys: toKeys(hostileSigner.Public()),
					DecryptionKeys: []cose.AEAD{hostileAEAD(t)}, AllowUncompressed: true, ZlibOnly: zlibOnly})
				res, err = dec.Decode(text)
				require.NoError(t, err)
				assert.Equal(t, CompressionNone, res.Compression)
				assert.Equal(t, warnUncompressed, res.Warnings[0])
				requireSameIdentity(t, hostileIdentity(), res.Identity)
			}
		})
	}
}

// What is neither zlib, Brotli nor a COSE message is malformed at the
// decompress stage, whatever the options; a Brotli stream that inflates
// beyond the limit is too large; the errors of Brotli decoding keep the
// sentinels of internal/compress.
func TestDecodeBadCompression(t *testing.T) {
	bomb := brotlitest.LongCopies(24, 1<<20, 1<<20)
	truncated := brotli.Compress([]byte("a COSE message would be here"))
	truncated = truncated[:len(truncated)-3]
	tests := []struct {
		name  string
		data  []byte
		kind  error
		cause error
	}{
		{"Brotli bomb", bomb, ErrTooLarge, compress.ErrTooLarge},
		{"trailing data after Brotli", append(brotli.Compress([]byte{0xd2}), 0), ErrMalformed, compress.ErrTrailingData},
		{"bad zlib", []byte{0x78, 0x9c, 0xff, 0xff}, ErrMalformed, compress.ErrCorrupt},
		{"text", []byte("neither zlib nor Brotli"), ErrMalformed, compress.ErrCorrupt},
		// Read as Brotli, it declares a meta-block beyond the limit.
		{"half a COSE message", hostileHalfCOSE(t), ErrTooLarge, compress.ErrTooLarge},
		// Brotli has no checksum: an altered stream can decode to other
		// bytes, which the COSE stage refuses; a truncated one is corrupt.
		{"truncated Brotli", truncated, ErrMalformed, compress.ErrCorrupt},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, opts := range []DecoderOptions{{}, {AllowUncompressed: true}} {
				opts.Keys = toKeys(hostileSigner.Public())
				res, err := hostileDecoderWith(t, opts).Decode(base45.EncodeToString(tc.data))
				requireRefused(t, res, err, tc.kind, StageDecompress)
				assert.NotErrorIs(t, err, ErrUncompressed)
				if tc.cause != nil {
					assert.ErrorIs(t, err, tc.cause)
				}
			}
		})
	}
}

// hostileHalfCOSE returns the first half of the fixture's COSE message:
// it starts like a COSE message but is no CBOR item.
func hostileHalfCOSE(t *testing.T) []byte {
	msg := encodeWith(t, EncoderOptions{}).Stages.COSE
	return msg[:len(msg)/2]
}

// The encoder writes zlib by default and Brotli when asked, and refuses
// anything else.
func TestEncodeCompression(t *testing.T) {
	key := ts.Ed25519Key()
	out := encodeWith(t, EncoderOptions{})
	assert.Equal(t, compress.MethodZlib, compress.Sniff(out.Stages.Compressed))
	// A compressor whose output the Decoder would not read back is refused.
	for name, bad := range map[string]func([]byte) []byte{
		"none":      func(msg []byte) []byte { return msg },
		"truncated": func(msg []byte) []byte { z := compress.Deflate(msg); return z[:len(z)-1] },
		"other":     func([]byte) []byte { return compress.Deflate([]byte("another message")) },
	} {
		enc, err := NewEncoder(EncoderOptions{Signer: key, Compress: bad})
		require.NoError(t, err)
		_, err = enc.Encode(&Identity{ID: "1"}, nil)
		var e *Error
		require.ErrorAs(t, err, &e, name)
		assert.Equal(t, StageCompress, e.Stage, name)
	}
	// Every credential the encoder writes with Brotli is read as Brotli,
	// whatever its first bytes.
	enc, err := NewEncoder(EncoderOptions{Signer: key, Compress: brotli.Compress})
	require.NoError(t, err)
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
	require.NoError(t, err)
	for i := range 64 {
		out, err := enc.Encode(&Identity{ID: string(rune('A' + i)), FullName: "Brotli Person"}, &cwt.Claims{Issuer: "https://id.example.org"})
		require.NoError(t, err)
		require.Equal(t, compress.MethodBrotli, compress.Sniff(out.Stages.Compressed))
		res, err := dec.Decode(out.Text)
		require.NoError(t, err)
		assert.Equal(t, CompressionBrotli, res.Compression)
	}
}

// libbrotliDir holds credentials compressed by libbrotli (its SOURCE says
// how): the golden vectors' COSE messages and the specification's example.
const libbrotliDir = "../testdata/brotli"

// libbrotliVectors returns the QR text of each vector by file name.
func libbrotliVectors(t *testing.T) map[string]string {
	t.Helper()
	out := ts.TextFiles(t, libbrotliDir, "*.txt")
	require.GreaterOrEqual(t, len(out), 6)
	return out
}

// Credentials compressed by an independent Brotli encoder decode exactly:
// the COSE bytes are the golden vector's, the signature verifies, the
// identity and warnings are the vector's (and the Brotli warning), and
// ZlibOnly refuses them.
func TestLibbrotliCredentials(t *testing.T) {
	for file, text := range libbrotliVectors(t) {
		name, _, _ := strings.Cut(file, ".")
		t.Run(file, func(t *testing.T) {
			raw, err := base45.DecodeString(text)
			require.NoError(t, err)
			require.Equal(t, compress.MethodBrotli, compress.Sniff(raw))
			cose, method, err := compress.Decompress(raw, 0, compress.DecompressOptions{})
			require.NoError(t, err)
			assert.Equal(t, compress.MethodBrotli, method)
			if name == "mosip-spec" {
				assert.Equal(t, vectors.SpecExampleCOSE(), cose)
				checkLibbrotliSpecExample(t, text)
				return
			}
			g, ok := vectors.LookupGolden(name)
			require.True(t, ok, name)
			assert.Equal(t, g.COSE, cose)

			opts := DecoderOptions{Keys: toKeys(ed25519.PublicKey(g.PublicKey)), Now: func() time.Time { return g.Now }}
			dec, err := NewDecoder(opts)
			require.NoError(t, err)
			res, err := dec.Decode(text)
			require.NoError(t, err)
			assert.Equal(t, Verified, res.Verification)
			assert.Equal(t, CompressionBrotli, res.Compression)
			got, err := json.Marshal(res.Identity)
			require.NoError(t, err)
			assert.JSONEq(t, string(g.Identity), string(got))
			assert.Equal(t, append([]string{warnBrotli}, g.Warnings...), res.Warnings)

			opts.ZlibOnly = true
			strict, err := NewDecoder(opts)
			require.NoError(t, err)
			res, err = strict.Decode(text)
			assert.Nil(t, res)
			assert.ErrorIs(t, err, ErrMalformed)
			assert.ErrorIs(t, err, ErrNotZlib)
		})
	}
}

// checkLibbrotliSpecExample decodes the specification's example, whose key
// is not published, without verification.
func checkLibbrotliSpecExample(t *testing.T, text string) {
	dec, err := NewDecoder(DecoderOptions{})
	require.NoError(t, err)
	res, err := dec.Inspect(text)
	require.NoError(t, err)
	assert.Equal(t, CompressionBrotli, res.Compression)
	assert.Equal(t, warnBrotli, res.Warnings[0])
	assert.True(t, res.CWTTagged)
	assert.Equal(t, "3918592438", res.Identity.ID)
	assert.Equal(t, "www.mosip.io", res.Claims.Issuer)
}

// TestZlibCorpusQRVersions turns the credentials of the zlib corpus
// (testdata/zlibcorpus) into QR text with compress.Deflate and with Go's
// level-9 zlib, which the encoder used before, and plans their QR codes at
// level M: Deflate's text is never longer and never needs a larger
// version. It logs how many credentials need a smaller one.
func TestZlibCorpusQRVersions(t *testing.T) {
	corpus := ts.ZlibCorpus(t, "../testdata/zlibcorpus")
	g := benchtest.NewGoZlib9()
	smaller, saved, savedOnC := 0, 0, 0
	for _, c := range corpus {
		ours := base45.EncodeToString(compress.Deflate(c.COSE))
		old := base45.EncodeToString(g.Deflate(c.COSE))
		require.LessOrEqual(t, len(ours), len(old), c.Name)
		planOurs, err := qr.Plan(ours, qr.M)
		require.NoError(t, err, c.Name)
		planOld, err := qr.Plan(old, qr.M)
		require.NoError(t, err, c.Name)
		assert.LessOrEqual(t, planOurs.Version, planOld.Version, c.Name)
		if planOurs.Version < planOld.Version {
			smaller++
		}
		saved += len(old) - len(ours)
		savedOnC += base45.EncodedLen(c.CZlib9) - len(ours)
	}
	t.Logf("%d credentials: %d need a smaller QR version at level M than with Go's level 9; "+
		"%d Base45 characters fewer than Go's level 9 (%.1f a credential), %d fewer than C zlib's level 9",
		len(corpus), smaller, saved, float64(saved)/float64(len(corpus)), savedOnC)
}
