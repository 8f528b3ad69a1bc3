package qr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxCharactersTable7 checks figures printed in ISO/IEC 18004 Table 7
// (alphanumeric column) and in the Claim 169 specification.
func TestMaxCharactersTable7(t *testing.T) {
	tests := []struct {
		version    int
		l, m, q, h int
	}{
		{1, 25, 20, 16, 10},
		{2, 47, 38, 29, 20},
		{5, 154, 122, 87, 64},
		{8, 279, 221, 157, 122},
		{9, 335, 262, 189, 143},
		{10, 395, 311, 221, 174},
		{20, 1249, 970, 702, 557},
		{40, 4296, 3391, 2420, 1852},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("version ", tt.version), func(t *testing.T) {
			assert.Equal(t, tt.l, MaxCharacters(tt.version, L))
			assert.Equal(t, tt.m, MaxCharacters(tt.version, M))
			assert.Equal(t, tt.q, MaxCharacters(tt.version, Q))
			assert.Equal(t, tt.h, MaxCharacters(tt.version, H))
		})
	}
	assert.Equal(t, MaxCharacters(40, M), MaxCharacters(40, 0), "zero level is M")
	// Byte mode at version 40, level M (the Claim 169 specification's figure).
	assert.Equal(t, 2331, capacity(ModeByte, 40, M))
}

// TestNumericCapacityTable7 checks figures of the numeric column of ISO/IEC
// 18004 Table 7.
func TestNumericCapacityTable7(t *testing.T) {
	tests := []struct {
		version    int
		l, m, q, h int
	}{
		{1, 41, 34, 27, 17},
		{2, 77, 63, 48, 34},
		{9, 552, 432, 312, 235},
		{10, 652, 513, 364, 288},
		{26, 3283, 2544, 1804, 1425},
		{27, 3517, 2701, 1933, 1501},
		{40, 7089, 5596, 3993, 3057},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("version ", tt.version), func(t *testing.T) {
			for i, want := range []int{tt.l, tt.m, tt.q, tt.h} {
				assert.Equal(t, want, capacity(ModeNumeric, tt.version, allLevels[i]), "level %v", allLevels[i])
			}
		})
	}
}

func TestMaxCharactersInvalid(t *testing.T) {
	tests := []struct {
		name    string
		version int
		level   Level
	}{
		{"version 0", 0, M},
		{"version 41", 41, M},
		{"negative version", -1, L},
		{"level out of range", 1, H + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Zero(t, MaxCharacters(tt.version, tt.level))
		})
	}
}

// TestDataCodewordsMatchGozxing compares the table with gozxing's own
// version table, an independent transcription of ISO/IEC 18004 Table 9.
func TestDataCodewordsMatchGozxing(t *testing.T) {
	for v := MinVersion; v <= MaxVersion; v++ {
		ver, err := decoder.Version_GetVersionForNumber(v)
		require.NoError(t, err)
		for _, l := range allLevels {
			want := ver.GetTotalCodewords() - ver.GetECBlocksForLevel(l.zx()).GetTotalECCodewords()
			assert.Equal(t, want, dataCodewords[v-1][l.index()], "version %d level %v", v, l)
		}
	}
}

// boundaryText returns n characters without digits, so that no encoder can
// save bits with numeric segments and the alphanumeric capacity is exact.
func boundaryText(n int) string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	var b strings.Builder
	for i := range n {
		b.WriteByte(letters[(i*7)%len(letters)])
	}
	return b.String()
}

// fullLayout is the layout of n characters in one segment of the given
// mode and bits that fill version v at level l.
func fullLayout(v int, l Level, mode Mode, n, bits int) Layout {
	return Layout{
		Version: v, Level: l, Mode: mode, Modules: 17 + 4*v,
		Characters: n, Capacity: n, Remaining: 0,
		Segments: 1, Bits: bits, CapacityBits: 8 * dataCodewords[v-1][l.index()],
	}
}

// TestPlanBoundaries checks, at every version and level, that a text filling
// the capacity gets that version and one more character the next; and that
// go-qrcode, choosing on its own, picks the same versions, which it could not
// if it fell back to byte mode. The texts hold no digit, so one
// alphanumeric segment is the only encoding and Table 7 is exact.
func TestPlanBoundaries(t *testing.T) {
	for _, l := range allLevels {
		for v := MinVersion; v <= MaxVersion; v++ {
			n := MaxCharacters(v, l)
			full, err := Plan(boundaryText(n), l)
			require.NoError(t, err)
			bits := modeIndicatorBits + countBits(ModeAlphanumeric, v) + alnumDataBits(n)
			assert.Equal(t, fullLayout(v, l, ModeAlphanumeric, n, bits), full)
			assert.Equal(t, v, skip2Version(t, boundaryText(n), l), "level %v", l)

			over, err := Plan(boundaryText(n+1), l)
			if v == MaxVersion {
				require.ErrorIs(t, err, ErrTooLong)
				assert.Equal(t, Layout{}, over)
				continue
			}
			require.NoError(t, err)
			assert.Equal(t, v+1, over.Version, "level %v", l)
			assert.Equal(t, v+1, skip2Version(t, boundaryText(n+1), l), "level %v", l)
		}
	}
}

