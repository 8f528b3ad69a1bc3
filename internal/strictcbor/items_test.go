package strictcbor

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// itemsOf returns an array of exactly n items in all, the array
// included: arrays of at most MaxArrayElements copies of item, which is k
// items long, and zeros to make up the count.
func itemsOf(n int, item []byte, k int) []byte {
	var inner [][]byte
	for left := n - 1; left > 0; {
		left-- // the inner array
		var elems [][]byte
		for len(elems) < MaxArrayElements && left > 0 {
			if left >= k {
				elems, left = append(elems, item), left-k
			} else {
				elems, left = append(elems, []byte{0}), left-1
			}
		}
		inner = append(inner, append(head(4, len(elems)), bytes.Join(elems, nil)...))
	}
	return append(head(4, len(inner)), bytes.Join(inner, nil)...)
}

// head returns the shortest head of major type major with argument n.
func head(major byte, n int) []byte {
	switch {
	case n < 24:
		return []byte{major<<5 | byte(n)}
	case n < 256:
		return []byte{major<<5 | 24, byte(n)}
	}
	return []byte{major<<5 | 25, byte(n >> 8), byte(n)}
}

// TestMaxItems checks the count of MaxItems: every head counts one, string
// chunks and tags included, and a break code none.
func TestMaxItems(t *testing.T) {
	one := func(item ...byte) func(int) []byte {
		return func(n int) []byte { return itemsOf(n, item, 1) }
	}
	tests := []struct {
		name string
		of   func(n int) []byte
	}{
		{"integers", one(0x01)},
		{"empty arrays", one(0x80)},
		{"empty maps", one(0xa0)},
		{"nulls", one(0xf6)},
		{"floats", one(0xf9, 0x3c, 0x00)},
		{"text", one(0x61, 'a')},
		{"string chunks", func(n int) []byte { // n-1 chunks of one byte
			return append(append([]byte{0x7f}, bytes.Repeat([]byte{0x61, 'a'}, n-1)...), 0xff)
		}},
		{"tags", func(n int) []byte { return itemsOf(n, []byte{0xd9, 0x0f, 0xa0, 0x00}, 2) }},
		{"maps of one pair", func(n int) []byte { return itemsOf(n, []byte{0xa1, 0x00, 0x80}, 3) }},
		{"indefinite arrays", func(n int) []byte { return itemsOf(n, []byte{0x9f, 0x00, 0xff}, 2) }}, // breaks do not count
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at, over := tt.of(MaxItems), tt.of(MaxItems+1)
			require.NoError(t, Valid(at))
			var v any
			require.NoError(t, Unmarshal(at, &v))
			require.ErrorIs(t, Valid(over), ErrTooManyItems)
			v = "left"
			require.ErrorIs(t, Unmarshal(over, &v), ErrTooManyItems)
			assert.Nil(t, v, "nothing partially decoded")
			assert.Equal(t, "too many data items", Reason(Valid(over)))
		})
	}
}

// TestMaxItemsRefusedEarly checks that 64 KiB of one-byte items is refused
// after counting, with one small allocation (the error), whatever the
// shape: the decoder never sees it.
func TestMaxItemsRefusedEarly(t *testing.T) {
	for _, item := range []byte{0x80, 0xa0, 0x00} {
		data := itemsOf(64<<10, []byte{item}, 1)
		require.ErrorIs(t, Valid(data), ErrTooManyItems)
		var v any
		assert.LessOrEqual(t, testing.AllocsPerRun(20, func() { _ = Valid(data) }), 1.0)
		assert.LessOrEqual(t, testing.AllocsPerRun(20, func() { _ = Unmarshal(data, &v) }), 1.0)
		assert.Less(t, bytesPerRun(20, func() { _ = Unmarshal(data, &v) }), uint64(256))
	}
}

// TestMaxItemsAtTruncatedHeads checks that a head or a string that does not
// fit ends the count and is left to the decoder.
func TestMaxItemsAtTruncatedHeads(t *testing.T) {
	for _, in := range []string{"19 01", "5a ffffffff 00", "7b 8000000000000000", "9f 81", "1c"} {
		err := Valid(unhex(t, in))
		require.Error(t, err, in)
		assert.NotErrorIs(t, err, ErrTooManyItems, in)
	}
}
