package imagewrite

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAppendPNGChunk(t *testing.T) {
	// The IEND chunk of every PNG.
	assert.Equal(t, []byte{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82}, AppendPNGChunk(nil, "IEND", nil))
}

func TestAppendJPEGSegment(t *testing.T) {
	assert.Equal(t, []byte{0xff, 0xd8, 0xff, 0xdd, 0, 4, 0, 16}, AppendJPEGSegment([]byte{0xff, 0xd8}, 0xdd, []byte{0, 16}))
}

func TestBitWriter(t *testing.T) {
	w := NewBitWriter([]byte{0xaa})
	w.Write(0xff, 8) // stuffed
	w.Write(0b101, 3)
	assert.Equal(t, []byte{0xaa, 0xff, 0x00, 0b10111111}, w.Bytes(), "padded with ones")
	var z BitWriter
	assert.Empty(t, z.Bytes())
}
