package claim169

import (
	"crypto/ed25519"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/vectors"
)

// libbrotliDir holds credentials compressed by libbrotli (its SOURCE says
// how): the golden vectors' COSE messages and the specification's example.
const libbrotliDir = "../testdata/brotli"

// libbrotliVectors returns the QR text of each vector by file name.
func libbrotliVectors(t *testing.T) map[string]string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(libbrotliDir, "*.txt"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 6)
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		out[filepath.Base(p)] = strings.TrimSuffix(string(data), "\n")
	}
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
