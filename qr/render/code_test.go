package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/scan"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Code from New: read back by the scanner at every level, its byte mode
// and its errors, and the forms it is written in (image, PNG, SVG and
// terminal).

func TestRoundTrip(t *testing.T) {
	for name, text := range qrtest.RoundTripTexts() {
		for _, l := range allLevels {
			t.Run(fmt.Sprintf("%s/%v", name, l), func(t *testing.T) {
				c, err := New(text, Options{Level: l, ModuleSize: 3})
				require.NoError(t, err)
				requireScans(t, c, text)

				var buf bytes.Buffer
				require.NoError(t, c.WritePNG(&buf))
				got, err := scan.Reader(&buf)
				require.NoError(t, err)
				assert.Equal(t, text, got)
			})
		}
	}
}

// TestRoundTripRandom renders random Base45 texts of many lengths at every
// level and reads them back.
func TestRoundTripRandom(t *testing.T) {
	r := qrtest.NewRand(3)
	for i := range 24 {
		l := allLevels[i%len(allLevels)]
		n := 1 + r.IntN(qr.MaxCharacters(40, l))
		if testing.Short() {
			n = 1 + r.IntN(300)
		}
		text := qrtest.RandomText(r, n)
		t.Run(fmt.Sprintf("%v/%d", l, n), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			requireScans(t, c, text)
		})
	}
}

// FuzzRoundTrip checks that whatever New encodes, scan.Image reads back
// exactly, and gozxing's reader too when the text is in the alphanumeric
// set.
func FuzzRoundTrip(f *testing.F) {
	for _, text := range qrtest.RoundTripTexts() {
		f.Add(text, uint8(qr.M))
	}
	f.Add("Grüße, ça va?", uint8(qr.H))
	f.Add("%%", uint8(qr.L))
	f.Add("\x00\x01 tab\there", uint8(qr.Q))
	f.Add("AB"+strings.Repeat("1", 21)+"CD"+strings.Repeat("0", 30), uint8(qr.L))
	f.Fuzz(func(t *testing.T, text string, level uint8) {
		if len(text) > 600 {
			return // large versions are covered by the unit tests
		}
		c, err := New(text, Options{Level: qr.Level(level % 5), ModuleSize: 2, AllowByteMode: true})
		if err != nil {
			assert.Nil(t, c)
			return
		}
		requireScans(t, c, text)
		if c.Layout().Mode != qr.ModeByte {
			// gozxing's reader guesses the charset of byte mode; numeric
			// and alphanumeric segments it reads exactly.
			got, err := gozxingRead(c.Image())
			require.NoError(t, err)
			require.Equal(t, text, got)
		}
	})
}

func TestByteMode(t *testing.T) {
	text := "Grüße aus Zürich: ça va? 10 €"
	_, err := New(text, Options{})
	require.ErrorIs(t, err, qr.ErrNotAlphanumeric)

	c, err := New(text, Options{AllowByteMode: true})
	require.NoError(t, err)
	layout := c.Layout()
	assert.Equal(t, qr.ModeByte, layout.Mode)
	assert.Equal(t, len(text), layout.Characters)
	plan, err := qr.PlanUTF8(text, qr.M)
	require.NoError(t, err)
	assert.Equal(t, plan, layout, "the layout qr.PlanUTF8 computes")
	requireScans(t, c, text)

	// Alphanumeric text stays in alphanumeric mode when bytes are allowed.
	c, err = New("HELLO WORLD", Options{AllowByteMode: true})
	require.NoError(t, err)
	assert.Equal(t, qr.ModeAlphanumeric, c.Layout().Mode)
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		opts Options
		want error
	}{
		{"empty", "", Options{}, qr.ErrEmpty},
		{"lower case", "abc", Options{}, qr.ErrNotAlphanumeric},
		{"invalid UTF-8 in byte mode", "AB\xff", Options{AllowByteMode: true}, qr.ErrNotUTF8},
		{"too long", qrtest.BoundaryText(qr.MaxCharacters(40, qr.M) + 1), Options{}, qr.ErrTooLong},
		// Version 40-Q holds 1663 bytes (ISO/IEC 18004 Table 7).
		{"too long in byte mode", strings.Repeat("a", 1663+1), Options{Level: qr.Q, AllowByteMode: true}, qr.ErrTooLong},
		{"invalid level", "AB", Options{Level: 7}, qr.ErrLevel},
		{"negative module size", "AB", Options{ModuleSize: -1}, ErrModuleSize},
		{"module size too large", "AB", Options{ModuleSize: MaxModuleSize + 1}, ErrModuleSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.text, tt.opts)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, c)
		})
	}
}

// TestImage checks the geometry: the quiet zone, whole-pixel modules, and
// the pixels against the modules.
func TestImage(t *testing.T) {
	for _, size := range []int{1, 3, DefaultModuleSize, MaxModuleSize} {
		t.Run(fmt.Sprint("module size ", size), func(t *testing.T) {
			c, err := New("HELLO WORLD 169", Options{ModuleSize: size})
			require.NoError(t, err)
			n := c.Size()
			require.Equal(t, 21+2*QuietZone, n)
			img := c.Image()
			require.Equal(t, image.Rect(0, 0, n*size, n*size), img.Bounds())
			for y := range n * size {
				for x := range n * size {
					r, _, _, _ := img.At(x, y).RGBA()
					dark := c.Dark(x/size, y/size)
					require.Equal(t, dark, r == 0, "pixel %d,%d", x, y)
					quiet := x/size < QuietZone || y/size < QuietZone ||
						x/size >= n-QuietZone || y/size >= n-QuietZone
					if quiet {
						require.False(t, dark, "quiet zone at %d,%d", x, y)
					}
				}
			}
		})
	}
}

