package claim169

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169/brotli"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// FuzzDecode decodes arbitrary QR text with every key of the seeds, through
// Decode, DecodeUnverified and Inspect (see fuzzOracle.check).
func FuzzDecode(f *testing.F) {
	seeds := fuzzSeeds(f)
	o := newFuzzOracle(f, seeds)
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { o.check(t, text) })
}

// FuzzDecodeMessage mutates the inflated message (COSE, or anything) of the
// seeds, then deflates and Base45-encodes it, so that mutations reach the
// COSE, CWT and Claim 169 layers instead of dying on the zlib checksum.
func FuzzDecodeMessage(f *testing.F) {
	seeds := fuzzSeeds(f)
	o := newFuzzOracle(f, seeds)
	for _, s := range seeds {
		if raw, err := base45.DecodeString(s); err == nil {
			if msg, err := compress.Inflate(raw, 0); err == nil {
				f.Add(msg)
			}
		}
	}
	f.Fuzz(func(t *testing.T, msg []byte) { o.check(t, qrText(msg)) })
}

// FuzzInspect: Inspect never panics and never claims Verified; an error
// means no result.
func FuzzInspect(f *testing.F) {
	seeds := fuzzSeeds(f)
	o := newFuzzOracle(f, seeds)
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		res, err := o.decs[0].Inspect(text)
		o.checkOutcome(t, res, err)
		if err == nil {
			require.Equal(t, Skipped, res.Verification)
			o.checkResult(t, res)
		}
	})
}