// TestPlanDigitBoundaries does the same for texts of digits, which one
// numeric segment holds at the numeric figures of Table 7; gozxing's
// encoder, which writes such text in numeric mode, agrees (checked at the
// small versions and one level in four elsewhere).
func TestPlanDigitBoundaries(t *testing.T) {
	r := newRand(41)
	for _, l := range allLevels {
		for v := MinVersion; v <= MaxVersion; v++ {
			n := capacity(ModeNumeric, v, l)
			full, err := Plan(digits(r, n), l)
			require.NoError(t, err)
			bits := modeIndicatorBits + countBits(ModeNumeric, v) + numericDataBits(n)
			assert.Equal(t, fullLayout(v, l, ModeNumeric, n, bits), full)
			// gozxing's encoder is slow on large versions: compare some.
			oracle := v <= 10 || v%4 == l.index()
			if oracle {
				assert.Equal(t, v, gozxingVersion(t, digits(r, n), l), "level %v", l)
			}

			over, err := Plan(digits(r, n+1), l)
			if v == MaxVersion {
				require.ErrorIs(t, err, ErrTooLong)
				assert.Equal(t, Layout{}, over)
				continue
			}
			require.NoError(t, err)
			assert.Equal(t, v+1, over.Version, "level %v", l)
			if oracle {
				assert.Equal(t, v+1, gozxingVersion(t, digits(r, n+1), l), "level %v", l)
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
	r := newRand(7)
	for i := range 40 {
		l := allLevels[i%len(allLevels)]
		text := randomText(r, 1+r.IntN(MaxCharacters(40, l)))
		t.Run(fmt.Sprintf("%v/%d", l, len(text)), func(t *testing.T) {
			p, err := Plan(text, l)
			require.NoError(t, err)
			zx := gozxingVersion(t, text, l)
			assert.LessOrEqual(t, p.Version, zx, "gozxing")
			if p.Version < zx {
				assert.Greater(t, len(text), MaxCharacters(p.Version, l), "only digit runs save a version")
				assert.Equal(t, ModeMixed, p.Mode)
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
	p, err := Plan(text, M)
	require.NoError(t, err)
	assert.Equal(t, Layout{Version: 1, Level: M, Mode: ModeMixed, Modules: 21, Characters: 23,
		Capacity: 24, Remaining: 1, Segments: 2, Bits: 108, CapacityBits: 128}, p)
	assert.Equal(t, 2, gozxingVersion(t, text, M))
	assert.Equal(t, 1, skip2Version(t, text, M))
	c, err := New(text, Options{})
	require.NoError(t, err)
	assert.Equal(t, p, c.Layout())
	assert.Equal(t, p.Modules+2*QuietZone, c.Size())
	assertDecodes(t, c, text)
	// One more letter fits, in a third segment of 4+9+6 bits; two do not.
	more, err := Plan(text+"X", M)
	require.NoError(t, err)
	assert.Equal(t, 1, more.Version)
	more, err = Plan(text+"XY", M)
	require.NoError(t, err)
	assert.Equal(t, 2, more.Version)
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		level Level
		want  error
	}{
		{"empty", "", M, ErrEmpty},
		{"lower case", "HELLo", M, ErrNotAlphanumeric},
		{"newline", "AB\n", M, ErrNotAlphanumeric},
		{"non-ASCII", "ÄB", M, ErrNotAlphanumeric},
		{"too long at H", boundaryText(MaxCharacters(40, H) + 1), H, ErrTooLong},
		{"too long at L", boundaryText(MaxCharacters(40, L) + 1), L, ErrTooLong},
		{"invalid level", "AB", H + 1, ErrLevel},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Plan(tt.text, tt.level)
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, Layout{}, p)
			if tt.text != "" {
				assert.NotContains(t, err.Error(), tt.text, "no text in errors")
			}
		})
	}
}

func TestPlanErrorOffset(t *testing.T) {
	_, err := Plan("ABC d", M)
	require.ErrorIs(t, err, ErrNotAlphanumeric)
	assert.Equal(t, "qr: character outside the QR alphanumeric set at offset 4", err.Error())
}

func TestLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
	}{
		{"L", L}, {"M", M}, {"Q", Q}, {"H", H}, {"l", L}, {"q", Q},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLevel(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, strings.ToUpper(tt.in), got.String())
		})
	}
	for _, bad := range []string{"", "X", "MM", " M", "0"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, err := ParseLevel(bad)
			assert.ErrorIs(t, err, ErrLevel)
		})
	}
	assert.Equal(t, "M", Level(0).String())
	assert.Equal(t, "invalid", Level(9).String())
	assert.Equal(t, "alphanumeric", ModeAlphanumeric.String())
	assert.Equal(t, "byte", ModeByte.String())
	assert.Equal(t, "numeric", ModeNumeric.String())
	assert.Equal(t, "mixed", ModeMixed.String())
	assert.Equal(t, "invalid", Mode(0).String())
}
