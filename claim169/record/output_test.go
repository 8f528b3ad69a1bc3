package record_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/vectors"
)

// goldens returns the project's golden vectors.
func goldens(testing.TB) []vectors.Golden { return vectors.Goldens() }

// TestGoldenRecords encodes the goldens' records as Parse reads them: the
// stages must be the goldens' (Ed25519 is deterministic).
func TestGoldenRecords(t *testing.T) {
	for _, g := range goldens(t) {
		if g.Record == nil {
			continue // hand-built, or tampered after encoding
		}
		t.Run(g.Name, func(t *testing.T) {
			rec, err := record.Parse(g.Record)
			require.NoError(t, err)
			enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: ed25519.NewKeyFromSeed(g.Seed),
				KeyID: []byte(g.Options.KeyID), KeyIDUnprotected: g.Options.KeyIDUnprotected,
				CWTTag: g.Options.CWTTag, Untagged: g.Options.Untagged})
			require.NoError(t, err)
			out, err := enc.Encode(rec.Identity, rec.Claims)
			require.NoError(t, err)
			assert.Equal(t, g.Claim169, out.Stages.Claim169)
			assert.Equal(t, g.CWT, out.Stages.CWT)
			assert.Equal(t, g.COSE, out.Stages.COSE)
		})
	}
}

// TestFromResultGoldens checks the output of every verified golden: its
// identity and warnings, and the claims of its record.
func TestFromResultGoldens(t *testing.T) {
	for _, g := range goldens(t) {
		if g.Expect != "verified" {
			continue
		}
		t.Run(g.Name, func(t *testing.T) {
			dec, err := claim169.NewDecoder(claim169.DecoderOptions{
				Keys: []crypto.PublicKey{ed25519.PublicKey(g.PublicKey)},
				Now:  func() time.Time { return g.Now }})
			require.NoError(t, err)
			res, err := dec.Decode(g.Base45)
			require.NoError(t, err)
			data, err := json.Marshal(record.FromResult(res))
			require.NoError(t, err)
			var out struct {
				Identity     json.RawMessage `json:"claim169"`
				Claims       json.RawMessage `json:"cwt"`
				Verification string          `json:"verification"`
				Algorithm    string          `json:"algorithm"`
				Warnings     []string        `json:"warnings"`
			}
			require.NoError(t, json.Unmarshal(data, &out))
			assert.JSONEq(t, string(g.Identity), string(out.Identity))
			assert.Equal(t, g.Warnings, out.Warnings)
			assert.Equal(t, "verified", out.Verification)
			assert.Equal(t, "EdDSA", out.Algorithm)
			if g.Record != nil {
				var rec struct{ CWT json.RawMessage }
				require.NoError(t, json.Unmarshal(g.Record, &rec))
				assert.JSONEq(t, string(rec.CWT), string(out.Claims), "the output's claims are the record's")
			}
		})
	}
}

// selfSigned returns a certificate for key whose names hold <, > and &.
func selfSigned(t *testing.T, key ed25519.PrivateKey) []byte {
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(0x1234abcd),
		Subject:   pkix.Name{CommonName: "Issuer <Test> & Co"},
		NotBefore: time.Unix(1750000000, 0), NotAfter: time.Unix(1900000000, 0)}
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, key.Public(), key)
	require.NoError(t, err)
	return der
}

// TestInspectOutput checks the whole JSON of an encrypted credential with
// a certificate, as the command writes it: the result's own strings keep
// <, > and &, and the identity, the claims, the headers and the
// certificates escape them.
func TestInspectOutput(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	aead, err := cose.NewAEAD(cose.A128GCM, bytes.Repeat([]byte{1}, 16))
	require.NoError(t, err)
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte("k<&>"),
		CertificateChain: [][]byte{selfSigned(t, key)}, Encryption: aead, EncryptionKeyID: []byte{0},
		Rand: bytes.NewReader(make([]byte, 64))})
	require.NoError(t, err)
	encoded, err := enc.Encode(&claim169.Identity{FullName: "<b>"}, &cwt.Claims{Issuer: "https://a.example/?x&y"})
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{DecryptionKeys: []cose.AEAD{aead}})
	require.NoError(t, err)
	res, err := dec.Inspect(encoded.Text)
	require.NoError(t, err)

	var b bytes.Buffer
	w := json.NewEncoder(&b)
	w.SetEscapeHTML(false)
	require.NoError(t, w.Encode(record.Inspect(res)))
	assert.Equal(t, `{"claim169":{"fullName":"\u003cb\u003e"},"cwt":{"issuer":"https://a.example/?x\u0026y"},`+
		`"verification":"skipped","algorithm":"EdDSA","kid":"k<&>","compression":"zlib","warnings":[],`+
		`"encryption":{"algorithm":"A128GCM","kid":"00"},"headers":{"cwtTag":false,`+
		`"protected":{"1 (alg)":"-8","33 (x5chain)":"h'`+hex.EncodeToString(res.Sign1.Protected.X5Chain()[0])+`'","4 (kid)":"h'6b3c263e'"},`+
		`"unprotected":{},"encryptProtected":{"1 (alg)":"1","4 (kid)":"h'00'"},`+
		`"encryptUnprotected":{"5 (IV)":"h'000000000000000000000000'"}},`+
		`"certificates":[{"header":"x5chain","subject":"CN=Issuer \\\u003cTest\\\u003e \u0026 Co",`+
		`"issuer":"CN=Issuer \\\u003cTest\\\u003e \u0026 Co","serial":"1234abcd",`+
		`"notBefore":"2025-06-15T15:06:40Z","notAfter":"2030-03-17T17:46:40Z"}]}`+"\n", b.String())

	plain := record.FromResult(res)
	assert.Nil(t, plain.Headers, "decode's output has no headers")
	assert.Nil(t, plain.Certificates)
}

func TestFromResultEmpty(t *testing.T) {
	out, err := json.Marshal(record.FromResult(&claim169.Result{Verification: claim169.Skipped}))
	require.NoError(t, err)
	assert.Equal(t, `{"claim169":{},"cwt":{},"verification":"skipped","warnings":[]}`, string(out))
}
