package claim169

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics"
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
		if len(warnings) == 0 && fuzzCanonical(data) && !bytes.Equal(data, again) {
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

// fuzzCanonical reports whether data is in the core deterministic encoding:
// decoding it and encoding the value again gives the same bytes.
func fuzzCanonical(data []byte) bool {
	var v any
	if strictcbor.Unmarshal(data, &v) != nil {
		return false
	}
	again, err := strictcbor.Marshal(v)
	return err == nil && bytes.Equal(again, data)
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
