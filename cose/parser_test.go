package cose

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	dasio "github.com/dasio/base45"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/compress"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// parserCases are COSE messages (hex) on the edges of the parser: where a
// value is decoded by hand or left to strictcbor, and where the message is
// refused. Each is parsed as a COSE_Sign1 and as a COSE_Encrypt0.
var parserCases = []struct{ name, hex string }{
	{"minimal", "d2 84 43a10127 a0 41 00 40"},
	{"untagged, kid unprotected", "84 43a10127 a1 04 4131 43 010203 40"},
	{"empty protected", "84 40 a1 01 27 40 40"},
	{"protected empty map", "84 41a0 a0 40 40"},
	{"text labels", "84 43a10127 a2 6161 01 6162 f6 40 40"},
	{"indefinite text label", "84 43a10127 a1 7f 6161 ff 01 40 40"},
	{"invalid utf-8 text label", "84 43a10127 a1 61ff 01 40 40"},
	{"label beyond int64", "84 43a10127 a1 1bffffffffffffffff 01 40 40"},
	{"float label", "84 43a10127 a1 f93e00 01 40 40"},
	{"byte string label", "84 43a10127 a1 4101 01 40 40"},
	{"duplicate label", "84 43a10127 a2 04 4131 04 4132 40 40"},
	{"duplicate label encoded two ways", "84 43a10127 a2 04 4131 1804 4132 40 40"},
	{"duplicate text label, one indefinite", "84 43a10127 a2 6161 01 7f 6161 ff 02 40 40"},
	{"integer and text label alike", "84 43a10127 a2 01 01 6131 01 40 40"},
	{"label in both buckets", "84 43a10127 a1 01 27 40 40"},
	{"self-described tag on the payload", "84 43a10127 a0 d9d9f7 41 00 40"},
	{"self-described tag on the protected bucket", "84 d9d9f7 43a10127 a0 41 00 40"},
	{"self-described tag on the unprotected bucket", "84 43a10127 d9d9f7 a0 41 00 40"},
	{"self-described tag on the signature", "84 43a10127 a0 41 00 d9d9f7 40"},
	{"self-described tag twice on the payload", "84 43a10127 a0 d9d9f7 d9d9f7 41 00 40"},
	{"self-described tag around the message", "d9d9f7 84 43a10127 a0 41 00 40"},
	{"self-described tag on a label", "84 43a10127 a1 d9d9f7 04 4131 40 40"},
	{"self-described tag on a text label", "84 43a10127 a1 d9d9f7 6161 01 40 40"},
	{"date tag on a label", "84 43a10127 a1 c0 74 323031332d30332d32315432303a30343a30305a 01 40 40"},
	{"epoch tag on a label", "84 43a10127 a1 c1 1a514b67b0 01 40 40"},
	{"self-described tag on the protected alg", "84 46a101d9d9f727 a0 40 40"},
	{"self-described tag on a kid", "84 43a10127 a1 04 d9d9f7 4131 40 40"},
	{"self-described tag on an unknown value", "84 43a10127 a1 1863 d9d9f7 01 40 40"},
	{"self-described tag on an invalid bignum", "84 43a10127 a1 1863 d9d9f7 c2 01 40 40"},
	{"self-described tag on a crit label", "84 49a2 01 27 02 81 d9d9f7 01 a0 40 40"},
	{"self-described tag on an x5chain certificate", "84 43a10127 a1 1821 81 d9d9f7 4101 40 40"},
	{"self-described tag on an x5t value", "84 43a10127 a1 1822 82 2f d9d9f7 4101 40 40"},
	{"self-described tag on an x5u", "84 43a10127 a1 1823 d9d9f7 6175 40 40"},
	{"self-described tag on a tagged x5u", "84 43a10127 a1 1823 d9d9f7 d820 6175 40 40"},
	{"x5u under tag 32", "84 43a10127 a1 1823 d820 6175 40 40"},
	{"x5u under tag 33", "84 43a10127 a1 1823 d821 6175 40 40"},
	{"x5u under tag 32 twice", "84 43a10127 a1 1823 d820 d820 6175 40 40"},
	{"indefinite x5u", "84 43a10127 a1 1823 7f 6175 ff 40 40"},
	{"tag inside a header value", "84 43a10127 a1 1863 c1 01 40 40"},
	{"epoch tag on an unknown value", "84 43a10127 a1 1863 c1 01 40 40"},
	{"invalid epoch tag on an unknown value", "84 43a10127 a1 1863 c1 6161 40 40"},
	{"invalid bignum on an unknown value", "84 43a10127 a1 1863 c2 01 40 40"},
	{"invalid date on an unknown value", "84 43a10127 a1 1863 c0 01 40 40"},
	{"unknown tag on an unknown value", "84 43a10127 a1 1863 d9ffff 01 40 40"},
	{"invalid bignum inside a header value", "84 43a10127 a1 1863 81 c2 01 40 40"},
	{"invalid utf-8 inside a header value", "84 43a10127 a1 1863 61ff 40 40"},
	{"duplicate key inside a header value", "84 43a10127 a1 1863 a2 01 01 01 02 40 40"},
	{"bignum kid", "84 43a10127 a1 04 c2 4101 40 40"},
	{"indefinite payload", "84 43a10127 a0 5f 4100 ff 40"},
	{"indefinite array", "9f 43a10127 a0 41 00 40 ff"},
	{"indefinite array of three", "9f 43a10127 a0 41 00 ff"},
	{"indefinite array of five", "9f 43a10127 a0 41 00 40 40 ff"},
	{"indefinite unprotected bucket", "84 43a10127 bf 04 4131 ff 41 00 40"},
	{"indefinite protected bucket", "84 44bf0127ff a0 41 00 40"},
	{"indefinite protected byte string", "84 5f 42a101 4127 ff a0 41 00 40"},
	{"detached payload", "84 43a10127 a0 f6 40"},
	{"three elements", "83 43a10127 a0 40"},
	{"five elements", "85 43a10127 a0 40 40 40"},
	{"trailing byte", "84 43a10127 a0 40 40 00"},
	{"truncated", "84 43a10127 a0 40"},
	{"not an array", "a0"},
	{"empty", ""},
	{"wrong tag", "d0 84 43a10127 a0 40 40"},
	{"alg beyond int64", "84 4a a1 01 1bffffffffffffffff a0 40 40"},
	{"alg as text", "84 45 a1 01 62 4142 a0 40 40"},
	{"alg as empty text", "84 43 a1 01 60 a0 40 40"},
	{"kid as text", "84 43a10127 a1 04 6131 40 40"},
	{"content type beyond int64", "84 43a10127 a1 03 1bffffffffffffffff 40 40"},
	{"content type as indefinite text", "84 43a10127 a1 03 7f 6161 ff 40 40"},
	{"crit naming an unknown label", "84 4aa3 01 27 02 81 1863 1863 00 a0 40 40"},
	{"crit in the unprotected bucket", "84 43a10127 a1 02 81 01 40 40"},
	{"indefinite crit", "84 47a2 01 27 02 9f 01 ff a0 40 40"},
	{"x5chain of two", "84 43a10127 a1 1821 82 4101 4102 40 40"},
	{"indefinite x5chain", "84 43a10127 a1 1821 9f 4101 5f 4102 ff ff 40 40"},
	{"empty x5chain", "84 43a10127 a1 1821 80 40 40"},
	{"x5t of three", "84 43a10127 a1 1822 83 2f 4101 4101 40 40"},
	{"indefinite x5t", "84 43a10127 a1 1822 9f 6773686132353600 4101 ff 40 40"},
	{"IV and Partial IV", "84 43a10127 a2 05 4101 06 4101 40 40"},
	{"protected bucket with trailing byte", "84 44a1012700 a0 40 40"},
	{"protected bucket not a map", "84 4101 a0 40 40"},
	{"protected bucket with a duplicate label", "84 45a2012701 27 a0 40 40"},
	{"65 parameters", "84 40 b841" + params65() + " 40 40"},
	{"65 parameters, indefinite", "84 40 bf" + params65() + " ff 40 40"},
	{"nesting beyond the limit", "84 43a10127 a1 1863 " + strings.Repeat("81", 16) + "00 40 40"},
	{"encrypt0, minimal", "d0 83 43a10101 a1 05 4c000102030405060708090a0b 41 00"},
	{"encrypt0, untagged", "83 43a10101 a0 40"},
	{"encrypt0, detached", "83 43a10101 a0 f6"},
}

