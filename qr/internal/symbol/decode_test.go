package symbol_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/symbol"
	"github.com/idqr/claim169/qr/render"
)

// modules returns the modules of a rendered code, quiet zone excluded,
// as a matrix to damage.
func modules(c *render.Code) [][]bool {
	side := c.Layout().Modules
	m := make([][]bool, side)
	for y := range m {
		m[y] = make([]bool, side)
		for x := range m[y] {
			m[y][x] = c.Dark(x+render.QuietZone, y+render.QuietZone)
		}
	}
	return m
}

func dark(m [][]bool) func(x, y int) bool { return func(x, y int) bool { return m[y][x] } }

// TestDecodeRendered reads back the data codewords of codes of every
// version, with as many codewords of each block in error as the level
// corrects, and reads the same text as gozxing's decoder.
func TestDecodeRendered(t *testing.T) {
	r := qrtest.NewRand(67)
	zx := decoder.NewDecoder()
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		l := []qr.Level{qr.L, qr.M, qr.Q, qr.H}[v%4]
		text := qrtest.RunsText(r, qr.MaxCharacters(v, l)-2, 1, 12, v%2 == 0)
		c, err := render.New(text, render.Options{Level: l})
		require.NoError(t, err)
		layout := c.Layout()
		want, err := qr.DataCodewords(text, layout)
		require.NoError(t, err)
		t.Run(fmt.Sprintf("%d%v", layout.Version, l), func(t *testing.T) {
			m := modules(c)
			damage(r, m, layout.Version, l)
			data, got, err := symbol.Decode(layout.Modules, dark(m))
			require.NoError(t, err)
			assert.Equal(t, layout.Version, got)
			assert.Equal(t, want, data)
			read, err := qr.ParseDataCodewords(data, got)
			require.NoError(t, err)
			assert.Equal(t, text, read)
			bits, err := gozxing.ParseBoolMapToBitMatrix(m)
			require.NoError(t, err)
			res, err := zx.Decode(bits, nil)
			require.NoError(t, err)
			assert.Equal(t, text, res.GetText(), "gozxing")
		})
	}
}

// damage inverts, in each block of a version-v symbol at level l, as many
// data modules' codewords as the block corrects, one bit of each.
func damage(r *rand.Rand, m [][]bool, v int, l qr.Level) {
	t := symbol.TemplateOf(v)
	bs := symbol.BlocksOf(v, l, t.Codewords)
	for b := range bs.Count {
		for e := range bs.EC / 2 {
			// Codeword e·count+b is the e-th data codeword of block b
			// (every block has at least ec/2 of them at these lengths).
			i := e*bs.Count + b
			if e >= bs.ShortData {
				i = bs.Data + (e-bs.ShortData)*bs.Count + b // an error correction codeword
			}
			pos := t.Order[8*i+r.IntN(8)]
			x, y := int(pos&0xff), int(pos>>8)
			m[y][x] = !m[y][x]
		}
	}
}

// TestDecodeDamagedInfo reads symbols whose format or version information
// has lost bits, and refuses those that lost too many.
func TestDecodeDamagedInfo(t *testing.T) {
	c, err := render.New("HELLO WORLD 169", render.Options{Level: qr.Q})
	require.NoError(t, err)
	long, err := render.New(qrtest.BoundaryText(qr.MaxCharacters(7, qr.M)), render.Options{})
	require.NoError(t, err)
	require.Equal(t, 7, long.Layout().Version)
	side7 := long.Layout().Modules
	tests := []struct {
		name  string
		code  *render.Code
		flips [][2]int // modules to invert, x and y
		err   error
	}{
		{"format: 3 bits of one copy", c, [][2]int{{8, 0}, {8, 1}, {0, 8}}, nil},
		{"format: one copy lost", c, [][2]int{{8, 0}, {8, 1}, {8, 2}, {8, 3}, {8, 4}, {8, 5}, {8, 7}}, nil},
		{"version: top right lost", long, [][2]int{{side7 - 11, 0}, {side7 - 10, 0}, {side7 - 9, 0}, {side7 - 11, 1}, {side7 - 10, 1}}, nil},
		{"version: both lost", long, [][2]int{
			{side7 - 11, 0}, {side7 - 10, 0}, {side7 - 9, 0}, {side7 - 11, 1}, {side7 - 10, 1},
			{0, side7 - 11}, {0, side7 - 10}, {0, side7 - 9}, {1, side7 - 11}, {1, side7 - 10}}, symbol.ErrVersionInfo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := modules(tt.code)
			for _, f := range tt.flips {
				m[f[1]][f[0]] = !m[f[1]][f[0]]
			}
			_, v, err := symbol.Decode(len(m), dark(m))
			require.ErrorIs(t, err, tt.err)
			if tt.err == nil {
				assert.Equal(t, tt.code.Layout().Version, v)
			}
		})
	}
}

// TestDecodeUnreadableFormat refuses a symbol whose two copies of the
// format information are both more than 3 bits from every code word,
// masked or not.
func TestDecodeUnreadableFormat(t *testing.T) {
	far := -1
	for w := range 1 << 15 {
		if _, _, ok := symbol.DecodeFormat(w, w); !ok {
			far = w
			break
		}
	}
	require.NotEqual(t, -1, far, "the code's covering radius is above 3")
	c, err := render.New("HELLO WORLD 169", render.Options{Level: qr.Q})
	require.NoError(t, err)
	m := modules(c)
	for _, copies := range symbol.FormatPositions(len(m)) {
		for k, p := range copies {
			m[p[1]][p[0]] = far>>k&1 != 0
		}
	}
	_, _, err = symbol.Decode(len(m), dark(m))
	require.ErrorIs(t, err, symbol.ErrFormatInfo)
}

// TestDecodeRefuses refuses sides no version has and blocks beyond
// correction.
func TestDecodeRefuses(t *testing.T) {
	for _, side := range []int{0, 17, 22, 181} {
		_, _, err := symbol.Decode(side, func(x, y int) bool { return false })
		require.ErrorIs(t, err, symbol.ErrSize, "side %d", side)
	}
	c, err := render.New("HELLO WORLD 169", render.Options{Level: qr.L})
	require.NoError(t, err)
	m := modules(c)
	t1 := symbol.TemplateOf(1)
	for i := range 4 { // version 1-L corrects 3 codewords
		pos := t1.Order[8*i]
		m[pos>>8][pos&0xff] = !m[pos>>8][pos&0xff]
	}
	_, _, err = symbol.Decode(21, dark(m))
	require.ErrorIs(t, err, symbol.ErrBlock)
}
