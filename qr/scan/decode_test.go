package scan

import (
	"fmt"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

// codeMatrix returns the modules of c, quiet zone excluded, transposed if
// asked.
func codeMatrix(c *render.Code, transposed bool) *gozxing.BitMatrix {
	side := c.Layout().Modules
	m, _ := gozxing.NewSquareBitMatrix(side)
	for y := range side {
		for x := range side {
			if c.Dark(x+render.QuietZone, y+render.QuietZone) {
				if transposed {
					m.Set(y, x)
				} else {
					m.Set(x, y)
				}
			}
		}
	}
	return m
}

// TestReadSymbol reads a symbol as it is and mirrored, as gozxing's
// decoder does, and refuses a matrix that is not square.
func TestReadSymbol(t *testing.T) {
	const text = "NCFOXN00010-TVE$G*F0 169"
	c, err := render.New(text, render.Options{Level: qr.H})
	require.NoError(t, err)
	for _, mirrored := range []bool{false, true} {
		got, ok := readSymbol(codeMatrix(c, mirrored))
		require.True(t, ok, "mirrored %v", mirrored)
		assert.Equal(t, text, got, "mirrored %v", mirrored)
	}
	m, err := gozxing.NewBitMatrix(21, 25)
	require.NoError(t, err)
	_, ok := readSymbol(m)
	assert.False(t, ok)
}

// TestReadSymbolRefusesKanji refuses a symbol that gozxing's encoder wrote
// in Kanji mode, which gozxing's decoder reads: Claim 169 text is never
// in it.
func TestReadSymbolRefusesKanji(t *testing.T) {
	hints := map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_CHARACTER_SET: "Shift_JIS"}
	code, werr := encoder.Encoder_encode("日本語", decoder.ErrorCorrectionLevel_M, hints)
	require.NoError(t, werr)
	require.Equal(t, "KANJI", code.GetMode().String())
	bm := code.GetMatrix()
	m, err := gozxing.NewSquareBitMatrix(bm.GetWidth())
	require.NoError(t, err)
	for y := range bm.GetHeight() {
		for x := range bm.GetWidth() {
			if bm.Get(x, y) == 1 {
				m.Set(x, y)
			}
		}
	}
	res, err := decoder.NewDecoder().Decode(m, nil)
	require.NoError(t, err)
	require.Equal(t, "日本語", res.GetText())
	_, ok := readSymbol(m)
	assert.False(t, ok)
}

// TestPureBits samples clean renderings at several module sizes, with
// the quiet zone, module for module, as ZXing's PURE_BARCODE pass does.
func TestPureBits(t *testing.T) {
	for _, module := range []int{1, 2, 3, 5, 8} {
		for _, text := range []string{"HELLO WORLD", "6FQ:DKM4H2T7U+L$W3 " + fmt.Sprint(module)} {
			c, err := render.New(text, render.Options{ModuleSize: module, Level: qr.L})
			require.NoError(t, err)
			bits := pureBits(threshold(toGray(c.Image())))
			require.NotNil(t, bits, "module %d", module)
			assert.Equal(t, codeMatrix(c, false).String(), bits.String(), "module %d", module)
			got, ok := readSymbol(bits)
			require.True(t, ok)
			assert.Equal(t, text, got)
		}
	}
}

// TestPureBitsRefuses refuses images that are not one upright symbol.
func TestPureBitsRefuses(t *testing.T) {
	empty, err := gozxing.NewBitMatrix(40, 40)
	require.NoError(t, err)
	assert.Nil(t, pureBits(empty), "no dark pixel")
	dot, err := gozxing.NewBitMatrix(40, 40)
	require.NoError(t, err)
	dot.Set(5, 5)
	assert.Nil(t, pureBits(dot), "one pixel")
	wide, err := gozxing.NewBitMatrix(60, 20)
	require.NoError(t, err)
	wide.SetRegion(0, 0, 60, 20)
	assert.Nil(t, pureBits(wide), "a black rectangle")
}
