package symbol

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzCorrect checks that Correct never panics and that a block it accepts
// is a codeword.
func FuzzCorrect(f *testing.F) {
	f.Add([]byte("HELLO WORLD 169 with twenty-two"), uint8(10))
	f.Add(make([]byte, 40), uint8(30))
	f.Fuzz(func(t *testing.T, block []byte, ec uint8) {
		if !Correct(block, int(ec)) {
			return
		}
		var s [MaxECPerBlock]byte
		require.False(t, syndromes(gf(), block, s[:ec]), "a codeword")
	})
}

// FuzzDecode reads arbitrary modules: Decode never panics, and either
// returns the data codewords of a version of that side or an error and
// nothing.
func FuzzDecode(f *testing.F) {
	f.Add(uint8(0), []byte{0x55, 0xaa, 0x0f})
	f.Add(uint8(6), []byte{0xff})
	f.Fuzz(func(t *testing.T, v uint8, bits []byte) {
		side := 21 + 4*int(v%40)
		dark := func(x, y int) bool {
			if len(bits) == 0 {
				return false
			}
			i := (y*side + x) % (8 * len(bits))
			return bits[i/8]>>(i%8)&1 != 0
		}
		data, version, err := Decode(side, dark)
		if err != nil {
			assert.Nil(t, data)
			assert.Zero(t, version)
			return
		}
		assert.Equal(t, side, 17+4*version)
	})
}