// params65 encodes 65 parameters 100..164 with null values.
func params65() string {
	var b strings.Builder
	for i := range 65 {
		fmt.Fprintf(&b, "18%02x f6 ", 100+i)
	}
	return b.String()
}

// TestParserMatchesOracle compares ParseSign1 and ParseEncrypt0 with the
// two-path parser they replaced on the cases above, the COSE working-group
// examples, the golden, idpass and specification credentials and the
// committed fuzz corpora.
func TestParserMatchesOracle(t *testing.T) {
	for _, tc := range parserCases {
		t.Run(tc.name, func(t *testing.T) {
			checkMatchesOracle(t, ts.Unhex(t, tc.hex))
		})
	}
	for _, data := range parserSeeds(t) {
		checkMatchesOracle(t, data)
	}
}

// FuzzParserMatchesOracle checks on arbitrary input that the parser decides
// as the two-path parser it replaced.
func FuzzParserMatchesOracle(f *testing.F) {
	for _, tc := range parserCases {
		f.Add(ts.Unhex(f, tc.hex))
	}
	for _, data := range parserSeeds(f) {
		f.Add(data)
	}
	f.Fuzz(checkMatchesOracle)
}

// checkMatchesOracle parses data as a COSE_Sign1 and as a COSE_Encrypt0
// with the parser and the oracle: both accept it with the same fields, or
// both refuse it with ErrMalformed. Only the sentinel of an error is
// compared: with several faults, they may name different ones first.
func checkMatchesOracle(t *testing.T, data []byte) {
	t.Helper()
	requireSameParse(t, data, ParseSign1, oracleParseSign1)
	requireSameParse(t, data, ParseEncrypt0, oracleParseEncrypt0)
}

