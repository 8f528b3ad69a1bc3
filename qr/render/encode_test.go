package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/symbol"
	"github.com/idqr/claim169/qr/internal/zxtest"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCodewordsPublishedExamples checks the data and error correction
// codewords of published version 1-M symbols: the numeric example of
// ISO/IEC 18004:2015 Annex I ("01234567") and the alphanumeric "HELLO
// WORLD" of the Thonky QR code tutorial, used by many encoders' tests.
func TestCodewordsPublishedExamples(t *testing.T) {
	tests := []struct {
		text string
		mode qr.Mode
		bits int
		data []byte
		ec   []byte
	}{
		{"01234567", qr.ModeNumeric, 41,
			[]byte{0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11},
			[]byte{0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55}},
		{"HELLO WORLD", qr.ModeAlphanumeric, 74,
			[]byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17},
			[]byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p, err := qr.Plan(tt.text, qr.M)
			require.NoError(t, err)
			assert.Equal(t, 1, p.Version)
			assert.Equal(t, tt.mode, p.Mode)
			assert.Equal(t, tt.bits, p.Bits)
			data, err := qr.DataCodewords(tt.text, p)
			require.NoError(t, err)
			assert.Equal(t, tt.data, data)
			t1 := symbol.TemplateOf(1)
			var s scratch
			s.interleave(data, symbol.BlocksOf(1, qr.M, t1.Codewords), t1.Codewords)
			assert.Equal(t, append(tt.data, tt.ec...), s.codewords)
			assert.Equal(t, s.codewords, zxCodewords(t, data, 1, qr.M), "gozxing's Reed-Solomon encoder")
		})
	}
}

// TestSymbolMatchesGozxing compares whole symbols, module by module, with
// gozxing's encoder for texts both write in one segment at the same
// version: every version at some level, for a text of letters filling it
// and one of digits. Equal modules mean equal data stream, padding,
// Reed-Solomon blocks, interleaving, placement and mask choice.
func TestSymbolMatchesGozxing(t *testing.T) {
	r := qrtest.NewRand(9)
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		l := allLevels[v%len(allLevels)]
		texts := map[string]string{
			"letters": qrtest.BoundaryText(qr.MaxCharacters(v, l)),
			"digits":  qrtest.Digits(r, maxDigits(t, v, l)),
		}
		if v%4 == 1 { // partly filled: padding, and other masks
			texts["short"] = qrtest.Letters(r, 1+r.IntN(qr.MaxCharacters(v, l)))
			texts["few digits"] = qrtest.Digits(r, 1+r.IntN(maxDigits(t, v, l)))
		}
		if v == 1 {
			texts["169"] = "169" // ExampleCode_Terminal
		}
		for name, text := range texts {
			t.Run(fmt.Sprintf("%d%v/%s", v, l, name), func(t *testing.T) {
				c, err := New(text, Options{Level: l})
				require.NoError(t, err)
				zx := gozxingEncode(t, text, l)
				require.Equal(t, c.Layout().Version, zx.GetVersion().GetVersionNumber())
				require.Equal(t, zx.GetMaskPattern(), c.mask, "mask")
				requireSameModules(t, zx.GetMatrix(), c)
			})
		}
	}
}

// TestRenderEveryVersion renders, at every version, a text with digit runs
// that fills it (so in mixed segments), at one level per version in turn,
// and reads it back with scan.Image and gozxing's reader.
func TestRenderEveryVersion(t *testing.T) {
	r := qrtest.NewRand(17)
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		if testing.Short() && v%5 != 0 {
			continue
		}
		l := allLevels[(v/2)%len(allLevels)]
		text := fillVersion(t, qrtest.RunsText(r, maxDigits(t, v, l)+1, 14, 14+v, v%2 == 0), v, l)
		t.Run(fmt.Sprintf("%d%v/%d", v, l, len(text)), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			require.Equal(t, v, c.Layout().Version)
			assert.Greater(t, c.Layout().Segments, 1)
			assertDecodes(t, c, text)
		})
	}
}

// TestRenderAgainstSkip2 uses go-qrcode as a differential oracle on texts
// with digit runs: our version is never larger; where it is the same, both
// codes read back exactly with gozxing; where ours is smaller, go-qrcode's
// heuristic segmentation took more bits, and the test counts such texts.
func TestRenderAgainstSkip2(t *testing.T) {
	r := qrtest.NewRand(23)
	smaller, total := 0, 0
	for i := range 48 {
		l := allLevels[i%len(allLevels)]
		n := 1 + r.IntN(qr.MaxCharacters(12+i%20, l))
		text := qrtest.RunsText(r, n, 1, 2+r.IntN(30), i%3 == 0)
		t.Run(fmt.Sprintf("%v/%d", l, n), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			assertDecodes(t, c, text)
			q, err := qrcode.New(text, recovery(l))
			require.NoError(t, err)
			require.LessOrEqual(t, c.Layout().Version, q.VersionNumber)
			total++
			if c.Layout().Version < q.VersionNumber {
				smaller++
				return
			}
			q.DisableBorder = true
			got, err := gozxingRead(modulesImage(q.Bitmap()))
			require.NoError(t, err, "go-qrcode's code")
			assert.Equal(t, text, got, "go-qrcode's code")
		})
	}
	t.Logf("version smaller than go-qrcode's for %d of %d random texts", smaller, total)
}

