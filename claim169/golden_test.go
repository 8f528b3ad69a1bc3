package claim169

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/jsonstrict"
	"github.com/idqr/claim169/internal/vectors"
)

var update = flag.Bool("update", false, "regenerate the golden vectors in "+goldenDir)

// goldenDir is where -update writes the golden vectors: the files that
// package vectors embeds (vectors.Goldens).
const goldenDir = "../internal/vectors/golden"

// golden is one end-to-end vector: the input and the output of every stage,
// and the expected outcome of decoding. All vectors are signed with Ed25519,
// so they are deterministic.
type golden = vectors.Golden

var sentinels = map[string]error{
	"ErrMalformed": ErrMalformed, "ErrTooLarge": ErrTooLarge, "ErrVerification": ErrVerification,
	"ErrUnknownKey": ErrUnknownKey, "ErrExpired": ErrExpired, "ErrNotYetValid": ErrNotYetValid,
	"ErrDecryption": ErrDecryption,
}

// TestGolden checks every golden vector; with -update it first rewrites them
// and checks what it wrote (the embedded copy is refreshed by the next build).
func TestGolden(t *testing.T) {
	goldens := vectors.Goldens()
	if *update {
		goldens = writeGoldens(t)
	}
	require.GreaterOrEqual(t, len(goldens), 10)
	for _, g := range goldens {
		t.Run(g.Name, func(t *testing.T) { checkGolden(t, &g) })
	}
}

// checkGolden checks every stage of g against its own field, then the whole
// decode, then (for encoder vectors) the encoder.
func checkGolden(t *testing.T, g *golden) {
	zlib, err := base45.DecodeString(g.Base45)
	require.NoError(t, err, "base45 stage")
	assert.Equal(t, g.Zlib, zlib, "base45 -> zlib")

	coseMsg, err := compress.Inflate(zlib, 0)
	require.NoError(t, err, "zlib stage")
	assert.Equal(t, g.COSE, coseMsg, "zlib -> cose")

	inner, tagged, err := cwt.Untag(coseMsg)
	require.NoError(t, err)
	assert.Equal(t, g.Options.CWTTag, tagged, "tag 61")
	s1, err := cose.ParseSign1(inner)
	require.NoError(t, err, "cose stage")
	assert.Equal(t, g.CWT, s1.Payload, "cose -> cwt")
	pub := ed25519.PublicKey(g.PublicKey)
	if sigErr := s1.Verify(pub, nil); g.Expect == "ErrVerification" {
		assert.ErrorIs(t, sigErr, cose.ErrVerification, "signature must not verify")
	} else {
		assert.NoError(t, sigErr, "signature")
	}

	claims, _, err := cwt.Parse(s1.Payload)
	require.NoError(t, err, "cwt stage")
	raw169, _, err := unwrapIdentity(claims.Extra[cwt.KeyClaim169])
	require.NoError(t, err)
	assert.Equal(t, g.Claim169, raw169, "cwt -> claim169")

	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(pub), Now: func() time.Time { return g.Now }})
	require.NoError(t, err)
	res, err := dec.Decode(g.Base45)
	if g.Expect != "verified" {
		require.ErrorIs(t, err, sentinels[g.Expect])
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, Stage(g.Stage), e.Stage)
		assert.Nil(t, res)
	} else {
		require.NoError(t, err)
		assert.Equal(t, Verified, res.Verification)
		got, err := json.Marshal(res.Identity)
		require.NoError(t, err)
		assert.JSONEq(t, string(g.Identity), string(got), "claim169 -> identity")
		assert.Equal(t, g.Warnings, nonNil(res.Warnings))
	}
	if g.Record != nil {
		checkGoldenEncoder(t, g)
	}
}

// checkGoldenEncoder re-encodes the record and compares every stage, the
// QR text included: Ed25519 is deterministic, and so is the project's own
// DEFLATE encoder, whatever the Go release.
func checkGoldenEncoder(t *testing.T, g *golden) {
	stages := encodeGolden(t, g)
	assert.Equal(t, g.Claim169, stages.Stages.Claim169, "encoder claim169")
	assert.Equal(t, g.CWT, stages.Stages.CWT, "encoder cwt")
	assert.Equal(t, g.COSE, stages.Stages.COSE, "encoder cose")
	back, err := compress.Inflate(stages.Stages.Compressed, 0)
	require.NoError(t, err)
	assert.Equal(t, stages.Stages.COSE, back)
	assert.Equal(t, stages.Stages.Compressed, mustB45(t, stages.Text))
	assert.Equal(t, g.Zlib, stages.Stages.Compressed, "encoder zlib")
	assert.Equal(t, g.Base45, stages.Text, "encoder text")
}

func mustB45(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base45.DecodeString(s)
	require.NoError(t, err)
	return b
}