// requireSameParse parses data with parse and with oracle, its oracle.
func requireSameParse[M Sign1 | Encrypt0](t *testing.T, data []byte, parse, oracle func([]byte) (*M, error)) {
	t.Helper()
	got, err := parse(data)
	want, oerr := oracle(data)
	if err != nil || oerr != nil {
		require.ErrorIs(t, err, ErrMalformed, "parse(%x); the oracle said %v", data, oerr)
		require.ErrorIs(t, oerr, ErrMalformed, "oracle(%x); the parser said %v", data, err)
		assert.Nil(t, got)
		return
	}
	require.Equal(t, want, got, "%x", data)
}

// parserSeeds returns the COSE messages the differential tests start from:
// every COSE working-group example, the golden credentials, the idpass
// credentials (decrypted too, when the key is published), the example of
// the specification and the committed fuzz corpora of this package.
func parserSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, group := range vectors.COSEWGGroups() {
		for _, ex := range vectors.COSEWG(group) {
			out = append(out, ex.Output)
		}
	}
	for _, g := range vectors.Goldens() {
		out = append(out, withoutCWTTag(g.COSE))
	}
	out = append(out, withoutCWTTag(vectors.SpecExampleCOSE()))
	for _, v := range vectors.Idpass() {
		out = append(out, idpassMessages(v)...)
	}
	for _, target := range []string{"FuzzParseSign1", "FuzzParseEncrypt0", "FuzzVerifySign1", "FuzzDecrypt", "FuzzParserMatchesOracle"} {
		out = append(out, ts.FuzzCorpus(tb, target)...)
	}
	return out
}

