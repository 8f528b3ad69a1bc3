package strictcbor

import (
	"math"
	"math/big"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nan stands for a decoded NaN, which is not equal to itself.
type nan struct{}

func bigInt(s string) big.Int {
	var b big.Int
	if _, ok := b.SetString(s, 10); !ok {
		panic("bad big integer literal " + s)
	}
	return b
}

// appendixA holds examples of RFC 8949 Appendix A: the encoding, the value
// it decodes to, and the core deterministic encoding of that value when it
// differs from the example (indefinite lengths, wider floats, tags that
// decode to plain values).
var appendixA = []struct {
	diag      string
	hex       string
	want      any
	canonical string
}{
	{"0", "00", int64(0), ""},
	{"1", "01", int64(1), ""},
	{"10", "0a", int64(10), ""},
	{"23", "17", int64(23), ""},
	{"24", "1818", int64(24), ""},
	{"25", "1819", int64(25), ""},
	{"100", "1864", int64(100), ""},
	{"1000", "1903e8", int64(1000), ""},
	{"1000000", "1a000f4240", int64(1000000), ""},
	{"1000000000000", "1b000000e8d4a51000", int64(1000000000000), ""},
	{"18446744073709551615", "1bffffffffffffffff", bigInt("18446744073709551615"), ""},
	{"18446744073709551616", "c249010000000000000000", bigInt("18446744073709551616"), ""},
	{"-18446744073709551616", "3bffffffffffffffff", bigInt("-18446744073709551616"), ""},
	{"-18446744073709551617", "c349010000000000000000", bigInt("-18446744073709551617"), ""},
	{"-1", "20", int64(-1), ""},
	{"-10", "29", int64(-10), ""},
	{"-100", "3863", int64(-100), ""},
	{"-1000", "3903e7", int64(-1000), ""},
	{"0.0", "f90000", 0.0, ""},
	{"-0.0", "f98000", math.Copysign(0, -1), ""},
	{"1.0", "f93c00", 1.0, ""},
	{"1.1", "fb3ff199999999999a", 1.1, ""},
	{"1.5", "f93e00", 1.5, ""},
	{"65504.0", "f97bff", 65504.0, ""},
	{"100000.0", "fa47c35000", 100000.0, ""},
	{"3.4028234663852886e+38", "fa7f7fffff", 3.4028234663852886e+38, ""},
	{"1.0e+300", "fb7e37e43c8800759c", 1.0e+300, ""},
	{"5.960464477539063e-8", "f90001", 5.960464477539063e-8, ""},
	{"0.00006103515625", "f90400", 0.00006103515625, ""},
	{"-4.0", "f9c400", -4.0, ""},
	{"-4.1", "fbc010666666666666", -4.1, ""},
	{"Infinity", "f97c00", math.Inf(1), ""},
	{"NaN", "f97e00", nan{}, ""},
	{"-Infinity", "f9fc00", math.Inf(-1), ""},
	{"Infinity (float32)", "fa7f800000", math.Inf(1), "f97c00"},
	{"NaN (float32)", "fa7fc00000", nan{}, "f97e00"},
	{"-Infinity (float32)", "faff800000", math.Inf(-1), "f9fc00"},
	{"Infinity (float64)", "fb7ff0000000000000", math.Inf(1), "f97c00"},
	{"NaN (float64)", "fb7ff8000000000000", nan{}, "f97e00"},
	{"-Infinity (float64)", "fbfff0000000000000", math.Inf(-1), "f9fc00"},
	{"false", "f4", false, ""},
	{"true", "f5", true, ""},
	{"null", "f6", nil, ""},
	{"undefined (decodes to nil)", "f7", nil, "f6"},
	{"simple(16)", "f0", cbor.SimpleValue(16), ""},
	{"simple(255)", "f8ff", cbor.SimpleValue(255), ""},
	{`0("2013-03-21T20:04:00Z")`, "c074323031332d30332d32315432303a30343a30305a", "2013-03-21T20:04:00Z", "74323031332d30332d32315432303a30343a30305a"},
	{"1(1363896240)", "c11a514b67b0", "2013-03-21T20:04:00Z", "74323031332d30332d32315432303a30343a30305a"},
	{"1(1363896240.5)", "c1fb41d452d9ec200000", "2013-03-21T20:04:00.5Z", "76323031332d30332d32315432303a30343a30302e355a"},
	{"23(h'01020304')", "d74401020304", cbor.Tag{Number: 23, Content: []byte{1, 2, 3, 4}}, ""},
	{"24(h'6449455446')", "d818456449455446", cbor.Tag{Number: 24, Content: []byte("dIETF")}, ""},
	{`32("http://www.example.com")`, "d82076687474703a2f2f7777772e6578616d706c652e636f6d", cbor.Tag{Number: 32, Content: "http://www.example.com"}, ""},
	{"h''", "40", []byte{}, ""},
	{"h'01020304'", "4401020304", []byte{1, 2, 3, 4}, ""},
	{`""`, "60", "", ""},
	{`"a"`, "6161", "a", ""},
	{`"IETF"`, "6449455446", "IETF", ""},
	{`"\"\\"`, "62225c", `"\`, ""},
	{`"\u00fc"`, "62c3bc", "\u00fc", ""},
	{`"\u6c34"`, "63e6b0b4", "\u6c34", ""},
	{`"\ud800\udd51"`, "64f0908591", "\U00010151", ""},
	{"[]", "80", []any{}, ""},
	{"[1, 2, 3]", "83010203", []any{int64(1), int64(2), int64(3)}, ""},
	{"[1, [2, 3], [4, 5]]", "8301820203820405", nested123, ""},
	{"[1, ..., 25]", "98190102030405060708090a0b0c0d0e0f101112131415161718181819", oneTo25(), ""},
	{"{}", "a0", map[any]any{}, ""},
	{"{1: 2, 3: 4}", "a201020304", map[any]any{int64(1): int64(2), int64(3): int64(4)}, ""},
	{`{"a": 1, "b": [2, 3]}`, "a26161016162820203", map[any]any{"a": int64(1), "b": []any{int64(2), int64(3)}}, ""},
	{`["a", {"b": "c"}]`, "826161a161626163", []any{"a", map[any]any{"b": "c"}}, ""},
	{`{"a": "A", ..., "e": "E"}`, "a56161614161626142616361436164614461656145", map[any]any{"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}, ""},
	{"(_ h'0102', h'030405')", "5f42010243030405ff", []byte{1, 2, 3, 4, 5}, "450102030405"},
	{`(_ "strea", "ming")`, "7f657374726561646d696e67ff", "streaming", "6973747265616d696e67"},
	{"[_ ]", "9fff", []any{}, "80"},
	{"[_ 1, [2, 3], [_ 4, 5]]", "9f018202039f0405ffff", nested123, "8301820203820405"},
	{"[_ 1, [2, 3], [4, 5]]", "9f01820203820405ff", nested123, "8301820203820405"},
	{"[1, [2, 3], [_ 4, 5]]", "83018202039f0405ff", nested123, "8301820203820405"},
	{"[1, [_ 2, 3], [4, 5]]", "83019f0203ff820405", nested123, "8301820203820405"},
	{"[_ 1, ..., 25]", "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", oneTo25(), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"},
	{`{_ "a": 1, "b": [_ 2, 3]}`, "bf61610161629f0203ffff", map[any]any{"a": int64(1), "b": []any{int64(2), int64(3)}}, "a26161016162820203"},
	{`["a", {_ "b": "c"}]`, "826161bf61626163ff", []any{"a", map[any]any{"b": "c"}}, "826161a161626163"},
	// Re-encoding also sorts the keys: "Amt" (63416d74) before "Fun" (6346756e).
	{`{_ "Fun": true, "Amt": -2}`, "bf6346756ef563416d7421ff", map[any]any{"Fun": true, "Amt": int64(-2)}, "a263416d74216346756ef5"},
}

var nested123 = []any{int64(1), []any{int64(2), int64(3)}, []any{int64(4), int64(5)}}

func oneTo25() []any {
	out := make([]any, 25)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}

func TestAppendixA(t *testing.T) {
	for _, tt := range appendixA {
		t.Run(tt.diag, func(t *testing.T) {
			data := unhex(t, tt.hex)
			require.NoError(t, Valid(data))
			var got any
			require.NoError(t, Unmarshal(data, &got))
			if _, isNaN := tt.want.(nan); isNaN {
				f, ok := got.(float64)
				require.True(t, ok, "a float64, got %T", got)
				assert.True(t, math.IsNaN(f))
			} else {
				assert.Equal(t, tt.want, got)
			}

			canonical := tt.hex
			if tt.canonical != "" {
				canonical = tt.canonical
			}
			enc, err := Marshal(got)
			require.NoError(t, err)
			assert.Equal(t, unhex(t, canonical), enc, "core deterministic encoding")

			// The canonical form decodes to the same value and is a fixed point.
			var again any
			require.NoError(t, Unmarshal(enc, &again))
			reenc, err := Marshal(again)
			require.NoError(t, err)
			assert.Equal(t, enc, reenc)
		})
	}
}
