package claim169

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// parserCases are identity maps (hex) on the edges of ParseIdentity: where a
// value is decoded by hand or left to strictcbor, and where the identity is
// refused.
var parserCases = []struct {
	name string
	hex  string
}{
	{"empty map", "a0"},
	{"text and integer", "a2 04 624a53 09 01"},
	{"negative and large unknown keys", "a2 20 01 1b7fffffffffffffff 02"},
	{"empty photo", "a1 10 40"},
	{"indefinite photo", "a1 10 5f 4101 4102 ff"},
	{"gender as numeric text", "a1 09 6131"},
	{"gender as text with a sign", "a1 09 622b31"},
	{"gender beyond int64", "a1 09 1bffffffffffffffff"},
	{"gender as a float", "a1 09 f93e00"},
	{"face as a single map", "a1 183e a2 00 4101 01 00"},
	{"face entry with an unknown key", "a1 183e 81 a1 07 01"},
	{"face entry with text data", "a1 183e 81 a1 00 6161"},
	{"face entry not a map", "a1 183e 81 01"},
	{"face entry with an issuer", "a1 183e 81 a2 00 4101 03 6149"},
	{"face entry with invalid utf-8 issuer", "a1 183e 81 a1 03 61ff"},
	{"face entry with a negative key", "a1 183e 81 a1 20 01"},
	{"indefinite face array and entry", "a1 183e 9f bf 00 4101 ff ff"},
	{"indefinite face entry with a key and no value", "a1 183e 81 bf 00 ff"},
	{"fingers", "a1 12 83 00 05 0b"},
	{"empty fingers", "a1 12 80"},
	{"indefinite fingers", "a1 12 9f 01 02 ff"},
	{"empty indefinite fingers", "a1 12 9f ff"},
	{"invalid utf-8 in a known text field", "a1 04 62c328"},
	{"indefinite full name", "a1 04 7f 6141 6142 ff"},
	{"indefinite full name, invalid utf-8", "a1 04 7f 61ff ff"},
	{"invalid utf-8 inside an unknown value", "a1 1863 81 61ff"},
	{"duplicate key inside an unknown value", "a1 1863 a2 01 01 01 02"},
	{"unknown value with a float key", "a1 1863 a1 f93e00 01"},
	{"mistyped full name", "a2 04 01 01 6158"},
	{"trailing byte", "a1 04 6141 ff"},
	{"not a map", "8101"},
	{"null", "f6"},
	{"empty", ""},
	{"text key", "a1 6161 01"},
	{"key beyond int64", "a1 1bffffffffffffffff 01"},
	{"tagged key", "a1 c1 04 6141"},
	{"tag around the map", "c1 a1 04 6141"},
	{"duplicate key", "a2 04 6161 04 6162"},
	{"duplicate key encoded two ways", "a2 04 6161 1804 6162"},
	{"duplicate negative key", "a2 20 01 20 02"},
	{"duplicate key beyond 127", "a2 1903e8 01 1903e8 02"},
	{"duplicate key in a face entry", "a1 183e 81 a2 00 4101 00 4102"},
	{"duplicate key in a single face map", "a1 183e a2 01 00 01 01"},
	{"duplicate unknown key in a face entry", "a1 183e 81 a2 07 01 07 02"},
	{"text key in a face entry", "a1 183e 81 a1 6161 01"},
	{"null finger", "a1 12 81 f6"},
	{"text finger", "a1 12 81 6131"},
	{"finger beyond int64", "a1 12 81 1bffffffffffffffff"},
	{"indefinite text", "a1 04 7f 6141 ff"},
	{"indefinite map", "bf 04 6141 ff"},
	{"indefinite map with a duplicate key", "bf 04 6141 04 6142 ff"},
	{"self-described tag on a value", "a1 04 d9d9f7 6141"},
	{"self-described tag on a face entry", "a1 183e 81 d9d9f7 a1 00 4101"},
	{"tag inside an unknown value", "a1 1863 81 c1 01"},
	{"invalid bignum inside an unknown value", "a1 1863 81 c2 01"},
	{"invalid date inside a face entry", "a1 183e 81 a1 00 c0 6161"},
	{"nesting beyond the limit", "a1 1863 " + strings.Repeat("81", 16) + "00"},
}

