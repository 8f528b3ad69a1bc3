package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/zxtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDataCodewordsMatchGozxing compares the capacity qr.Plan counts with
// gozxing's own version table, an independent transcription of ISO/IEC
// 18004 Table 9: a text filling each version has the version's data
// codewords, and qr.DataCodewords writes that many.
func TestDataCodewordsMatchGozxing(t *testing.T) {
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		ver, err := decoder.Version_GetVersionForNumber(v)
		require.NoError(t, err)
		for _, l := range allLevels {
			want := ver.GetTotalCodewords() - ver.GetECBlocksForLevel(zxtest.Level(l)).GetTotalECCodewords()
			text := qrtest.BoundaryText(qr.MaxCharacters(v, l))
			p, err := qr.Plan(text, l)
			require.NoError(t, err)
			require.Equal(t, v, p.Version)
			assert.Equal(t, want, p.CapacityBits/8, "version %d level %v", v, l)
			data, err := qr.DataCodewords(text, p)
			require.NoError(t, err)
			assert.Len(t, data, want, "version %d level %v", v, l)
		}
	}
}

// TestPlanBoundariesSkip2 checks that go-qrcode, choosing on its own, picks
// the versions qr.Plan picks for a text filling each version and for one
// more character (qr's TestPlanBoundaries), which it could not if it fell
// back to byte mode.
func TestPlanBoundariesSkip2(t *testing.T) {
	for _, l := range allLevels {
		for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
			n := qr.MaxCharacters(v, l)
			assert.Equal(t, v, skip2Version(t, qrtest.BoundaryText(n), l), "level %v", l)
			if v < qr.MaxVersion {
				assert.Equal(t, v+1, skip2Version(t, qrtest.BoundaryText(n+1), l), "level %v", l)
			}
		}
	}
}

// TestPlanDigitBoundariesGozxing checks that gozxing's encoder, which
// writes a text of digits in numeric mode, picks the versions qr.Plan picks
// for digits filling each version and for one more (qr's
// TestPlanDigitBoundaries): at the small versions, and at one level in four
// elsewhere, since gozxing's encoder is slow on large versions.
func TestPlanDigitBoundariesGozxing(t *testing.T) {
	r := qrtest.NewRand(41)
	for _, l := range allLevels {
		for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
			if v > 10 && v%4 != int(l-qr.L) {
				continue
			}
			n := maxDigits(t, v, l)
			assert.Equal(t, v, gozxingVersion(t, qrtest.Digits(r, n), l), "level %v", l)
			if v < qr.MaxVersion {
				assert.Equal(t, v+1, gozxingVersion(t, qrtest.Digits(r, n+1), l), "level %v", l)
			}
		}
	}
}

// TestPlanAgainstOtherEncoders compares Plan, for random Base45 texts, with
// the version gozxing's encoder (one alphanumeric segment) and go-qrcode
// (which mixes in numeric segments by a heuristic) pick: never larger, and
// the same as gozxing's unless a run of digits saves a version, which the
// test then shows by the bits. New renders exactly the plan.
func TestPlanAgainstOtherEncoders(t *testing.T) {
	r := qrtest.NewRand(7)
	for i := range 40 {
		l := allLevels[i%len(allLevels)]
		text := qrtest.RandomText(r, 1+r.IntN(qr.MaxCharacters(40, l)))
		t.Run(fmt.Sprintf("%v/%d", l, len(text)), func(t *testing.T) {
			p, err := qr.Plan(text, l)
			require.NoError(t, err)
			zx := gozxingVersion(t, text, l)
			assert.LessOrEqual(t, p.Version, zx, "gozxing")
			if p.Version < zx {
				assert.Greater(t, len(text), qr.MaxCharacters(p.Version, l), "only digit runs save a version")
				assert.Equal(t, qr.ModeMixed, p.Mode)
			}
			assert.LessOrEqual(t, p.Version, skip2Version(t, text, l), "go-qrcode")
			assert.GreaterOrEqual(t, p.Remaining, 0)
			assert.LessOrEqual(t, p.Bits, p.CapacityBits)
			c, err := New(text, Options{Level: l})
			require.NoError(t, err)
			assert.Equal(t, p, c.Layout())
			assert.Equal(t, p.Modules+2*QuietZone, c.Size(), "rendered modules")
		})
	}
}

// TestMixedSegmentsSaveAVersion shows a text that one alphanumeric segment
// (gozxing's choice) puts in version 2 and a numeric segment for its digit
// run fits in version 1, as go-qrcode also finds; New renders version 1.
func TestMixedSegmentsSaveAVersion(t *testing.T) {
	// 20 characters fill version 1 at M in one alphanumeric segment; an
	// alphanumeric "AB" (4+9+11 bits) and 21 digits in a numeric segment
	// (4+10+70 bits) take 108 of its 128 bits.
	text := "AB" + strings.Repeat("1", 21)
	p, err := qr.Plan(text, qr.M)
	require.NoError(t, err)
	assert.Equal(t, qr.Layout{Version: 1, Level: qr.M, Mode: qr.ModeMixed, Modules: 21, Characters: 23,
		Capacity: 24, Remaining: 1, Segments: 2, Bits: 108, CapacityBits: 128}, p)
	assert.Equal(t, 2, gozxingVersion(t, text, qr.M))
	assert.Equal(t, 1, skip2Version(t, text, qr.M))
	c, err := New(text, Options{})
	require.NoError(t, err)
	assert.Equal(t, p, c.Layout())
	assert.Equal(t, p.Modules+2*QuietZone, c.Size())
	assertDecodes(t, c, text)
	// One more letter fits, in a third segment of 4+9+6 bits; two do not.
	more, err := qr.Plan(text+"X", qr.M)
	require.NoError(t, err)
	assert.Equal(t, 1, more.Version)
	more, err = qr.Plan(text+"XY", qr.M)
	require.NoError(t, err)
	assert.Equal(t, 2, more.Version)
}
