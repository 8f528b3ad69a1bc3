package record_test

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// What a front end prints: the output of a result (FromResult, Inspect) and
// of a failure (FailureOf, ExitCode).

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

// TestInspectOutput checks the whole JSON of an encrypted credential with
// a certificate, as the command writes it: the result's own strings keep
// <, > and &, and the identity, the claims, the headers and the
// certificates escape them.
func TestInspectOutput(t *testing.T) {
	key := ts.Ed25519Key()
	aead, err := cose.NewAEAD(cose.A128GCM, bytes.Repeat([]byte{1}, 16))
	require.NoError(t, err)
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte("k<&>"),
		CertificateChain: [][]byte{ts.SelfSignedAs(t, key, ts.CertName{CommonName: "Issuer <Test> & Co",
			Serial: 0x1234abcd, NotBefore: time.Unix(1750000000, 0), NotAfter: time.Unix(1900000000, 0)})}, Encryption: aead, EncryptionKeyID: []byte{0},
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

// TestExitCode classifies every sentinel as the command's contract does,
// wrapped or not.
func TestExitCode(t *testing.T) {
	stage := func(s claim169.Stage, kind error) error {
		return &claim169.Error{Stage: s, Kind: kind, Err: errors.New("cause")}
	}
	cases := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, record.ExitOK},
		{"plain", errors.New("usage: no --key"), record.ExitUsage},
		{"encoding", stage(claim169.StageSign, nil), record.ExitUsage},
		{"base45", stage(claim169.StageBase45, claim169.ErrMalformed), record.ExitMalformed},
		{"too large", stage(claim169.StageInput, claim169.ErrTooLarge), record.ExitMalformed},
		{"record", stage(record.Stage, claim169.ErrMalformed), record.ExitMalformed},
		{"verify", stage(claim169.StageVerify, claim169.ErrVerification), record.ExitVerification},
		{"unknown key", stage(claim169.StageVerify, fmt.Errorf("%w: %w", claim169.ErrVerification, claim169.ErrUnknownKey)), record.ExitVerification},
		{"revoked", stage(claim169.StageStatus, claim169.ErrRevoked), record.ExitVerification},
		{"expired", stage(claim169.StageValidity, claim169.ErrExpired), record.ExitValidity},
		{"not yet valid", stage(claim169.StageValidity, claim169.ErrNotYetValid), record.ExitValidity},
		{"decryption", stage(claim169.StageDecrypt, claim169.ErrDecryption), record.ExitDecryption},
		{"wrapped", fmt.Errorf("batch line 3: %w", stage(claim169.StageValidity, claim169.ErrExpired)), record.ExitValidity},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, record.ExitCode(c.err))
		})
	}
}

// TestFailureOfDecode reports a real decoding error: the outermost stage,
// the exit code and the message on one line, as JSON.
func TestFailureOfDecode(t *testing.T) {
	key := ts.Ed25519Key()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key})
	require.NoError(t, err)
	encoded, err := enc.Encode(&claim169.Identity{ID: "1001"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(time.Unix(1700000000, 0))})
	require.NoError(t, err)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{key.Public()},
		Now: func() time.Time { return time.Unix(1800000000, 0) }})
	require.NoError(t, err)
	_, err = dec.Decode(encoded.Text)
	require.ErrorIs(t, err, claim169.ErrExpired)

	f := record.FailureOf(err)
	assert.Equal(t, claim169.StageValidity, f.Stage)
	assert.Equal(t, record.ExitValidity, f.Exit)
	assert.Equal(t, err.Error(), f.Message)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(data, &got))
	assert.Equal(t, map[string]any{"stage": "validity", "exit": 4.0, "message": f.Message}, got)
}

// TestFailureOfPlain has no stage, and its message loses its line breaks.
func TestFailureOfPlain(t *testing.T) {
	f := record.FailureOf(errors.New("usage:\n  give a key\t please "))
	assert.Equal(t, &record.Failure{Exit: record.ExitUsage, Message: "usage: give a key please"}, f)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"exit": 1, "message": "usage: give a key please"}`, string(data))
}

// TestFailureOfRecord names the record stage of a record Parse refuses.
func TestFailureOfRecord(t *testing.T) {
	_, err := record.Parse([]byte(`{"claim169":{"idd":"1"}}`))
	require.Error(t, err)
	f := record.FailureOf(err)
	assert.Equal(t, record.Stage, f.Stage)
	assert.Equal(t, record.ExitMalformed, f.Exit)
}
