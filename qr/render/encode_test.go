package qr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
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
		mode Mode
		bits int
		data []byte
		ec   []byte
	}{
		{"01234567", ModeNumeric, 41,
			[]byte{0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11},
			[]byte{0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55}},
		{"HELLO WORLD", ModeAlphanumeric, 74,
			[]byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17},
			[]byte{196, 35, 39, 119, 235, 215, 231, 226, 93, 23}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			p, err := Plan(tt.text, M)
			require.NoError(t, err)
			assert.Equal(t, 1, p.Version)
			assert.Equal(t, tt.mode, p.Mode)
			assert.Equal(t, tt.bits, p.Bits)
			data, err := dataCodewordsOf(tt.text, optimalSegments(tt.text, 0), 1, M)
			require.NoError(t, err)
			assert.Equal(t, tt.data, data)
			ver, err := decoder.Version_GetVersionForNumber(1)
			require.NoError(t, err)
			all, err := withErrorCorrection(data, ver.GetECBlocksForLevel(M.zx()))
			require.NoError(t, err)
			assert.Equal(t, append(tt.data, tt.ec...), all)
		})
	}
}

// TestAlphanumericExampleBits checks the bit stream of the alphanumeric
// example of ISO/IEC 18004:2015 §7.4.4: "AC-42" at version 1.
func TestAlphanumericExampleBits(t *testing.T) {
	w := bitWriter{}
	require.NoError(t, w.segment("AC-42", ModeAlphanumeric, 1))
	want := "0010" + "000000101" + "00111001110" + "11100111001" + "000010"
	var got strings.Builder
	for i := range w.n {
		got.WriteByte('0' + w.buf[i/8]>>(7-i%8)&1)
	}
	assert.Equal(t, want, got.String())
}

// TestSymbolMatchesGozxing compares whole symbols, module by module, with
// gozxing's encoder for texts both write in one segment at the same
// version: every version at some level, for a text of letters filling it
// and one of digits. Equal modules mean equal data stream, padding,
// Reed-Solomon blocks, interleaving, placement and mask choice.
func TestSymbolMatchesGozxing(t *testing.T) {
	r := newRand(9)
	for v := MinVersion; v <= MaxVersion; v++ {
		l := allLevels[v%len(allLevels)]
		texts := map[string]string{
			"letters": boundaryText(MaxCharacters(v, l)),
			"digits":  digits(r, capacity(ModeNumeric, v, l)),
		}
		if v%4 == 1 { // partly filled: padding, and other masks
			texts["short"] = letters(r, 1+r.IntN(MaxCharacters(v, l)))
			texts["few digits"] = digits(r, 1+r.IntN(capacity(ModeNumeric, v, l)))
		}
		if v == 1 {
			texts["169"] = "169" // ExampleCode_Terminal
		}
		for name, text := range texts {
			t.Run(fmt.Sprintf("%d%v/%s", v, l, name), func(t *testing.T) {
				// This package's own encoder (New prefers go-qrcode when it
				// fits; see TestNewFallsBackToOwnEncoder).
				layout, err := Plan(text, l)
				require.NoError(t, err)
				dark, err := encodeOwn(text, layout)
				require.NoError(t, err)
				zx := gozxingEncode(t, text, l)
				require.Equal(t, layout.Version, zx.GetVersion().GetVersionNumber())
				m := zx.GetMatrix()
				require.Equal(t, layout.Modules, m.GetWidth())
				for y := range m.GetHeight() {
					for x := range m.GetWidth() {
						require.Equal(t, m.Get(x, y) == 1, dark[y+QuietZone][x+QuietZone], "module %d,%d", x, y)
					}
				}
			})
		}
	}
}

// fillVersion returns the longest prefix of text that Plan puts in
// version v at level l, which is then full: one more character would need
// version v+1.
func fillVersion(t *testing.T, text string, v int, l Level) string {
	t.Helper()
	lo, hi := 1, len(text) // Plan(text[:lo]) fits v, text[:hi] does not
	for lo+1 < hi {
		mid := (lo + hi) / 2
		p, err := Plan(text[:mid], l)
		if err == nil && p.Version <= v {
			lo = mid
		} else {
			hi = mid
		}
	}
	return text[:lo]
}

