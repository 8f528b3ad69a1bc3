package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/vectors"
)

// libbrotliDir holds credentials compressed by libbrotli (its SOURCE says
// how), shared with package claim169.
const libbrotliDir = "../../testdata/brotli"

// Credentials compressed with Brotli by libbrotli decode through the
// command to the golden vectors' identities, say "compression": "brotli"
// with a warning, and are refused by --zlib-only (exit 2).
func TestDecodeLibbrotliVectors(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(libbrotliDir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	key := filepath.Join(outputDir, "issuer.pub.hex")
	for _, p := range paths {
		name, _, _ := strings.Cut(filepath.Base(p), ".")
		t.Run(filepath.Base(p), func(t *testing.T) {
			data := mustReadFile(t, p)
			text := string(data)
			args := []string{"inspect"}
			if g, ok := vectors.LookupGolden(name); ok {
				args = []string{"decode", "--key", key, "--now", strconv.FormatInt(g.Now.Unix(), 10)}
			}
			r := runCLI(t, text, args...)
			require.Equal(t, 0, r.code, r.stderr)
			out := decodeJSON(t, r.stdout)
			assert.Equal(t, "brotli", out["compression"])
			assert.Contains(t, out["warnings"].([]any)[0], "Brotli")
			if args[0] == "decode" {
				assert.Equal(t, "verified", out["verification"])
			}

			r = runCLI(t, text, append(args, "--zlib-only")...)
			assert.Equal(t, exitMalformed, r.code)
			assert.Contains(t, r.stderr, "claim169: decompress: ")
			assert.Contains(t, r.stderr, "only zlib")
		})
	}
}

// encode --compression brotli writes what decode reads as Brotli; zlib
// stays the default; other methods are usage errors.
func TestEncodeCompressionFlag(t *testing.T) {
	for _, c := range []struct{ flag, want string }{{"", "zlib"}, {"zlib", "zlib"}, {"brotli", "brotli"}} {
		var extra []string
		if c.flag != "" {
			extra = []string{"--compression", c.flag}
		}
		prefix, text := issue(t, "EdDSA", sampleRecord, extra...)
		r := runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", "1760000000")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, c.want, decodeJSON(t, r.stdout)["compression"], c.flag)
	}
	prefix, _ := issue(t, "EdDSA", sampleRecord)
	for _, bad := range []string{"gzip", "none", "Brotli"} {
		r := runCLI(t, sampleRecord, "encode", "--key", prefix+".key.pem", "--compression", bad)
		assert.Equal(t, exitUsage, r.code, bad)
		assert.Contains(t, r.stderr, "--compression")
	}
}

// encode prints the encoder's warnings on stderr: the deprecated photo
// fields, an iss that is not an absolute URI.
func TestEncodeWarnsOnStderr(t *testing.T) {
	prefix, _ := issue(t, "EdDSA", sampleRecord)
	rec := `{"claim169":{"id":"1","photo":"/9j/4AAQ","photoFormat":1},"cwt":{"issuer":"www.mosip.io","expiresAt":1787912445}}`
	r := runCLI(t, rec, "encode", "--key", prefix+".key.pem")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "claim169: warning: photo (key 16) and photoFormat (key 17) are deprecated")
	assert.Contains(t, r.stderr, "claim169: warning: iss is not an absolute URI")
	assert.NotContains(t, r.stderr, "/9j/4AAQ")

	r = runCLI(t, sampleRecord, "encode", "--key", prefix+".key.pem")
	require.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "deprecated")
	assert.NotContains(t, r.stderr, "absolute URI")
}

// An uncompressed COSE message is malformed (exit 2) unless
// --allow-uncompressed, for decode and inspect.
func TestAllowUncompressedFlag(t *testing.T) {
	g, ok := vectors.LookupGolden("01-minimal")
	require.True(t, ok)
	text := base45.EncodeToString(g.COSE)
	key := filepath.Join(outputDir, "issuer.pub.hex")
	for _, args := range [][]string{{"decode", "--key", key, "--now", "1760000000"}, {"inspect"}} {
		r := runCLI(t, text, args...)
		assert.Equal(t, exitMalformed, r.code, args[0])
		assert.Contains(t, r.stderr, "not compressed")

		r = runCLI(t, text, append(args, "--allow-uncompressed")...)
		require.Equal(t, 0, r.code, r.stderr)
		out := decodeJSON(t, r.stdout)
		assert.Equal(t, "none", out["compression"])
		assert.Contains(t, out["warnings"].([]any)[0], "not compressed")
	}
}

// decode --warn-expiring warns of a credential that expires within the
// window.
func TestWarnExpiringFlag(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord) // expires at 1787912445
	decode := func(now, window string) cliResult {
		return runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", now, "--warn-expiring", window)
	}
	r := decode("1787000000", "720h")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []any{"claim169: the credential expires within 720h0m0s, at 2026-08-28T10:20:45Z"}, decodeJSON(t, r.stdout)["warnings"])

	r = decode("1760000000", "720h")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []any{}, decodeJSON(t, r.stdout)["warnings"])

	for _, bad := range []string{"soon", "-1h", "0s"} {
		assert.Equal(t, exitUsage, decode("1760000000", bad).code, bad)
	}
}