func TestDefaultModuleSize(t *testing.T) {
	c, err := New("A", Options{})
	require.NoError(t, err)
	assert.Equal(t, c.Size()*DefaultModuleSize, c.Image().Bounds().Dx())
	assert.False(t, c.Dark(-1, 0))
	assert.False(t, c.Dark(0, c.Size()))
}

func TestPNG(t *testing.T) {
	c, err := New("HELLO", Options{ModuleSize: 2})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, c.WritePNG(&buf))
	img, err := png.Decode(&buf)
	require.NoError(t, err)
	want := c.Image().(*image.Paletted)
	got, ok := img.(*image.Gray)
	require.True(t, ok, "a 1-bit grayscale PNG decodes as gray")
	require.Equal(t, want.Rect, got.Rect)
	for y := want.Rect.Min.Y; y < want.Rect.Max.Y; y++ {
		for x := want.Rect.Min.X; x < want.Rect.Max.X; x++ {
			dark := want.ColorIndexAt(x, y) == 1
			require.Equal(t, dark, got.GrayAt(x, y).Y == 0, "pixel %d,%d", x, y)
			require.Contains(t, []uint8{0, 0xff}, got.GrayAt(x, y).Y)
		}
	}
}

// The PNG of every module size and of odd widths (not a multiple of 8
// pixels) decodes to the image.
func TestPNGSizes(t *testing.T) {
	for _, size := range []int{1, 3, 5, 8, 13} {
		c, err := New("HELLO WORLD 123", Options{ModuleSize: size, Level: qr.H})
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, c.WritePNG(&buf))
		img, err := png.Decode(&buf)
		require.NoError(t, err)
		require.Equal(t, c.Size()*size, img.Bounds().Dx())
		for y := range img.Bounds().Dy() {
			for x := range img.Bounds().Dx() {
				r, _, _, _ := img.At(x, y).RGBA()
				require.Equal(t, c.Dark(x/size, y/size), r == 0, "size %d pixel %d,%d", size, x, y)
			}
		}
		text, err := scan.Image(img)
		require.NoError(t, err)
		require.Equal(t, "HELLO WORLD 123", text)
	}
}

// svgDoc is the part of the SVG document the test reads back.
type svgDoc struct {
	XMLName xml.Name `xml:"svg"`
	ViewBox string   `xml:"viewBox,attr"`
	Width   int      `xml:"width,attr"`
	Shape   string   `xml:"shape-rendering,attr"`
	Rect    struct {
		Width int    `xml:"width,attr"`
		Fill  string `xml:"fill,attr"`
	} `xml:"rect"`
	Path struct {
		D string `xml:"d,attr"`
	} `xml:"path"`
}

var svgRun = regexp.MustCompile(`^M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

func TestSVG(t *testing.T) {
	c, err := New(qrtest.HC1Text, Options{ModuleSize: 5})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, c.WriteSVG(&buf))
	var doc svgDoc
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc))
	n := c.Size()
	assert.Equal(t, fmt.Sprintf("0 0 %d %d", n, n), doc.ViewBox)
	assert.Equal(t, n*5, doc.Width)
	assert.Equal(t, "crispEdges", doc.Shape)
	assert.Equal(t, n, doc.Rect.Width)

	// Paint the path's runs and compare with the modules.
	painted := make([][]bool, n)
	for i := range painted {
		painted[i] = make([]bool, n)
	}
	d := doc.Path.D
	for d != "" {
		m := svgRun.FindStringSubmatch(d)
		require.NotNil(t, m, "unexpected path data")
		x, y, run := atoi(t, m[1]), atoi(t, m[2]), atoi(t, m[3])
		require.Equal(t, m[3], m[4])
		for i := range run {
			require.False(t, painted[y][x+i], "module painted twice")
			painted[y][x+i] = true
		}
		d = d[len(m[0]):]
	}
	for y := range n {
		for x := range n {
			require.Equal(t, c.Dark(x, y), painted[y][x], "module %d,%d", x, y)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	v, err := strconv.Atoi(s)
	require.NoError(t, err)
	return v
}

// TestTerminal reads the half blocks back into modules.
func TestTerminal(t *testing.T) {
	c, err := New("TERMINAL 169", Options{})
	require.NoError(t, err)
	n := c.Size()
	for _, invert := range []bool{false, true} {
		t.Run(fmt.Sprint("invert ", invert), func(t *testing.T) {
			lines := strings.Split(strings.TrimSuffix(c.Terminal(invert), "\n"), "\n")
			require.Len(t, lines, (n+1)/2)
			for i, line := range lines {
				glyphs := []rune(line)
				require.Len(t, glyphs, n)
				for x, g := range glyphs {
					top := g == '█' || g == '▀'
					bottom := g == '█' || g == '▄'
					require.Equal(t, c.Dark(x, 2*i) != invert, top, "module %d,%d", x, 2*i)
					if 2*i+1 < n {
						require.Equal(t, c.Dark(x, 2*i+1) != invert, bottom, "module %d,%d", x, 2*i+1)
					} else {
						require.False(t, bottom)
					}
				}
			}
		})
	}
}
