package cborscan

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
)

func TestLenWellFormed(t *testing.T) {
	for _, tt := range wellFormed {
		t.Run(tt.name, func(t *testing.T) {
			data := unhex(t, tt.hex)
			require.NoError(t, strictcbor.Valid(data), "the vector is valid")
			n, ok := Len(data)
			require.True(t, ok)
			assert.Equal(t, len(data), n)
			n, ok = Len(append(bytes.Clone(data), 0x01, 0xff))
			assert.True(t, ok)
			assert.Equal(t, len(data), n, "what follows the item is ignored")
			assert.Equal(t, tt.plain, Plain(data))
			assert.False(t, Plain(append(bytes.Clone(data), 0x00)), "plain means exactly one item")
		})
	}
}

func TestLenMalformed(t *testing.T) {
	for _, tt := range malformed {
		t.Run(tt.name, func(t *testing.T) {
			data := unhex(t, tt.hex)
			require.Error(t, strictcbor.Valid(data), "the vector is invalid")
			n, ok := Len(data)
			assert.False(t, ok)
			assert.Zero(t, n)
			assert.False(t, Plain(data))
			items, ok := Items(data)
			assert.False(t, ok)
			assert.Nil(t, items)
		})
	}
}

// Len follows exactly the nesting strictcbor accepts: a tag directly
// enclosing a tag is a level, a tag around anything else is not.
func TestDepth(t *testing.T) {
	deepest := []string{
		strings.Repeat("81", MaxDepth) + "00",
		strings.Repeat("c1", MaxDepth+1) + "00",
		strings.Repeat("c181", MaxDepth) + "00",
	}
	for _, h := range deepest {
		data := unhex(t, h)
		require.NoError(t, strictcbor.Valid(data))
		n, ok := Len(data)
		assert.True(t, ok)
		assert.Equal(t, len(data), n)
	}
	for _, h := range []string{strings.Repeat("81", MaxDepth+1) + "00", strings.Repeat("c1", MaxDepth+2) + "00"} {
		data := unhex(t, h)
		require.Error(t, strictcbor.Valid(data))
		_, ok := Len(data)
		assert.False(t, ok)
	}
}

func TestItems(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want []string
	}{
		{"array", "83 01 820203 6161", []string{"01", "820203", "6161"}},
		{"map", "a2 01 f6 6161 c101", []string{"01", "f6", "6161", "c101"}},
		{"empty array", "80", []string{}},
		{"indefinite array", "9f 01 9f02ff ff", []string{"01", "9f02ff"}},
		{"indefinite map", "bf 01 02 ff", []string{"01", "02"}},
		{"empty indefinite map", "bf ff", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := unhex(t, tt.hex)
			items, ok := Items(append(data, 0x00))
			require.True(t, ok)
			var want [][]byte
			if tt.want != nil {
				want = [][]byte{}
			}
			for _, w := range tt.want {
				want = append(want, unhex(t, w))
			}
			assert.Equal(t, want, items)
			for _, it := range items {
				assert.Equal(t, len(it), cap(it), "capped")
			}
		})
	}
	for _, notContainer := range []string{"01", "6161", "c180"} {
		_, ok := Items(unhex(t, notContainer))
		assert.False(t, ok, notContainer)
	}
}

func TestSplit(t *testing.T) {
	data := unhex(t, "8201 02 6161 ff")
	var items [][]byte
	for rest := data; len(rest) > 1; {
		item, r, ok := Split(rest)
		require.True(t, ok)
		assert.Equal(t, len(item), cap(item), "capped")
		items, rest = append(items, item), r
	}
	assert.Equal(t, [][]byte{unhex(t, "820102"), unhex(t, "6161")}, items)
	item, rest, ok := Split(unhex(t, "ff"))
	assert.False(t, ok)
	assert.Nil(t, item)
	assert.Nil(t, rest)
}

// manyItems returns an array of exactly n items, the array included: arrays
// of at most 1023 copies of item, a one-head item, and item to fill up.
func manyItems(n int, item byte) []byte {
	var inner []byte
	outer := 0
	for left := n - 1; left > 0; outer++ {
		k := min(left-1, 1023)
		inner = append(AppendHead(inner, MajorArray, uint64(k)), bytes.Repeat([]byte{item}, k)...)
		left -= k + 1
	}
	return append(AppendHead(nil, MajorArray, uint64(outer)), inner...)
}

// Len, Plain and Items follow at most MaxItems items, strictcbor's bound
// counted as strictcbor counts it.
func TestMaxItems(t *testing.T) {
	for _, item := range []byte{0x00, 0x80, 0xa0, 0xf6} {
		at, over := manyItems(MaxItems, item), manyItems(MaxItems+1, item)
		require.NoError(t, strictcbor.Valid(at))
		n, ok := Len(at)
		assert.True(t, ok)
		assert.Equal(t, len(at), n)
		assert.True(t, Plain(at))
		n, ok = Count(append(bytes.Clone(at), 0x00))
		assert.True(t, ok)
		assert.Equal(t, MaxItems, n)

		require.ErrorIs(t, strictcbor.Valid(over), strictcbor.ErrTooManyItems)
		_, ok = Len(over)
		assert.False(t, ok)
		assert.False(t, Plain(over))
		_, ok = Items(over)
		assert.False(t, ok)
		n, ok = Count(over)
		assert.False(t, ok)
		assert.Zero(t, n)
	}
	// A chunk is a head, and a break code is not.
	chunks := append(append([]byte{0x5f}, bytes.Repeat([]byte{0x41, 0x00}, MaxItems-1)...), 0xff)
	n, ok := Count(chunks)
	assert.True(t, ok)
	assert.Equal(t, MaxItems, n)
	chunks = append(append([]byte{0x5f}, bytes.Repeat([]byte{0x41, 0x00}, MaxItems)...), 0xff)
	_, ok = Len(chunks)
	assert.False(t, ok)
}

func TestCount(t *testing.T) {
	for hex, want := range map[string]int{
		"00": 1, "80": 1, "a0": 1, "6161": 1, "83 01 820203 6161": 6, "a1 01 a1 02 03": 5,
		"c1 00": 2, "d818 d818 00": 3, "5f 4100 4101 ff": 3, "9f 01 9f ff ff": 3, "01 02": 1,
	} {
		n, ok := Count(unhex(t, hex))
		assert.True(t, ok, hex)
		assert.Equal(t, want, n, hex)
	}
	n, ok := Count(unhex(t, "82 01"))
	assert.False(t, ok)
	assert.Zero(t, n)
}
