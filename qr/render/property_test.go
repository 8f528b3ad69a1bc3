package render

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/symbol"
	"github.com/idqr/claim169/qr/internal/zxtest"
)

// exhaustive makes TestSymbolsMatchGozxing check every version at every
// level, three texts each (480 symbols, about 20 seconds), instead of a
// sample of 48: go test ./qr/render -run SymbolsMatch -exhaustive.
var exhaustive = flag.Bool("exhaustive", false, "check every version and level in TestSymbolsMatchGozxing")

// symbolCase is one symbol of the property test: a text that qr.Plan puts
// in version v at level l.
type symbolCase struct {
	v    int
	l    qr.Level
	kind string // "letters", "digits" or "runs": how its text is drawn
}

// symbolCases returns the symbols to check: with -exhaustive every version
// at every level for each kind of text; otherwise every version once, at
// levels that take turns in a shuffled order so that each level has ten
// versions spread over the range, with a kind drawn at random, and eight
// more small symbols (versions 1-10) of multi-segment text.
func symbolCases(r *rand.Rand) []symbolCase {
	kinds := []string{"letters", "digits", "runs"}
	var cases []symbolCase
	if *exhaustive {
		for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
			for _, l := range allLevels {
				for _, k := range kinds {
					cases = append(cases, symbolCase{v, l, k})
				}
			}
		}
		return cases
	}
	levels := slices.Clone(allLevels)
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		if v%len(levels) == 1 {
			r.Shuffle(len(levels), func(i, j int) { levels[i], levels[j] = levels[j], levels[i] })
		}
		k := kinds[r.IntN(len(kinds))]
		cases = append(cases, symbolCase{v, levels[v%len(levels)], k})
	}
	for range 8 {
		cases = append(cases, symbolCase{1 + r.IntN(10), allLevels[r.IntN(len(allLevels))], "runs"})
	}
	return cases
}

// textFor draws a text of the case's kind whose plan is version c.v at
// level c.l: of a length between the longest prefix that version c.v-1
// holds and the longest that c.v holds.
func textFor(t *testing.T, r *rand.Rand, c symbolCase) string {
	t.Helper()
	n := maxDigits(t, c.v, c.l) + 1
	var base string
	switch c.kind {
	case "letters":
		base = qrtest.RandomText(r, n) // one alphanumeric segment but for long digit runs
	case "digits":
		base = qrtest.Digits(r, n)
	default:
		base = qrtest.RunsText(r, n, 1, 8+r.IntN(40), r.IntN(2) == 0)
	}
	lo := 0
	if c.v > qr.MinVersion {
		lo = len(fillVersion(t, base, c.v-1, c.l))
	}
	hi := len(fillVersion(t, base, c.v, c.l))
	require.Less(t, lo, hi)
	return base[:lo+1+r.IntN(hi-lo)]
}