// withoutCWTTag strips the CWT tag 61 (d8 3d) from the front of data.
func withoutCWTTag(data []byte) []byte {
	if rest, ok := bytes.CutPrefix(data, []byte{0xd8, 0x3d}); ok {
		return rest
	}
	return data
}

// idpassMessages returns the COSE message of an idpass credential and,
// when it is a COSE_Encrypt0 whose key is published, the message inside.
// A credential that is not Base45 or zlib yields nothing.
func idpassMessages(v vectors.IdpassVector) [][]byte {
	raw, err := dasio.DecodeString(v.QR)
	if err != nil {
		return nil
	}
	msg, err := compress.Inflate(raw, compress.DefaultMaxSize)
	if err != nil {
		return nil
	}
	msg = withoutCWTTag(msg)
	out := [][]byte{msg}
	if v.EncryptionKey == nil {
		return out
	}
	alg, err := ParseAlgorithm(v.EncryptionKey.Algorithm)
	if err != nil {
		return out
	}
	aead, err := NewAEAD(alg, v.EncryptionKey.Key)
	if err != nil {
		return out
	}
	if e0, err := ParseEncrypt0(msg); err == nil {
		if plaintext, err := e0.Decrypt(aead, nil); err == nil {
			out = append(out, withoutCWTTag(plaintext))
		}
	}
	return out
}

// TestParseSign1Copies checks that a parsed message shares no memory with
// the input, and that the protected parameters do not alias RawProtected.
func TestParseSign1Copies(t *testing.T) {
	data, err := Sign(nil, testEd25519(), []byte("payload"), SignOptions{KeyID: []byte("k-1"), X5Chain: [][]byte{{1}, {2}}})
	require.NoError(t, err)
	for _, input := range [][]byte{data, ts.Unhex(t, "d28443a10127a10441315f4100ff40")} {
		msg := requireParse(t, ParseSign1, input, nil)
		want, err := oracleParseSign1(input)
		require.NoError(t, err)
		for i := range input {
			input[i] ^= 0xff
		}
		assert.Equal(t, want, msg, "unchanged by a change of the input")
		for i := range msg.RawProtected {
			msg.RawProtected[i] ^= 0xff
		}
		assert.Equal(t, want.Protected, msg.Protected, "unchanged by a change of RawProtected")
	}
}

// TestSelfDescribedTagNotSkipped pins the one change from the parser
// before: a self-described CBOR tag (55799) is an ordinary tag. Where RFC
// 9052 gives a type (an element of the array, a label, the value of a
// parameter this package decodes) a tagged item is malformed; the two-path
// parser skipped the tag there, and took a date or epoch tag around a label
// for a text label. The value of a parameter this package does not process
// may be tagged, and is kept with its tag.
func TestSelfDescribedTagNotSkipped(t *testing.T) {
	sd := func(item []byte) []byte { return ts.Tag(55799, item) }
	alg, kid := ts.Map(ts.Int(1), ts.Int(-8)), ts.Bytes([]byte("k"))
	sign1 := func(protected, unprotected, payload, signature []byte) []byte {
		return ts.Array(protected, unprotected, payload, signature)
	}
	refused := map[string][]byte{
		"protected bucket":   sign1(sd(ts.Bytes(alg)), ts.Map(), ts.Bytes(nil), ts.Bytes(nil)),
		"unprotected bucket": sign1(ts.Bytes(alg), sd(ts.Map()), ts.Bytes(nil), ts.Bytes(nil)),
		"payload":            sign1(ts.Bytes(alg), ts.Map(), sd(ts.Bytes(nil)), ts.Bytes(nil)),
		"signature":          sign1(ts.Bytes(alg), ts.Map(), ts.Bytes(nil), sd(ts.Bytes(nil))),
		"label":              sign1(ts.Bytes(alg), ts.Map(sd(ts.Int(4)), kid), ts.Bytes(nil), ts.Bytes(nil)),
		"date tag on a label": sign1(ts.Bytes(alg), ts.Map(ts.Tag(0, ts.Text("2013-03-21T20:04:00Z")), ts.Int(1)),
			ts.Bytes(nil), ts.Bytes(nil)),
		"alg":         sign1(ts.Bytes(ts.Map(ts.Int(1), sd(ts.Int(-8)))), ts.Map(), ts.Bytes(nil), ts.Bytes(nil)),
		"kid":         sign1(ts.Bytes(alg), ts.Map(ts.Int(4), sd(kid)), ts.Bytes(nil), ts.Bytes(nil)),
		"crit label":  sign1(ts.Bytes(ts.Map(ts.Int(1), ts.Int(-8), ts.Int(2), ts.Array(sd(ts.Int(1))))), ts.Map(), ts.Bytes(nil), ts.Bytes(nil)),
		"certificate": sign1(ts.Bytes(alg), ts.Map(ts.Int(33), ts.Array(sd(ts.Bytes([]byte{1})))), ts.Bytes(nil), ts.Bytes(nil)),
		"x5u":         sign1(ts.Bytes(alg), ts.Map(ts.Int(35), sd(ts.Tag(32, ts.Text("u")))), ts.Bytes(nil), ts.Bytes(nil)),
	}
	for name, data := range refused {
		msg, err := ParseSign1(data)
		require.ErrorIs(t, err, ErrMalformed, name)
		assert.Nil(t, msg, name)
	}
	kept := sd(ts.Int(1))
	msg := requireParse(t, ParseSign1, sign1(ts.Bytes(alg), ts.Map(ts.Int(99), kept), ts.Bytes(nil), ts.Bytes(nil)), nil)
	assert.Equal(t, []Param{{Label: IntLabel(99), Value: kept}}, msg.Unprotected.Params(), "kept with its tag")
}

