package cose

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// The hand-written structures must equal the generic deterministic encoder's
// output for every length class of their byte strings.
func TestStructuresMatchEncoder(t *testing.T) {
	for _, n := range []int{0, 1, 23, 24, 255, 256, 65535, 65536} {
		b := bytes.Repeat([]byte{0xab}, n)
		want := mustMarshal(t, []any{"Signature1", b, []byte("aad"), b})
		assert.Equal(t, want, sigStructure(b, []byte("aad"), b), "length %d", n)
		assert.Equal(t, mustMarshal(t, []any{"Signature1", []byte{}, []byte{}, []byte{}}), sigStructure(nil, nil, nil))
		assert.Equal(t, mustMarshal(t, []any{"Encrypt0", b, []byte{}}), encStructure(b, nil), "length %d", n)
	}
}

// readHead reads what cborscan writes and refuses, with ErrMalformed, what
// it cannot read.
func TestHeads(t *testing.T) {
	for _, arg := range []uint64{0, 23, 24, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, 1<<64 - 1} {
		for _, major := range []byte{cborscan.MajorUint, cborscan.MajorBytes, cborscan.MajorArray, cborscan.MajorTag} {
			head := cborscan.AppendHead(nil, major, arg)
			assert.Len(t, head, cborscan.HeadLen(arg))
			h, err := readHead(head)
			require.NoError(t, err)
			assert.Equal(t, major, h.Major)
			assert.Equal(t, arg, h.Arg)
			assert.False(t, h.Indefinite())
			assert.Equal(t, len(head), h.Len)
			if major == cborscan.MajorUint {
				assert.NoError(t, strictcbor.Valid(head), "shortest form of %d", arg)
			}
		}
	}
	h, err := readHead([]byte{0x9f})
	require.NoError(t, err)
	assert.True(t, h.Indefinite())
	for _, bad := range [][]byte{nil, {0x1c}, {0x1f}, {0xdf}, {0x19, 0x01}, {0x1b, 0, 0, 0, 0, 0, 0, 0}} {
		_, err := readHead(bad)
		assert.ErrorIs(t, err, ErrMalformed, "% x", bad)
	}
}