// TestSymbolsMatchGozxing is the property test of the encoder: for random
// texts of every version and level, in one segment and in several, it
// compares each symbol New draws, module for module, with the symbol
// gozxing draws, and reads it back.
//
//   - The version is Plan's (the optimal-version guarantee).
//   - Text in one segment: gozxing's own encoder, given the version and
//     level (it writes the same single segment), draws the whole symbol
//     independently: data stream, Reed-Solomon blocks, interleaving,
//     placement and its own choice of mask by its penalty rules (MaskUtil,
//     ZXing's reading of §7.8.3, which this package's rules reproduce).
//     Both choose the same mask and draw the same modules.
//   - Text in several segments, which gozxing cannot write: the data
//     codewords qr.DataCodewords writes go through gozxing's Reed-Solomon
//     encoder and an interleaving written in the test, and gozxing's matrix
//     builder places them under each of the eight masks; the mask of least
//     penalty under gozxing's rules is ours, and its matrix is our symbol.
//   - For symbols up to version 10, and all with -exhaustive, each of the
//     eight masks is compared too: the penalty this package computes for
//     it equals gozxing's, and the symbol under it equals gozxing's.
//   - gozxing's decoder reads the rendered image back to the text exactly.
//   - go-qrcode, the independent oracle, encodes the same text by itself
//     (heuristic segments, its own version and mask), and gozxing reads
//     its symbol back to the same text.
func TestSymbolsMatchGozxing(t *testing.T) {
	r := qrtest.NewRand(53)
	counts := map[string]int{}
	for _, c := range symbolCases(r) {
		text := textFor(t, r, c)
		t.Run(fmt.Sprintf("%d%v/%s/%d", c.v, c.l, c.kind, len(text)), func(t *testing.T) {
			layout, err := qr.Plan(text, c.l)
			require.NoError(t, err)
			require.Equal(t, c.v, layout.Version)
			code, err := New(text, Options{Level: c.l, ModuleSize: 1})
			require.NoError(t, err)
			require.Equal(t, layout, code.Layout(), "Plan's layout")
			if layout.Segments == 1 {
				counts["one segment"]++
				zx, err := encoder.Encoder_encode(text, zxtest.Level(c.l),
					map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_QR_VERSION: c.v})
				require.NoError(t, err)
				require.Equal(t, zx.GetMaskPattern(), code.mask, "gozxing's choice of mask")
				requireSameModules(t, zx.GetMatrix(), code)
			} else {
				counts["several segments"]++
				data, err := qr.DataCodewords(text, layout)
				require.NoError(t, err)
				codewords := zxCodewords(t, data, c.v, c.l)
				mask := zxBestMask(t, codewords, c.v, c.l)
				require.Equal(t, mask, code.mask, "the mask of least penalty by gozxing's rules")
				requireSameModules(t, zxMatrix(t, codewords, c.v, c.l, mask), code)
			}
			if *exhaustive || c.v <= 10 {
				counts["every mask"]++
				requireEveryMaskMatches(t, text, layout)
			}
			img := code.Image()
			got, err := gozxingRead(img)
			require.NoError(t, err, "gozxing reads the symbol")
			require.Equal(t, text, got, "gozxing reads the symbol")
			requireSkip2Reads(t, text, c.l, counts)
		})
	}
	t.Logf("symbols checked: %v", counts)
	assert.Positive(t, counts["one segment"])
	assert.Positive(t, counts["several segments"])
}

// requireEveryMaskMatches builds text's symbol under each mask in turn and
// compares it, and its penalty, with gozxing's.
func requireEveryMaskMatches(t *testing.T, text string, layout qr.Layout) {
	t.Helper()
	data, err := qr.DataCodewords(text, layout)
	require.NoError(t, err)
	v, l := layout.Version, layout.Level
	codewords := zxCodewords(t, data, v, l)
	tm := symbol.TemplateOf(v)
	var s scratch
	s.interleave(data, symbol.BlocksOf(v, l, tm.Codewords), tm.Codewords)
	require.Equal(t, codewords, s.codewords, "codewords")
	s.place(tm)
	for mask := range symbol.MaskPatterns {
		zx := zxMatrix(t, codewords, v, l, mask)
		s.applyMask(tm, l, mask)
		require.Equal(t, zxPenalty(zx), penalty(s.m, s.mT, tm.Side, tm.Words, math.MaxInt), "penalty of mask %d", mask)
		c := &Code{mask: mask, side: tm.Side, words: tm.Words, bits: s.m[pad*tm.Words : (pad+tm.Side)*tm.Words]}
		requireSameModules(t, zx, c)
	}
}

// requireSkip2Reads encodes text with go-qrcode, which picks its own
// version, and reads its symbol back with gozxing. go-qrcode's heuristic
// segments can need more than version 40 where Plan fits the text: then
// it must refuse the text, and our version must be one of the largest.
func requireSkip2Reads(t *testing.T, text string, l qr.Level, counts map[string]int) {
	t.Helper()
	q, err := qrcode.New(text, recovery(l))
	if err != nil {
		p, perr := qr.Plan(text, l)
		require.NoError(t, perr)
		require.GreaterOrEqual(t, p.Version, 30, "go-qrcode refuses a text of version %d: %v", p.Version, err)
		counts["go-qrcode refused"]++
		return
	}
	q.DisableBorder = true
	got, err := gozxingRead(modulesImage(q.Bitmap()))
	require.NoError(t, err, "gozxing reads go-qrcode's symbol")
	require.Equal(t, text, got, "gozxing reads go-qrcode's symbol")
	counts["go-qrcode read"]++
}
