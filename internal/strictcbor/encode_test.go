package strictcbor

import (
	"math"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMarshalShortestIntegers(t *testing.T) {
	tests := []struct {
		name  string
		value any
		hex   string
	}{
		{"0", 0, "00"},
		{"23", 23, "17"},
		{"24", 24, "1818"},
		{"255", 255, "18ff"},
		{"256", 256, "190100"},
		{"65535", 65535, "19ffff"},
		{"65536", 65536, "1a00010000"},
		{"2^32-1", uint32(math.MaxUint32), "1affffffff"},
		{"2^32", int64(1) << 32, "1b0000000100000000"},
		{"2^64-1", uint64(math.MaxUint64), "1bffffffffffffffff"},
		{"-1", -1, "20"},
		{"-24", -24, "37"},
		{"-25", -25, "3818"},
		{"-256", -256, "38ff"},
		{"-257", -257, "390100"},
		{"-2^63", int64(math.MinInt64), "3b7fffffffffffffff"},
		{"int8", int8(-128), "387f"},
		{"uint16 small", uint16(1), "01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.value)
			require.NoError(t, err)
			assert.Equal(t, unhex(t, tt.hex), got)
		})
	}
}

func TestMarshalShortestLengths(t *testing.T) {
	tests := []struct {
		name   string
		value  any
		header string
	}{
		{"23-byte string", make([]byte, 23), "57"},
		{"24-byte string", make([]byte, 24), "5818"},
		{"256-byte string", make([]byte, 256), "590100"},
		{"24-character text", strings.Repeat("a", 24), "7818"},
		{"23-element array", make([]int, 23), "97"},
		{"24-element array", make([]int, 24), "9818"},
		{"24-pair map", func() map[int]int {
			m := map[int]int{}
			for i := range 24 {
				m[i] = 0
			}
			return m
		}(), "b818"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.value)
			require.NoError(t, err)
			header := unhex(t, tt.header)
			assert.Equal(t, header, got[:len(header)])
		})
	}
}

func TestMarshalFloats(t *testing.T) {
	tests := []struct {
		name  string
		value any
		hex   string
	}{
		{"1.0 stays a float", 1.0, "f93c00"},
		{"1.5 as float16", 1.5, "f93e00"},
		{"float32 1.5 as float16", float32(1.5), "f93e00"},
		{"largest float16", 65504.0, "f97bff"},
		{"65505 needs float32", 65505.0, "fa477fe100"},
		{"smallest float16 subnormal", 5.960464477539063e-8, "f90001"},
		{"half that needs float32", 5.960464477539063e-8 / 2, "fa33000000"},
		{"100000 as float32", 100000.0, "fa47c35000"},
		{"1.1 needs float64", 1.1, "fb3ff199999999999a"},
		{"largest float64", math.MaxFloat64, "fb7fefffffffffffff"},
		{"smallest float64 subnormal", math.SmallestNonzeroFloat64, "fb0000000000000001"},
		{"negative zero", math.Copysign(0, -1), "f98000"},
		{"+Inf as float16", math.Inf(1), "f97c00"},
		{"-Inf as float16", math.Inf(-1), "f9fc00"},
		{"NaN as f97e00", math.NaN(), "f97e00"},
		{"NaN with a payload as f97e00", math.Float64frombits(0x7ff0000000000001), "f97e00"},
		{"negative NaN as f97e00", math.Float64frombits(0xfff8000000000000), "f97e00"},
		{"float32 NaN as f97e00", float32(math.NaN()), "f97e00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Marshal(tt.value)
			require.NoError(t, err)
			assert.Equal(t, unhex(t, tt.hex), got)
		})
	}
}

// TestMarshalSortsKeysBytewise checks the key order of RFC 8949 §4.2.1:
// 10, 100, -1, "z", "aa", [100], [-1], false, by their encodings 0a, 1864,
// 20, 617a, 626161, 811864, 8120, f4.
func TestMarshalSortsKeysBytewise(t *testing.T) {
	m := map[any]any{
		false:         7,
		[1]int64{-1}:  6,
		[1]int64{100}: 5,
		"aa":          4,
		"z":           3,
		int64(-1):     2,
		int64(100):    1,
		int64(10):     0,
	}
	want := unhex(t, "a8 0a00 186401 2002 617a03 62616104 81186405 812006 f407")
	for range 20 { // Go randomizes map iteration
		got, err := Marshal(m)
		require.NoError(t, err)
		require.Equal(t, want, got)
	}
}

func TestMarshalSortsIntegerLabels(t *testing.T) {
	// The shape of a Claim 169 or CWT map: negative labels after all
	// positive ones, longer encodings after shorter ones.
	m := map[int64]cbor.RawMessage{
		-70000: unhex(t, "00"),
		-1:     unhex(t, "00"),
		169:    unhex(t, "00"),
		24:     unhex(t, "00"),
		10:     unhex(t, "00"),
		1:      unhex(t, "00"),
	}
	got, err := Marshal(m)
	require.NoError(t, err)
	assert.Equal(t, unhex(t, "a6 0100 0a00 181800 18a900 2000 3a0001116f00"), got)
}

func TestMarshalDefiniteLengths(t *testing.T) {
	var v any
	require.NoError(t, Unmarshal(unhex(t, "bf 01 5f 4101 4102 ff 02 7f 6161 ff 03 9f 9f ff ff ff"), &v))
	got, err := Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, unhex(t, "a3 01 420102 02 6161 03 8180"), got)
	assert.NotContains(t, got, byte(0xff), "no break code")
}

func TestMarshalRefusesUnencodable(t *testing.T) {
	_, err := Marshal(make(chan int))
	require.ErrorAs(t, err, errorAs[*cbor.UnsupportedTypeError]())
	_, err = Marshal(func() {})
	require.Error(t, err)
}