// TestRenderEveryVersion renders, at every version, a text with digit runs
// that fills it (so in mixed segments), at one level per version in turn,
// and reads it back with Scan and gozxing's reader.
func TestRenderEveryVersion(t *testing.T) {
	r := newRand(17)
	for v := MinVersion; v <= MaxVersion; v++ {
		if testing.Short() && v%5 != 0 {
			continue
		}
		l := allLevels[(v/2)%len(allLevels)]
		text := fillVersion(t, runsText(r, capacity(ModeNumeric, v, l)+1, 14, 14+v, v%2 == 0), v, l)
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
	r := newRand(23)
	smaller, total := 0, 0
	for i := range 48 {
		l := allLevels[i%len(allLevels)]
		n := 1 + r.IntN(MaxCharacters(12+i%20, l))
		text := runsText(r, n, 1, 2+r.IntN(30), i%3 == 0)
		t.Run(fmt.Sprintf("%v/%d", l, n), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			assertDecodes(t, c, text)
			q, err := qrcode.New(text, skip2Level(l))
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
	r := newRand(31)
	for v := MinVersion; v <= MaxVersion; v += 3 {
		l := allLevels[v%2] // L or M
		base := "1" + letters(r, MaxCharacters(v, l)/2) + digits(r, capacity(ModeNumeric, v, l))
		text := fillVersion(t, base, v, l)
		t.Run(fmt.Sprintf("%d%v/%d", v, l, len(text)), func(t *testing.T) {
			c, err := New(text, Options{Level: l, ModuleSize: 2})
			require.NoError(t, err)
			require.Equal(t, v, c.Layout().Version)
			assert.Equal(t, 2, c.Layout().Segments)
			assertDecodes(t, c, text)
			q, err := qrcode.New(text, skip2Level(l))
			if v == MaxVersion {
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
	r := newRand(29)
	kinds := map[string]func(n int) string{
		"random": func(n int) string { return randomText(r, n) },
		"digits": func(n int) string { return digits(r, n) },
		"run at start": func(n int) string {
			k := n * 3 / 4
			return digits(r, k) + randomText(r, n-k)
		},
		"run in middle": func(n int) string {
			k := n / 2
			return randomText(r, (n-k)/2) + digits(r, k) + randomText(r, n-k-(n-k)/2)
		},
		"run at end": func(n int) string {
			k := n * 2 / 3
			return randomText(r, n-k) + digits(r, k)
		},
	}
	versions := []int{1, 9, 10, 26, 27, 40}
	for _, l := range allLevels {
		for name, kind := range kinds {
			for _, v := range versions {
				for _, n := range []int{MaxCharacters(v, l) + 1, capacity(ModeNumeric, v, l) + 1} {
					checkNeverLarger(t, fmt.Sprintf("%s %d at %v", name, n, l), kind(n), l)
				}
			}
		}
	}
}

// checkNeverLarger compares Plan's version for text with gozxing's and
// go-qrcode's, and its bits with those of one segment.
func checkNeverLarger(t *testing.T, name, text string, l Level) {
	t.Helper()
	p, err := Plan(text, l)
	zx, zxErr := encoder.Encoder_encodeWithoutHint(text, l.zx())
	if err != nil {
		require.ErrorIs(t, err, ErrTooLong)
		assert.Error(t, zxErr, "%s: gozxing holds what Plan refuses", name)
		return
	}
	if zxErr == nil {
		assert.LessOrEqual(t, p.Version, zx.GetVersion().GetVersionNumber(), "%s: gozxing", name)
	}
	mode := ModeAlphanumeric
	if strings.Trim(text, "0123456789") == "" {
		mode = ModeNumeric
	}
	assert.LessOrEqual(t, p.Bits, segmentCost(text, mode, sizeClass(p.Version)), "%s: bits of one segment", name)
	if len(text) > 2000 {
		return // go-qrcode is slow on long texts
	}
	if q, err := qrcode.New(text, skip2Level(l)); err == nil {
		assert.LessOrEqual(t, p.Version, q.VersionNumber, "%s: go-qrcode", name)
	}
}

// New draws with go-qrcode (the project's renderer) whenever go-qrcode fits
// the text in the planned version, and with this package's encoder only
// when it does not (TestSmallerThanSkip2 covers that fallback).
func TestNewRendersWithSkip2(t *testing.T) {
	r := newRand(37)
	for _, n := range []int{20, 300, 1200} {
		text := randomText(r, n)
		c, err := New(text, Options{Level: M})
		require.NoError(t, err)
		q, err := qrcode.NewWithForcedVersion(text, c.Layout().Version, qrcode.Medium)
		require.NoError(t, err)
		bitmap := q.Bitmap()
		require.Len(t, bitmap, c.Size())
		for y := range bitmap {
			for x := range bitmap[y] {
				require.Equal(t, bitmap[y][x], c.Dark(x, y), "module %d,%d", x, y)
			}
		}
		assertDecodes(t, c, text)
	}
}