// TestParserMatchesOracle compares ParseIdentity with the generic parser it
// replaced on the cases above, the golden vectors, every identity the
// decode fuzzers start from (the golden, idpass and hostile credentials)
// and the committed fuzz corpus.
func TestParserMatchesOracle(t *testing.T) {
	for _, data := range parserIdentities(t) {
		checkMatchesOracle(t, data)
	}
}

// FuzzParserMatchesOracle checks on arbitrary input that ParseIdentity
// decides as the generic parser does.
func FuzzParserMatchesOracle(f *testing.F) {
	for _, data := range parserIdentities(f) {
		f.Add(data)
	}
	f.Fuzz(checkMatchesOracle)
}

// checkMatchesOracle decodes data with ParseIdentity and the oracle: both
// accept it with the same identity and the same warnings, or both refuse it
// with ErrMalformed and nothing else. Only the sentinel of an error is
// compared: with several faults, they may name different ones first.
func checkMatchesOracle(t *testing.T, data []byte) {
	t.Helper()
	id, warnings, err := ParseIdentity(data)
	oid, owarnings, oerr := oracleParseIdentity(data)
	if err != nil || oerr != nil {
		require.ErrorIs(t, err, ErrMalformed, "ParseIdentity(%x); the oracle said %v", data, oerr)
		require.ErrorIs(t, oerr, ErrMalformed, "oracle(%x); ParseIdentity said %v", data, err)
		assert.Nil(t, id)
		assert.Nil(t, warnings)
		return
	}
	require.Equal(t, oid, id, "%x", data)
	require.Equal(t, owarnings, warnings, "%x", data)
}

// parserIdentities returns the identity maps the differential tests start
// from.
func parserIdentities(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, tc := range parserCases {
		out = append(out, ts.Unhex(tb, tc.hex))
	}
	out = append(out, realIdentities(tb)...)
	_, aeads := fuzzKeys(tb)
	for _, text := range fuzzSeeds(tb) {
		if data, ok := identityOf(text, aeads); ok {
			out = append(out, data)
		}
	}
	return append(out, ts.FuzzCorpus(tb, "FuzzParseIdentity")...)
}

// realIdentities returns the identity maps of the golden vectors and of a
// marshalled full identity.
func realIdentities(tb testing.TB) [][]byte {
	tb.Helper()
	out := [][]byte{mustCBOR(tb, fullIdentity())}
	for _, g := range vectors.Goldens() {
		if g.Expect != "verified" {
			continue
		}
		out = append(out, g.Claim169)
	}
	return out
}

// identityOf returns the identity map carried by QR text, opening a
// COSE_Encrypt0 with the first of aeads that can, or false when any stage
// before the identity fails.
func identityOf(text string, aeads []cose.AEAD) ([]byte, bool) {
	raw, err := base45.DecodeString(text)
	if err != nil {
		return nil, false
	}
	msg, err := compress.Inflate(raw, compress.DefaultMaxSize)
	if err != nil {
		return nil, false
	}
	if msg, _, err = cwt.Untag(msg); err != nil {
		return nil, false
	}
	if e0, err := cose.ParseEncrypt0(msg); err == nil {
		for _, a := range aeads {
			if plaintext, err := e0.Decrypt(a, nil); err == nil {
				msg, _, _ = cwt.Untag(plaintext)
				break
			}
		}
	}
	payload := msg
	if s1, err := cose.ParseSign1(msg); err == nil {
		payload = s1.Payload
	}
	claims, _, err := cwt.Parse(payload)
	if err != nil {
		return nil, false
	}
	data, _, err := unwrapIdentity(claims.Extra[cwt.KeyClaim169])
	return data, err == nil
}

