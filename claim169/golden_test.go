package claim169

import (
	"bytes"
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
	ts "github.com/idqr/claim169/internal/testsupport"
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
// against the goldens). The goldens' claims are cwt.Claims' own JSON form
// (issuer, subject, audience as an array, the dates) but for cwtId, in hex.
func goldenRecord(tb testing.TB, data []byte) (*Identity, *cwt.Claims) {
	tb.Helper()
	var rec struct {
		Identity *Identity `json:"claim169"`
		Claims   struct {
			cwt.Claims
			CWTID *string `json:"cwtId"`
		} `json:"cwt"`
	}
	require.NoError(tb, jsonstrict.Unmarshal(data, &rec))
	claims := rec.Claims.Claims
	if rec.Claims.CWTID != nil {
		id, err := hex.DecodeString(*rec.Claims.CWTID)
		require.NoError(tb, err)
		claims.ID = id
	}
	return rec.Identity, &claims
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

// Ed25519 keys of the golden vectors: RFC 8032 §7.1 TEST 1 and TEST 2.
var (
	// seedIssuer is the seed of TEST 1, the signer of every vector.
	seedIssuer = ts.MustHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	// publicOther is the public key of TEST 2 (seed 4ccd089b…), the wrong
	// key of 15-wrong-key.
	publicOther = ts.MustHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
)

// goldenNow is the decoder's clock of the golden vectors.
var goldenNow = time.Unix(1760000000, 0)

type goldenSpec struct {
	golden  golden
	payload func(t *testing.T) []byte // hand-built CWT payload, instead of the record
	tamper  func(s *Stages)           // changes the signed message after signing
}

func recordJSON(s string) json.RawMessage { return json.RawMessage(s) }

const stdCWT = `"cwt":{"issuer":"https://id.example.org","issuedAt":1750000000,"expiresAt":1800000000}`

func goldenSpecs() []goldenSpec {
	enc := func(name, desc, record string, opts vectors.GoldenOptions) goldenSpec {
		return goldenSpec{golden: golden{Name: name, Description: desc, Seed: seedIssuer, Options: opts,
			Record: recordJSON(record), Now: goldenNow}}
	}
	specs := []goldenSpec{
		enc("01-minimal", "ID and full name only", `{"claim169":{"id":"ID-0001","fullName":"Alice Example"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("02-demographics-full", "every demographic field, keys 1-23",
			`{"claim169":{"id":"3918592438","version":"1.0","language":"eng","fullName":"Janardhan B S",
			"firstName":"Janardhan","middleName":"B","lastName":"S","dateOfBirth":"19840418","gender":1,
			"address":"New House\nNear Metro Line\nBengaluru, KA","email":"janardhan@example.com",
			"phone":"+91 98765 43210","nationality":"IN","maritalStatus":2,"guardian":"Guardian-001",
			"photo":"/9j/4AAQSkZJRg==","photoFormat":1,"bestQualityFingers":[1,2,6],
			"secondaryFullName":"جاناردان بنغالور سرينيفاس","secondaryLanguage":"ara",
			"locationCode":"849VCWC8+R9","legalStatus":"Refugee","countryOfIssuance":"IN"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("03-non-latin-scripts", "names and address in Devanagari, Han, Cyrillic, Greek, Amharic and an emoji",
			`{"claim169":{"id":"ID-0003","fullName":"अनन्या शर्मा","secondaryFullName":"王秀英 / Ирина Петрова",
			"secondaryLanguage":"zho","address":"Αθήνα 10558\nአዲስ አበባ 🏠","legalStatus":"Asylum seeker"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("04-biometrics-all", "all sixteen biometric keys with formats, sub-formats and issuers",
			`{"claim169":{"id":"ID-0004","fullName":"Bio Metric",`+allBiometricsJSON()+`},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("05-unknown-keys", "keys the table does not assign, written byte for byte",
			`{"claim169":{"id":"ID-0005","fullName":"Closed Ecosystem","unknown":{"24":-1,"30":"district 9",
			"45":12345,"75":1.5,"80":{"a":[1,2,{"b":null}]},"99":true}},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("06-kid-protected-tag61", "kid in the protected header, CWT tag 61 around tag 18",
			`{"claim169":{"id":"ID-0006","fullName":"Tagged Twice"},`+stdCWT+`}`, vectors.GoldenOptions{KeyID: "issuer-2026-01", CWTTag: true}),
		enc("07-kid-unprotected-untagged", "kid in the unprotected header as MOSIP's key manager writes it, untagged COSE_Sign1",
			`{"claim169":{"id":"ID-0007","fullName":"Plain Array"},`+stdCWT+`}`, vectors.GoldenOptions{KeyID: "k-1101", KeyIDUnprotected: true, Untagged: true}),
		enc("08-cwt-all-claims", "issuer, subject, audience, nbf, iat, exp and cti",
			`{"claim169":{"id":"ID-0008","fullName":"Every Claim"},"cwt":{"issuer":"https://id.example.org",
			"subject":"ID-0008","audience":["https://verifier.example.org"],"notBefore":1750000000,
			"issuedAt":1750000000,"expiresAt":1800000000,"cwtId":"0102030405060708"}}`, vectors.GoldenOptions{}),
		enc("09-zero-values-present", "an empty string and gender 0 given explicitly are kept",
			`{"claim169":{"id":"ID-0009","fullName":"","middleName":"","gender":0,"bestQualityFingers":[]},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("10-expired", "exp before the decoder's clock",
			`{"claim169":{"id":"ID-0010","fullName":"Long Gone"},"cwt":{"issuer":"https://id.example.org","issuedAt":1600000000,"expiresAt":1700000000}}`, vectors.GoldenOptions{}),
		enc("11-not-yet-valid", "nbf after the decoder's clock",
			`{"claim169":{"id":"ID-0011","fullName":"Not Yet"},"cwt":{"issuer":"https://id.example.org","issuedAt":1750000000,"notBefore":1900000000,"expiresAt":2000000000}}`, vectors.GoldenOptions{}),
		{golden: golden{Name: "12-deviations-spec-style", Seed: seedIssuer, Now: goldenNow, Options: vectors.GoldenOptions{KeyID: "k-1101", KeyIDUnprotected: true, CWTTag: true},
			Description: "as the specification's own example: claim 169 as a byte string, gender and marital status as text, the face as a single map"},
			payload: deviationPayload},
		{golden: golden{Name: "13-mistyped-fields", Seed: seedIssuer, Now: goldenNow,
			Description: "values whose type contradicts the table are kept under unknown with a warning"},
			payload: mistypedPayload},
		func() goldenSpec {
			s := enc("14-tampered-payload", "one letter of the name changed after signing",
				`{"claim169":{"id":"ID-0014","fullName":"Alice Example"},`+stdCWT+`}`, vectors.GoldenOptions{})
			s.tamper = func(st *Stages) {
				st.COSE = bytes.Replace(st.COSE, []byte("Alice"), []byte("Alicf"), 1)
				st.CWT = bytes.Replace(st.CWT, []byte("Alice"), []byte("Alicf"), 1)
			}
			return s
		}(),
		func() goldenSpec {
			s := enc("15-wrong-key", "signed by one key, verified with another",
				`{"claim169":{"id":"ID-0015","fullName":"Wrong Key"},`+stdCWT+`}`, vectors.GoldenOptions{})
			s.golden.PublicKey = publicOther
			return s
		}(),
	}
	return specs
}

func allBiometricsJSON() string {
	names := []string{"rightThumb", "rightPointerFinger", "rightMiddleFinger", "rightRingFinger", "rightLittleFinger",
		"leftThumb", "leftPointerFinger", "leftMiddleFinger", "leftRingFinger", "leftLittleFinger"}
	out := ""
	for i, n := range names {
		// ISO 19794-2 templates ("FMR\0" header), vendor sub-format on the last.
		sub := 1
		if i == len(names)-1 {
			sub = 150
		}
		out += `"` + n + `":[{"data":"Rk1SAA==","format":1,"subFormat":` + itoa(sub) + `,"issuer":"VendorX"}],`
	}
	out += `"rightIris":[{"data":"iVBORw0KGgo=","format":0,"subFormat":0}],` +
		`"leftIris":[{"data":"iVBORw0KGgo=","format":0,"subFormat":0}],` +
		`"face":[{"data":"/9j/4AAQSkZJRg==","format":0,"subFormat":1},{"data":"UklGRiQAAABXRUJQ","format":0,"subFormat":4}],` +
		`"rightPalm":[{"data":"//+g","format":0,"subFormat":6}],` +
		`"leftPalm":[{"data":"SUkqAA==","format":0,"subFormat":5}],` +
		`"voice":[{"data":"UklGRiQAAABXQVZF","format":2,"subFormat":0}]`
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func deviationPayload(t *testing.T) []byte {
	identity := mustCBOR(t, map[int64]any{
		1: "3918592438", 4: "Janardhan BS", 8: "19840418", 9: "1", 14: "2",
		62: map[int64]any{0: []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), 1: 0, 2: 4},
	})
	return mustCBOR(t, map[int64]any{1: "www.mosip.io", 4: 1800000000, 5: 1750000000, 6: 1750000000, 169: []byte(identity)})
}

func mistypedPayload(t *testing.T) []byte {
	identity := mustCBOR(t, map[int64]any{
		1: "ID-0013", 4: 42, 8: 19840418, 9: 1.5, 16: "not bytes",
		62: []any{map[int64]any{0: []byte{1}, 9: "extra key"}},
	})
	return mustCBOR(t, map[int64]any{1: "https://id.example.org", 4: 1800000000, 6: 1750000000, 169: cbor.RawMessage(identity)})
}
