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

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/jsonstrict"
	"github.com/idqr/claim169/internal/strictcbor"
)

var update = flag.Bool("update", false, "regenerate the golden vectors in ../testdata/golden")

const goldenDir = "../testdata/golden"

// golden is one end-to-end vector: the input and the output of every stage,
// and the expected outcome of decoding. All vectors are signed with Ed25519,
// so they are deterministic.
type golden struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Seed        string          `json:"seed"`      // Ed25519 private key seed of the signer (hex)
	PublicKey   string          `json:"publicKey"` // the verification key given to the decoder (hex)
	Options     goldenOptions   `json:"options"`
	Record      json.RawMessage `json:"record,omitempty"` // encoder input; absent for hand-built vectors
	Now         int64           `json:"now"`              // the decoder's clock
	Claim169    string          `json:"claim169"`         // hex
	CWT         string          `json:"cwt"`              // hex
	COSE        string          `json:"cose"`             // hex
	Zlib        string          `json:"zlib"`             // hex
	Base45      string          `json:"base45"`
	Expect      string          `json:"expect"` // "verified" or the name of a sentinel
	Stage       Stage           `json:"stage,omitempty"`
	Identity    json.RawMessage `json:"identity,omitempty"` // decoded identity JSON when verified
	Warnings    []string        `json:"warnings"`
}

type goldenOptions struct {
	KeyID            string `json:"kid,omitempty"`
	KeyIDUnprotected bool   `json:"kidUnprotected,omitempty"`
	CWTTag           bool   `json:"cwtTag,omitempty"`
	Untagged         bool   `json:"untagged,omitempty"`
}

var sentinels = map[string]error{
	"ErrMalformed": ErrMalformed, "ErrTooLarge": ErrTooLarge, "ErrVerification": ErrVerification,
	"ErrUnknownKey": ErrUnknownKey, "ErrExpired": ErrExpired, "ErrNotYetValid": ErrNotYetValid,
	"ErrDecryption": ErrDecryption,
}

func TestGolden(t *testing.T) {
	if *update {
		writeGoldens(t)
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 10)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var g golden
		require.NoError(t, json.Unmarshal(data, &g), f)
		t.Run(g.Name, func(t *testing.T) { checkGolden(t, &g) })
	}
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}

// checkGolden checks every stage of g against its own field, then the whole
// decode, then (for encoder vectors) the encoder.
func checkGolden(t *testing.T, g *golden) {
	zlib, err := base45.DecodeString(g.Base45)
	require.NoError(t, err, "base45 stage")
	assert.Equal(t, g.Zlib, hex.EncodeToString(zlib), "base45 -> zlib")

	coseMsg, err := compress.Inflate(zlib, 0)
	require.NoError(t, err, "zlib stage")
	assert.Equal(t, g.COSE, hex.EncodeToString(coseMsg), "zlib -> cose")

	inner, tagged, err := cwt.Untag(coseMsg)
	require.NoError(t, err)
	assert.Equal(t, g.Options.CWTTag, tagged, "tag 61")
	s1, err := cose.ParseSign1(inner)
	require.NoError(t, err, "cose stage")
	assert.Equal(t, g.CWT, hex.EncodeToString(s1.Payload), "cose -> cwt")
	pub := ed25519.PublicKey(unhex(t, g.PublicKey))
	if sigErr := s1.Verify(pub, nil); g.Expect == "ErrVerification" {
		assert.ErrorIs(t, sigErr, cose.ErrVerification, "signature must not verify")
	} else {
		assert.NoError(t, sigErr, "signature")
	}

	claims, _, err := cwt.Parse(s1.Payload)
	require.NoError(t, err, "cwt stage")
	raw169, _, err := unwrapIdentity(claims.Extra[cwt.KeyClaim169])
	require.NoError(t, err)
	assert.Equal(t, g.Claim169, hex.EncodeToString(raw169), "cwt -> claim169")

	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(pub), Now: func() time.Time { return time.Unix(g.Now, 0) }})
	require.NoError(t, err)
	res, err := dec.Decode(g.Base45)
	if g.Expect != "verified" {
		require.ErrorIs(t, err, sentinels[g.Expect])
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, g.Stage, e.Stage)
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

// checkGoldenEncoder re-encodes the record and compares every stage up to
// the COSE message (Ed25519 is deterministic). The zlib bytes depend on the
// Go release's deflate, so they are checked by round trip only.
func checkGoldenEncoder(t *testing.T, g *golden) {
	stages := encodeGolden(t, g)
	assert.Equal(t, g.Claim169, hex.EncodeToString(stages.Stages.Claim169), "encoder claim169")
	assert.Equal(t, g.CWT, hex.EncodeToString(stages.Stages.CWT), "encoder cwt")
	assert.Equal(t, g.COSE, hex.EncodeToString(stages.Stages.COSE), "encoder cose")
	back, err := compress.Inflate(stages.Stages.Compressed, 0)
	require.NoError(t, err)
	assert.Equal(t, stages.Stages.COSE, back)
	assert.Equal(t, stages.Stages.Compressed, mustB45(t, stages.Text))
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
		Signer:           ed25519.NewKeyFromSeed(unhex(t, g.Seed)),
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
	msg, err := cose.Sign(nil, ed25519.NewKeyFromSeed(unhex(t, g.Seed)), payload, cose.SignOptions{
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
	g.Claim169 = hex.EncodeToString(raw169)
	g.CWT, g.COSE, g.Zlib, g.Base45 = hex.EncodeToString(s.CWT), hex.EncodeToString(s.COSE), hex.EncodeToString(s.Compressed), e.Text
	if g.PublicKey == "" {
		g.PublicKey = hex.EncodeToString(ed25519.NewKeyFromSeed(unhex(t, g.Seed)).Public().(ed25519.PublicKey))
	}
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(ed25519.PublicKey(unhex(t, g.PublicKey))), Now: func() time.Time { return time.Unix(g.Now, 0) }})
	require.NoError(t, err)
	res, err := dec.Decode(g.Base45)
	g.Warnings = []string{}
	if err != nil {
		var e *Error
		require.ErrorAs(t, err, &e)
		g.Stage = e.Stage
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

func writeGoldens(t *testing.T) {
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
	}
}

// rawCBOR encodes v for hand-built payloads.
func rawCBOR(t *testing.T, v any) cbor.RawMessage {
	t.Helper()
	b, err := strictcbor.Marshal(v)
	require.NoError(t, err)
	return b
}