// oracleParseIdentity is the generic identity parser that ParseIdentity
// replaced, kept only as the oracle of the differential tests. It decides in
// a different way: strictcbor.Unmarshal decodes the whole map first (well-
// formed, within the limits, no duplicate keys at any depth, UTF-8 text,
// valid tag contents), and only then are the items walked as received with
// cborscan.Items. It shares with ParseIdentity the leaf decoders of one
// scalar or one biometric pair, the handling of a single Biometrics map
// (decodeBiometricsWith, given the oracle's decoders), and the warnings.
func oracleParseIdentity(data []byte) (*Identity, []string, error) {
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map", ErrMalformed)
	}
	var v any
	if err := strictcbor.Unmarshal(data, &v); err != nil {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map: %s", ErrMalformed, strictcbor.Reason(err))
	}
	items, ok := cborscan.Items(data)
	if !ok {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map", ErrMalformed)
	}
	p := identityParser{id: new(Identity)}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := oracleIntItem(items[i])
		if !ok {
			return nil, nil, fmt.Errorf("%w: identity keys must be integers", ErrMalformed)
		}
		if err := p.oracleAdd(Field(k), items[i+1]); err != nil {
			return nil, nil, err
		}
	}
	return p.finish()
}

// oracleIntItem returns raw as an integer within int64 when raw is exactly
// one untagged integer.
func oracleIntItem(raw []byte) (int64, bool) {
	h, ok := cborscan.ReadHead(raw)
	if !ok || (h.Major != cborscan.MajorUint && h.Major != cborscan.MajorNegInt) || h.Len != len(raw) {
		return 0, false
	}
	return h.Int()
}

// oracleAdd decodes raw, the value of key k, into its field, or keeps it
// raw in Unknown as ParseIdentity does.
func (p *identityParser) oracleAdd(k Field, raw []byte) error {
	f := lookupField(k)
	var fw []string
	decoded := f != nil && f.oracleDecode(p.id, raw, &fw)
	return p.record(k, f, raw, decoded, fw)
}

// oracleDecode stores raw into field f of id and reports whether raw's type
// agrees with the table: with the oracle's decoders of an integer array and
// of a Biometrics field, and ParseIdentity's of a scalar.
func (f *field) oracleDecode(id *Identity, raw []byte, warnings *[]string) bool {
	switch f.kind {
	case kindInts:
		return f.oracleFingers(id, raw, warnings)
	case kindBiometrics:
		return f.decodeBiometricsWith(id, raw, warnings, oracleBiometricsArray, oracleBiometric)
	}
	return f.decode(id, raw, warnings)
}

func (f *field) oracleFingers(id *Identity, raw []byte, warnings *[]string) bool {
	if cborscan.MajorType(raw) != cborscan.MajorArray {
		return false
	}
	items, ok := cborscan.Items(raw)
	if !ok {
		return false
	}
	v := make([]int64, len(items))
	for i, item := range items {
		if v[i], ok = oracleIntItem(item); !ok {
			return false
		}
	}
	f.setFingers(id, v, warnings)
	return true
}

// oracleBiometricsArray decodes an array of Biometrics maps.
func oracleBiometricsArray(raw []byte) (out []biometrics.Biometric, ok bool) {
	entries, ok := cborscan.Items(raw)
	if !ok {
		return nil, false
	}
	out = make([]biometrics.Biometric, 0, len(entries))
	for _, e := range entries {
		b, ok := oracleBiometric(e)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// oracleBiometric decodes one Biometrics map; strictcbor has refused
// duplicate keys already.
func oracleBiometric(raw []byte) (b biometrics.Biometric, ok bool) {
	if cborscan.MajorType(raw) != cborscan.MajorMap {
		return b, false
	}
	items, ok := cborscan.Items(raw)
	if !ok {
		return b, false
	}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := oracleIntItem(items[i])
		if !ok || !setBiometric(&b, k, items[i+1]) {
			return b, false
		}
	}
	return b, true
}
