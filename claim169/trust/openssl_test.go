package trust

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
)

// Times for the OpenSSL chain (see testdata/openssl/README.md).
var (
	opensslInside = time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
	opensslAfter  = time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)
	opensslBefore = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "openssl", name))
	require.NoError(t, err)
	return data
}

// pemDER returns the DER of the single PEM certificate in file name.
func pemDER(t testing.TB, name string) []byte {
	t.Helper()
	block, rest := pem.Decode(readTestdata(t, name))
	require.NotNil(t, block)
	require.Empty(t, bytes.TrimSpace(rest))
	return block.Bytes
}

func TestOpenSSLChain(t *testing.T) {
	signer, err := keys.ParsePrivatePEM(readTestdata(t, "leaf.key.pem"))
	require.NoError(t, err)
	chain := [][]byte{pemDER(t, "leaf.pem"), pemDER(t, "intermediate.pem")}
	text := encode(t, claim169.EncoderOptions{Signer: signer, CertificateChain: chain}, testIssuer)

	tests := []struct {
		name   string
		anchor string
		now    time.Time
		reason ChainReason // 0: verified
	}{
		{"inside validity", "root.pem", opensslInside, 0},
		{"another root", "other-root.pem", opensslInside, ChainUnknownAuthority},
		{"leaf expired", "root.pem", opensslAfter, ChainExpired},
		{"not yet valid", "root.pem", opensslBefore, ChainNotYetValid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{})
			require.NoError(t, s.AddAnchorsPEM(readTestdata(t, tc.anchor)))
			res, err := decode(t, s, tc.now, text)
			if tc.reason == 0 {
				requireVerified(t, res, err)
				return
			}
			require.Nil(t, res)
			var ce *ChainError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tc.reason, ce.Reason)
			assert.ErrorIs(t, err, claim169.ErrVerification)
			requireNoLeak(t, err, "Claim169 SDK Test", "Test Issuer Signing Key")
		})
	}
}

func TestOpenSSLLeafAlone(t *testing.T) {
	s := New(Options{})
	require.NoError(t, s.AddAnchorsPEM(readTestdata(t, "root.pem")))
	q := claim169.KeyQuery{Certificates: [][]byte{pemDER(t, "leaf.pem")}, Now: opensslInside}
	_, err := s.Resolve(t.Context(), q)
	var ce *ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ChainUnknownAuthority, ce.Reason, "missing intermediate")

	q.Bag = [][]byte{pemDER(t, "intermediate.pem")}
	got, err := s.Resolve(t.Context(), q)
	require.NoError(t, err)
	leaf, err := x509.ParseCertificate(pemDER(t, "leaf.pem"))
	require.NoError(t, err)
	assert.Equal(t, []any{leaf.PublicKey}, toAny(got))
}

func TestAddAnchorsPEM(t *testing.T) {
	root := readTestdata(t, "root.pem")
	other := readTestdata(t, "other-root.pem")
	key := readTestdata(t, "leaf.key.pem")
	bad := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{0x30, 0x00}})
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"one root", root, true},
		{"bundle", append(append([]byte("comment\n"), root...), other...), true},
		{"empty", nil, false},
		{"no PEM", []byte("not pem"), false},
		{"private key block", key, false},
		{"root then key", append(append([]byte{}, root...), key...), false},
		{"unparsable certificate", bad, false},
		{"too large", append(bytes.Repeat([]byte("\n"), MaxAnchorsPEMSize), root...), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{})
			err := s.AddAnchorsPEM(tc.data)
			if tc.ok {
				require.NoError(t, err)
				assert.NotNil(t, s.state.Load().anchors)
				return
			}
			require.Error(t, err)
			assert.Nil(t, s.state.Load().anchors, "nothing added on error")
		})
	}
}