func TestIdentify(t *testing.T) {
	sign1, err := Sign(nil, testEd25519(), []byte("p"), SignOptions{})
	require.NoError(t, err)
	enc0, err := Encrypt(nil, testAEAD(t, A128GCM), []byte("p"), EncryptOptions{})
	require.NoError(t, err)
	cases := []struct {
		name    string
		data    []byte
		want    MessageType
		wantErr bool
	}{
		{name: "Sign1 tagged", data: sign1, want: TypeSign1},
		{name: "Sign1 untagged", data: sign1[1:], want: TypeSign1},
		{name: "Encrypt0 tagged", data: enc0, want: TypeEncrypt0},
		{name: "Encrypt0 untagged", data: enc0[1:], want: TypeEncrypt0},
		{name: "Sign1 long-form tag", data: append([]byte{0xd8, 0x12}, sign1[1:]...), want: TypeSign1},
		{name: "tag only", data: []byte{0xd2}, wantErr: true},
		{name: "tag 18 around a map", data: []byte{0xd2, 0xa0}, wantErr: true},
		{name: "tag 61", data: append([]byte{0xd8, 0x3d}, sign1...), wantErr: true},
		{name: "tag 96 (COSE_Encrypt)", data: []byte{0xd8, 0x60, 0x84}, wantErr: true},
		{name: "bare CWT map", data: []byte{0xa1, 0x01, 0x60}, wantErr: true},
		{name: "array of 2", data: []byte{0x82, 0x40, 0xa0}, wantErr: true},
		{name: "array of 5", data: []byte{0x85}, wantErr: true},
		{name: "indefinite array", data: []byte{0x9f}, wantErr: true},
		{name: "empty", data: nil, wantErr: true},
		{name: "not CBOR", data: []byte{0xfc}, wantErr: true},
		{name: "truncated head", data: []byte{0xd9, 0x00}, wantErr: true},
		{name: "text", data: []byte("HC1:NCF"), wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Identify(tc.data)
			if tc.wantErr {
				require.ErrorIs(t, err, ErrMalformed)
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, "COSE_Sign1", TypeSign1.String())
	assert.Equal(t, "COSE_Encrypt0", TypeEncrypt0.String())
	assert.Equal(t, "MessageType(9)", MessageType(9).String())
}