func encodeGolden(t *testing.T, g *golden) *Encoded {
	t.Helper()
	id, claims := goldenRecord(t, g.Record)
	enc, err := NewEncoder(EncoderOptions{
		Signer:           ed25519.NewKeyFromSeed(g.Seed),
		KeyID:            []byte(g.Options.KeyID),
		KeyIDUnprotected: g.Options.KeyIDUnprotected,
		CWTTag:           g.Options.CWTTag,
		Untagged:         g.Options.Untagged,
	})
	require.NoError(t, err)
	stages, err := enc.Encode(id, claims)
	require.NoError(t, err)
	return stages
}

// goldenRecord reads the record of a golden vector, {"claim169": {...},
// "cwt": {...}}, the form package claim169/record reads (it imports this
// package, so this package's tests cannot use it; its own tests check it
// against the goldens). The goldens' claims use only issuer, subject,
// audience (an array), the dates and cwtId (hex).
func goldenRecord(tb testing.TB, data []byte) (*Identity, *cwt.Claims) {
	tb.Helper()
	var rec struct {
		Identity *Identity `json:"claim169"`
		Claims   struct {
			Issuer    string           `json:"issuer"`
			Subject   string           `json:"subject"`
			Audience  []string         `json:"audience"`
			ExpiresAt *cwt.NumericDate `json:"expiresAt"`
			NotBefore *cwt.NumericDate `json:"notBefore"`
			IssuedAt  *cwt.NumericDate `json:"issuedAt"`
			CWTID     *string          `json:"cwtId"`
		} `json:"cwt"`
	}
	require.NoError(tb, jsonstrict.Unmarshal(data, &rec))
	j := &rec.Claims
	claims := &cwt.Claims{Issuer: j.Issuer, Subject: j.Subject, Audience: j.Audience,
		ExpiresAt: j.ExpiresAt, NotBefore: j.NotBefore, IssuedAt: j.IssuedAt}
	if j.CWTID != nil {
		id, err := hex.DecodeString(*j.CWTID)
		require.NoError(tb, err)
		claims.ID = id
	}
	return rec.Identity, claims
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// signGolden signs a hand-built CWT payload for the deviation vectors.
func signGolden(t *testing.T, g *golden, payload []byte) *Encoded {
	t.Helper()
	msg, err := cose.Sign(nil, ed25519.NewKeyFromSeed(g.Seed), payload, cose.SignOptions{
		KeyID:            []byte(g.Options.KeyID),
		KeyIDUnprotected: g.Options.KeyIDUnprotected,
		Untagged:         g.Options.Untagged,
	})
	require.NoError(t, err)
	if g.Options.CWTTag {
		msg = cwt.AddTag(msg)
	}
	z := compress.Deflate(msg)
	return &Encoded{Text: base45.EncodeToString(z), Stages: Stages{CWT: payload, COSE: msg, Compressed: z}}
}

// fillGolden computes the outputs of g from stages and a decode.
func fillGolden(t *testing.T, g *golden, e *Encoded) {
	t.Helper()
	s := &e.Stages
	claims, _, err := cwt.Parse(s.CWT)
	require.NoError(t, err)
	raw169, _, err := unwrapIdentity(claims.Extra[cwt.KeyClaim169])
	require.NoError(t, err)
	g.Claim169 = raw169
	g.CWT, g.COSE, g.Zlib, g.Base45 = s.CWT, s.COSE, s.Compressed, e.Text
	if g.PublicKey == nil {
		g.PublicKey = ed25519.NewKeyFromSeed(g.Seed).Public().(ed25519.PublicKey)
	}
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(ed25519.PublicKey(g.PublicKey)), Now: func() time.Time { return g.Now }})
	require.NoError(t, err)
	res, err := dec.Decode(g.Base45)
	g.Warnings = []string{}
	if err != nil {
		var e *Error
		require.ErrorAs(t, err, &e)
		g.Stage = string(e.Stage)
		for name, s := range sentinels {
			if errors.Is(e.Kind, s) {
				g.Expect = name
			}
		}
		return
	}
	g.Expect = "verified"
	g.Identity, err = json.Marshal(res.Identity)
	require.NoError(t, err)
	g.Warnings = nonNil(res.Warnings)
}

// writeGoldens writes the vectors of goldenSpecs into goldenDir and returns
// them.
func writeGoldens(t *testing.T) []golden {
	var out []golden
	for _, spec := range goldenSpecs() {
		g := spec.golden
		var s *Encoded
		if spec.payload != nil {
			s = signGolden(t, &g, spec.payload(t))
		} else {
			s = encodeGolden(t, &g)
		}
		if spec.tamper != nil {
			spec.tamper(&s.Stages)
			s.Stages.Compressed = compress.Deflate(s.Stages.COSE)
			s.Text = base45.EncodeToString(s.Stages.Compressed)
			g.Record = nil // the output is no longer what the encoder wrote
		}
		fillGolden(t, &g, s)
		data, err := json.MarshalIndent(g, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(goldenDir, g.Name+".json"), append(data, '\n'), 0o644))
		out = append(out, g)
	}
	return out
}