// TestSmallerThanSkip2 shows texts where go-qrcode needs a larger version:
// a leading digit, letters, then a long run of digits. go-qrcode merges a
// segment only into the one before it, so the leading digit stays a
// numeric segment of its own (18 bits for what costs 5 or 6 in the
// alphanumeric one); the shortest encoding fills our version exactly, and
// at version 40 go-qrcode refuses the text.
func TestSmallerThanSkip2(t *testing.T) {
	r := qrtest.NewRand(31)
	for v := qr.MinVersion; v <= qr.MaxVersion; v += 3 {
		l := allLevels[v%2] // qr.L or qr.M
		base := "1" + qrtest.Letters(r, qr.MaxCharacters(v, l)/2) + qrtest.Digits(r, maxDigits(t, v, l))
		text := fillVersion(t, base, v, l)
		t.Run(fmt.Sprintf("%d%v/%d", v, l, len(text)), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			require.Equal(t, v, c.Layout().Version)
			assert.Equal(t, 2, c.Layout().Segments)
			assertDecodes(t, c, text)
			q, err := qrcode.New(text, recovery(l))
			if v == qr.MaxVersion {
				assert.Error(t, err, "go-qrcode refuses the text")
				return
			}
			require.NoError(t, err)
			assert.Greater(t, q.VersionNumber, v)
		})
	}
}

// TestPlanNeverLarger compares Plan with gozxing (one segment) and
// go-qrcode (heuristic segments) on random Base45 texts, digits, and texts
// with a long digit run at the start, in the middle and at the end, at
// every level and at lengths around capacity boundaries.
func TestPlanNeverLarger(t *testing.T) {
	r := qrtest.NewRand(29)
	kinds := map[string]func(n int) string{
		"random": func(n int) string { return qrtest.RandomText(r, n) },
		"digits": func(n int) string { return qrtest.Digits(r, n) },
		"run at start": func(n int) string {
			k := n * 3 / 4
			return qrtest.Digits(r, k) + qrtest.RandomText(r, n-k)
		},
		"run in middle": func(n int) string {
			k := n / 2
			return qrtest.RandomText(r, (n-k)/2) + qrtest.Digits(r, k) + qrtest.RandomText(r, n-k-(n-k)/2)
		},
		"run at end": func(n int) string {
			k := n * 2 / 3
			return qrtest.RandomText(r, n-k) + qrtest.Digits(r, k)
		},
	}
	versions := []int{1, 9, 10, 26, 27, 40}
	for _, l := range allLevels {
		for name, kind := range kinds {
			for _, v := range versions {
				for _, n := range []int{qr.MaxCharacters(v, l) + 1, maxDigits(t, v, l) + 1} {
					checkNeverLarger(t, fmt.Sprintf("%s %d at %v", name, n, l), kind(n), l)
				}
			}
		}
	}
}

// checkNeverLarger compares Plan's version for text with gozxing's and
// go-qrcode's, and its bits with those of one segment.
func checkNeverLarger(t *testing.T, name, text string, l qr.Level) {
	t.Helper()
	p, err := qr.Plan(text, l)
	zx, zxErr := encoder.Encoder_encodeWithoutHint(text, zxtest.Level(l))
	if err != nil {
		require.ErrorIs(t, err, qr.ErrTooLong)
		assert.Error(t, zxErr, "%s: gozxing holds what Plan refuses", name)
		return
	}
	if zxErr == nil {
		assert.LessOrEqual(t, p.Version, zx.GetVersion().GetVersionNumber(), "%s: gozxing", name)
	}
	mode := qr.ModeAlphanumeric
	if strings.Trim(text, "0123456789") == "" {
		mode = qr.ModeNumeric
	}
	assert.LessOrEqual(t, p.Bits, segmentBits(text, mode, p.Version), "%s: bits of one segment", name)
	if len(text) > 2000 {
		return // go-qrcode is slow on long texts
	}
	if q, err := qrcode.New(text, recovery(l)); err == nil {
		assert.LessOrEqual(t, p.Version, q.VersionNumber, "%s: go-qrcode", name)
	}
}

// TestSkip2AtTheSameVersion uses go-qrcode, which drew this package's codes
// before it had its own encoder, as an oracle at the planned version: its
// symbol of the same text reads back with gozxing, and so does ours. The
// two need not be equal module for module: go-qrcode chooses its own
// segments and judges masks by its own reading of the penalty rules.
func TestSkip2AtTheSameVersion(t *testing.T) {
	r := qrtest.NewRand(37)
	for _, n := range []int{20, 300, 1200} {
		text := qrtest.RandomText(r, n)
		c, err := New(text, Options{Level: qr.M})
		require.NoError(t, err)
		q, err := qrcode.NewWithForcedVersion(text, c.Layout().Version, qrcode.Medium)
		require.NoError(t, err)
		q.DisableBorder = true
		bitmap := q.Bitmap()
		require.Len(t, bitmap, c.Layout().Modules)
		got, err := gozxingRead(modulesImage(bitmap))
		require.NoError(t, err, "go-qrcode's code")
		assert.Equal(t, text, got, "go-qrcode's code")
		assertDecodes(t, c, text)
	}
}