// FuzzParseIdentity: an error means no identity and no warnings; an
// identity re-encodes to CBOR that parses to the same identity; canonical
// input that raised no warning re-encodes to the same bytes; the identity
// can be written as JSON.
func FuzzParseIdentity(f *testing.F) {
	for _, g := range vectors.Goldens() {
		f.Add(g.Claim169)
	}
	for _, id := range []*Identity{fullIdentity(), hostileIdentity(), {}} {
		b, err := id.MarshalCBOR()
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add(ts.Map(ts.Int(9), ts.Text("1"), ts.Int(62), ts.Map(ts.Int(0), ts.Bytes([]byte{0xff, 0xd8}))))
	f.Add(ts.Map(ts.Int(4), ts.Int(7), ts.Int(30), ts.Array(ts.Tag(1, ts.Int(0)), []byte{0xf9, 0x7e, 0x00})))
	f.Fuzz(func(t *testing.T, data []byte) {
		id, warnings, err := ParseIdentity(data)
		if err != nil {
			require.Nil(t, id)
			require.Nil(t, warnings)
			require.ErrorIs(t, err, ErrMalformed)
			require.NotContains(t, err.Error(), "\n")
			return
		}
		again, err := id.MarshalCBOR()
		require.NoError(t, err)
		id2, _, err := ParseIdentity(again)
		require.NoError(t, err)
		require.Equal(t, id, id2, "re-encoding changed the identity")
		if len(warnings) == 0 && ts.Canonical(data, strictcbor.Unmarshal, strictcbor.Marshal) && !bytes.Equal(data, again) {
			t.Fatalf("canonical input re-encoded differently:\nin  %x\nout %x", data, again)
		}
		checkIdentityJSON(t, id)
	})
}

// FuzzEncodeDecode encodes fuzzed identity values (text that may not be
// UTF-8, integers, bytes, a raw unknown value) and decodes the credential:
// either the encoder refuses cleanly, or the decoder returns exactly the
// identity that was signed.
func FuzzEncodeDecode(f *testing.F) {
	f.Add("HOSTILE-4471-ID", "Zanele Canary Okonkwo", int64(2), []byte{0xff, 0xd8, 0xff, 0xe0}, []byte{1, 6}, "Canary Authority", int64(30), []byte{0x01})
	f.Add("", "", int64(0), []byte{}, []byte{}, "", int64(-1), []byte{})
	f.Add("ID-\xff", "جاناردان", int64(-5), []byte("RIFF"), []byte{11, 0x80}, "\xc3\x28", int64(169), []byte{0x62, 0xff, 0xfe})
	f.Add("1", "x", int64(1<<40), []byte(nil), bytes.Repeat([]byte{1}, 1100), "", int64(1), []byte{0xd9, 0xd9, 0xf7, 0x01})
	f.Add("2", "y", int64(3), []byte{0}, []byte{}, "i", int64(99), []byte{0xa2, 0x01, 0x01, 0x01, 0x02})
	enc, err := NewEncoder(EncoderOptions{Signer: hostileSigner, KeyID: []byte(hostileKid)})
	require.NoError(f, err)
	dec := hostileDecoder(f)
	f.Fuzz(func(t *testing.T, idText, name string, gender int64, photo, fingers []byte, issuer string, unknownKey int64, unknown []byte) {
		id := fuzzIdentity(idText, name, gender, photo, fingers, issuer, unknownKey, unknown)
		stages, err := enc.Encode(id, hostileClaims())
		if err != nil {
			require.Nil(t, stages)
			var e *Error
			require.ErrorAs(t, err, &e)
			return
		}
		again, err := enc.Encode(id, hostileClaims())
		require.NoError(t, err)
		require.Equal(t, stages.Text, again.Text, "encoding is deterministic with Ed25519")
		res, err := dec.Decode(stages.Text)
		if len(stages.Text) > DefaultMaxTextLength {
			require.ErrorIs(t, err, ErrTooLarge, "longer than the decoder's default limit")
			return
		}
		if err != nil {
			require.NoError(t, err, "the decoder refuses what the encoder signed")
		}
		require.Equal(t, Verified, res.Verification)
		got, err := res.Identity.MarshalCBOR()
		require.NoError(t, err)
		if !bytes.Equal(stages.Stages.Claim169, got) && !strings.Contains(strings.Join(res.Warnings, " "), "normalised") {
			t.Fatalf("the identity changed:\nsigned  %x\ndecoded %x", stages.Stages.Claim169, got)
		}
	})
}

func fuzzIdentity(idText, name string, gender int64, photo, fingers []byte, issuer string, unknownKey int64, unknown []byte) *Identity {
	id := &Identity{ID: idText, FullName: name, Gender: Gender(gender), Photo: photo}
	for _, b := range fingers {
		id.BestQualityFingers = append(id.BestQualityFingers, int64(int8(b)))
	}
	if len(photo) > 0 || issuer != "" {
		id.Face = []biometrics.Biometric{{Data: photo, Format: biometrics.FormatImage.Ptr(), Issuer: &issuer}}
	}
	if len(unknown) > 0 {
		id.Unknown = map[Field]cbor.RawMessage{Field(unknownKey): unknown}
	}
	return id
}

// checkIdentityJSON checks that id, a decoded identity, can be written as
// JSON (the command prints every credential the decoder accepts).
func checkIdentityJSON(t *testing.T, id *Identity) {
	t.Helper()
	b, err := json.Marshal(id)
	if err != nil {
		t.Fatalf("a decoded identity cannot be written as JSON: %v", err)
	}
	require.True(t, json.Valid(b))
}

// fuzzSeeds are the QR texts the decode fuzzers start from: the golden and
// idpass vectors, the specification's example, and the hostile-input
// fixture with every attack on it.
func fuzzSeeds(tb testing.TB) []string {
	tb.Helper()
	var texts []string
	for _, g := range vectors.Goldens() {
		texts = append(texts, g.Base45)
	}
	for _, v := range vectors.Idpass() {
		texts = append(texts, v.QR)
	}
	texts = append(texts, specText(tb), qrText(hSigned(tb)), qrText(hEncrypt0(tb, hEncProt, hSigned(tb))))
	// Specification 1.2.2: Brotli, and the uncompressed form some producers write.
	texts = append(texts, base45.EncodeToString(brotli.Compress(hSigned(tb))), base45.EncodeToString(hSigned(tb)))
	for _, c := range hostileCases(tb) {
		if len(c.text) <= DefaultMaxTextLength {
			texts = append(texts, c.text)
		}
	}
	return texts
}

// fuzzOracle decodes fuzzed credentials with every key of the seeds, and
// knows which contents those keys signed.
type fuzzOracle struct {
	// decs hold every verification key; each holds one of the decryption
	// keys, since a decoder uses only its first key of an algorithm.
	decs []*Decoder
	// signed maps each protected header and payload signed by a trusted key
	// to the encoding of the identity it carries.
	signed map[fuzzContent][]byte
	// values are identity values of the seeds: no error may contain one.
	values []string
}

type fuzzContent struct{ protected, payload string }

func newFuzzOracle(tb testing.TB, seeds []string) *fuzzOracle {
	tb.Helper()
	keys, aeads := fuzzKeys(tb)
	o := &fuzzOracle{signed: make(map[fuzzContent][]byte), values: hostileCanaries}
	for _, a := range aeads {
		o.decs = append(o.decs, hostileDecoderWith(tb, DecoderOptions{Keys: keys, DecryptionKeys: []cose.AEAD{a}}))
	}
	for _, text := range seeds {
		for _, dec := range o.decs {
			if res, err := dec.Inspect(text); err == nil && res.Sign1 != nil {
				o.learn(tb, res.Sign1, res.Identity)
			}
		}
	}
	// The goldens' records as signed before any tampering.
	for _, spec := range goldenSpecs() {
		if spec.golden.Record == nil || spec.payload != nil {
			continue
		}
		id, claims := goldenRecord(tb, spec.golden.Record)
		enc, err := NewEncoder(EncoderOptions{Signer: ed25519.NewKeyFromSeed(spec.golden.Seed),
			KeyID: []byte(spec.golden.Options.KeyID), KeyIDUnprotected: spec.golden.Options.KeyIDUnprotected})
		require.NoError(tb, err)
		stages, err := enc.Encode(id, claims)
		require.NoError(tb, err)
		s1, err := cose.ParseSign1(stages.Stages.COSE)
		require.NoError(tb, err)
		o.learn(tb, s1, id)
	}
	return o
}

func (o *fuzzOracle) learn(tb testing.TB, s1 *cose.Sign1, id *Identity) {
	tb.Helper()
	b, err := id.MarshalCBOR()
	require.NoError(tb, err)
	o.signed[fuzzContent{string(s1.RawProtected), string(s1.Payload)}] = b
	js, err := json.Marshal(id)
	require.NoError(tb, err)
	var m map[string]any
	require.NoError(tb, json.Unmarshal(js, &m))
	for _, v := range m {
		if s, ok := v.(string); ok && len(s) >= 6 && !strings.Contains(s, "=") {
			o.values = append(o.values, s)
		}
	}
}

// fuzzKeys returns the verification keys and the decryption keys of the
// seeds.
func fuzzKeys(tb testing.TB) ([]crypto.PublicKey, []cose.AEAD) {
	tb.Helper()
	keys := []crypto.PublicKey{hostileSigner.Public()}
	aeads := []cose.AEAD{hostileAEAD(tb)}
	seen := map[string]bool{string(hostileSigner.Public().(ed25519.PublicKey)): true}
	add := func(raw []byte, k crypto.PublicKey) {
		if !seen[string(raw)] {
			seen[string(raw)] = true
			keys = append(keys, k)
		}
	}
	for _, g := range vectors.Goldens() {
		add(g.PublicKey, ed25519.PublicKey(g.PublicKey))
	}
	for _, v := range vectors.Idpass() {
		if v.SigningKey != nil {
			raw := v.SigningKey.PublicKey
			if v.SigningKey.Algorithm == "ES256" {
				pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
				require.NoError(tb, err)
				add(raw, pub)
			} else {
				add(raw, ed25519.PublicKey(raw))
			}
		}
		if v.EncryptionKey != nil {
			raw := v.EncryptionKey.Key
			if !seen[string(raw)] {
				seen[string(raw)] = true
				alg, err := cose.ParseAlgorithm(v.EncryptionKey.Algorithm)
				require.NoError(tb, err)
				aead, err := cose.NewAEAD(alg, raw)
				require.NoError(tb, err)
				aeads = append(aeads, aead)
			}
		}
	}
	return keys, aeads
}

// check decodes text with every decoder of o and asserts: each error is an
// *Error with exactly one sentinel, no result and no identity data; Inspect
// never says Verified; DecodeUnverified says Verified exactly when Decode
// accepts, and Failed when Decode refuses what it accepts (the decoders
// all have keys); what Decode accepts, DecodeUnverified accepts with the
// same identity, and what DecodeUnverified accepts Inspect accepts; a
// Verified result carries a protected header and a payload that a trusted
// key signed, and their identity.
func (o *fuzzOracle) check(t *testing.T, text string) {
	for _, dec := range o.decs {
		res, err := dec.Decode(text)
		ures, uerr := dec.DecodeUnverified(text)
		ires, ierr := dec.Inspect(text)
		o.checkOutcome(t, res, err)
		o.checkOutcome(t, ures, uerr)
		o.checkOutcome(t, ires, ierr)
		if ierr == nil {
			require.Equal(t, Skipped, ires.Verification)
			o.checkResult(t, ires)
		}
		if uerr == nil {
			require.NoError(t, ierr, "Inspect refuses what DecodeUnverified accepts")
			requireSameIdentity(t, ires.Identity, ures.Identity)
			if err != nil {
				require.ErrorIs(t, err, ErrVerification, "Decode refuses what DecodeUnverified accepts")
				require.Equal(t, Failed, ures.Verification)
				require.Empty(t, ures.Trust)
			}
		}
		if err != nil {
			continue
		}
		require.Equal(t, Verified, res.Verification)
		require.Equal(t, TrustKey, res.Trust)
		require.NoError(t, uerr, "DecodeUnverified refuses what Decode accepts")
		require.Equal(t, Verified, ures.Verification)
		requireSameIdentity(t, ures.Identity, res.Identity)
		want, ok := o.signed[fuzzContent{string(res.Sign1.RawProtected), string(res.Sign1.Payload)}]
		require.True(t, ok, "verified a protected header and payload that no trusted key signed")
		got, err := res.Identity.MarshalCBOR()
		require.NoError(t, err)
		require.Equal(t, want, got, "verified, with another identity than the one signed")
	}
}

func (o *fuzzOracle) checkOutcome(t *testing.T, res *Result, err error) {
	t.Helper()
	if err == nil {
		require.NotNil(t, res)
		return
	}
	require.Nil(t, res, "a result with an error")
	var e *Error
	require.True(t, errors.As(err, &e), "not an *Error: %v", err)
	require.NotEmpty(t, e.Stage)
	assertOneSentinel(t, err)
	assertNoIdentityData(t, err.Error(), o.values)
}

// checkResult checks an accepted result: its parts are present, its
// identity re-encodes to itself and is writable as JSON.
func (o *fuzzOracle) checkResult(t *testing.T, res *Result) {
	t.Helper()
	require.NotNil(t, res.Identity)
	require.NotNil(t, res.Claims)
	again, err := res.Identity.MarshalCBOR()
	require.NoError(t, err)
	id2, _, err := ParseIdentity(again)
	require.NoError(t, err)
	requireSameIdentity(t, res.Identity, id2)
	_, err = json.Marshal(res.Claims)
	require.NoError(t, err)
	for _, w := range res.Warnings {
		assertNoIdentityData(t, w, o.values)
	}
	checkIdentityJSON(t, res.Identity)
}
