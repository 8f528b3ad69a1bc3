package cborscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readCases are items on the edges of the Read functions.
var readCases = []struct {
	name string
	hex  string
}{
	{"text", "6449455446"},
	{"empty text", "60"},
	{"text, invalid utf-8", "62c328"},
	{"indefinite text", "7f 657374726561 646d696e67 ff"},
	{"indefinite text, invalid utf-8 chunk", "7f 61ff ff"},
	{"indefinite text, no chunks", "7f ff"},
	{"text, truncated", "6449"},
	{"text, a byte after it", "6161 00"},
	{"bytes", "4401020304"},
	{"empty bytes", "40"},
	{"indefinite bytes", "5f 420102 43030405 ff"},
	{"indefinite bytes, no chunks", "5f ff"},
	{"indefinite bytes, a text chunk", "5f 6161 ff"},
	{"bytes, a byte after them", "4101 02"},
	{"integer 0", "00"},
	{"integer, one-byte argument", "1818"},
	{"integer, non-shortest", "1b0000000000000001"},
	{"largest int64", "1b7fffffffffffffff"},
	{"beyond int64", "1b8000000000000000"},
	{"smallest int64", "3b7fffffffffffffff"},
	{"below int64", "3b8000000000000000"},
	{"integer, truncated head", "19 01"},
	{"integer, a byte after it", "01 02"},
	{"self-described text", "d9d9f7 6161"},
	{"tag 1 around an integer", "c1 01"},
	{"tag without content", "c1"},
	{"null", "f6"},
	{"undefined", "f7"},
	{"half float", "f93c00"},
	{"array", "8101"},
	{"reserved additional information", "7c"},
}

func TestReadAgreesWithStrictcbor(t *testing.T) {
	for _, tc := range readCases {
		t.Run(tc.name, func(t *testing.T) {
			checkRead(t, unhex(t, tc.hex))
		})
	}
}

func TestReadValues(t *testing.T) {
	s, ok := ReadText(unhex(t, "7f 657374726561 646d696e67 ff"))
	require.True(t, ok)
	assert.Equal(t, "streaming", s)

	raw := unhex(t, "4401020304 ff")
	b, ok := ReadBytes(raw[:5])
	require.True(t, ok)
	assert.Equal(t, []byte{1, 2, 3, 4}, b)
	assert.Equal(t, len(b), cap(b), "capped")
	b, ok = ReadBytes(unhex(t, "40"))
	require.True(t, ok)
	assert.NotNil(t, b)
	b, ok = ReadBytes(unhex(t, "5f ff"))
	require.True(t, ok)
	assert.NotNil(t, b)

	n, ok := ReadInt(unhex(t, "3b7fffffffffffffff"))
	require.True(t, ok)
	assert.Equal(t, int64(-1<<63), n)

	number, content, ok := ReadTag(unhex(t, "d9d9f7 c1 01"))
	require.True(t, ok)
	assert.Equal(t, uint64(55799), number, "never skipped")
	assert.Equal(t, unhex(t, "c101"), content)
	assert.Equal(t, len(content), cap(content), "capped")
	_, _, ok = ReadTag(unhex(t, "01"))
	assert.False(t, ok)
}

func TestDescribe(t *testing.T) {
	for hex, want := range map[string]string{
		"00": "an integer", "20": "an integer", "40": "a byte string", "60": "a text string",
		"80": "an array", "a0": "a map", "c101": "a tagged item", "f6": "a simple value or float",
		"f93c00": "a simple value or float", "": "empty",
	} {
		assert.Equal(t, want, Describe(unhex(t, hex)), hex)
	}
	assert.NotContains(t, Describe(unhex(t, "6673656372657401")), "secret")
}

func TestMajorType(t *testing.T) {
	assert.Equal(t, MajorNone, MajorType(nil))
	assert.Equal(t, MajorMap, MajorType(unhex(t, "a0")))
	assert.Equal(t, MajorSimple, MajorType(unhex(t, "ff")))
}
