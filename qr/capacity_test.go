package qr

import (
	"fmt"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCapacityTable7 checks figures printed in ISO/IEC 18004 Table 7 (the
// alphanumeric column, which MaxCharacters gives, and the numeric one) and
// in the Claim 169 specification.
func TestCapacityTable7(t *testing.T) {
	tests := []struct {
		mode       Mode
		version    int
		l, m, q, h int
	}{
		{ModeAlphanumeric, 1, 25, 20, 16, 10},
		{ModeAlphanumeric, 2, 47, 38, 29, 20},
		{ModeAlphanumeric, 5, 154, 122, 87, 64},
		{ModeAlphanumeric, 8, 279, 221, 157, 122},
		{ModeAlphanumeric, 9, 335, 262, 189, 143},
		{ModeAlphanumeric, 10, 395, 311, 221, 174},
		{ModeAlphanumeric, 20, 1249, 970, 702, 557},
		{ModeAlphanumeric, 40, 4296, 3391, 2420, 1852},
		{ModeNumeric, 1, 41, 34, 27, 17},
		{ModeNumeric, 2, 77, 63, 48, 34},
		{ModeNumeric, 9, 552, 432, 312, 235},
		{ModeNumeric, 10, 652, 513, 364, 288},
		{ModeNumeric, 26, 3283, 2544, 1804, 1425},
		{ModeNumeric, 27, 3517, 2701, 1933, 1501},
		{ModeNumeric, 40, 7089, 5596, 3993, 3057},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("mode %d version %d", tt.mode, tt.version), func(t *testing.T) {
			for i, want := range []int{tt.l, tt.m, tt.q, tt.h} {
				assert.Equal(t, want, capacity(tt.mode, tt.version, allLevels[i]), "level %v", allLevels[i])
				if tt.mode == ModeAlphanumeric {
					assert.Equal(t, want, MaxCharacters(tt.version, allLevels[i]), "level %v", allLevels[i])
				}
			}
		})
	}
	assert.Equal(t, MaxCharacters(40, M), MaxCharacters(40, 0), "zero level is M")
	assert.Len(t, qrtest.Version20Text(), MaxCharacters(20, M), "the benchmarks' text fills version 20 at M")
	// Byte mode at version 40, level M (the Claim 169 specification's figure).
	assert.Equal(t, 2331, capacity(ModeByte, 40, M))
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
// the capacity gets that version and one more character the next (go-qrcode
// picks the same versions: TestPlanBoundariesSkip2 in package render). The
// texts hold no digit, so one alphanumeric segment is the only encoding and
// Table 7 is exact.
func TestPlanBoundaries(t *testing.T) {
	planBoundaries(t, ModeAlphanumeric, MaxCharacters, qrtest.BoundaryText, alnumDataBits)
}

// TestPlanDigitBoundaries does the same for texts of digits, which one
// numeric segment holds at the numeric figures of Table 7 (gozxing's
// encoder, which writes such text in numeric mode, agrees:
// TestPlanDigitBoundariesGozxing in package render).
func TestPlanDigitBoundaries(t *testing.T) {
	r := qrtest.NewRand(41)
	planBoundaries(t, ModeNumeric, func(v int, l Level) int { return capacity(ModeNumeric, v, l) },
		func(n int) string { return qrtest.Digits(r, n) }, numericDataBits)
}

// planBoundaries checks, at every version and level, that text(n) of the
// n = maxChars(v, l) characters one segment of mode holds gets version v
// with dataBits(n) bits, and that one more character gets version v+1, or
// ErrTooLong at MaxVersion.
func planBoundaries(t *testing.T, mode Mode, maxChars func(int, Level) int, text func(int) string, dataBits func(int) int) {
	t.Helper()
	for _, l := range allLevels {
		for v := MinVersion; v <= MaxVersion; v++ {
			n := maxChars(v, l)
			full, err := Plan(text(n), l)
			require.NoError(t, err)
			bits := modeIndicatorBits + countBits(mode, v) + dataBits(n)
			assert.Equal(t, fullLayout(v, l, mode, n, bits), full)

			over, err := Plan(text(n+1), l)
			if v == MaxVersion {
				require.ErrorIs(t, err, ErrTooLong)
				assert.Equal(t, Layout{}, over)
				continue
			}
			require.NoError(t, err)
			assert.Equal(t, v+1, over.Version, "level %v", l)
		}
	}
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
		{"too long at H", qrtest.BoundaryText(MaxCharacters(40, H) + 1), H, ErrTooLong},
		{"too long at L", qrtest.BoundaryText(MaxCharacters(40, L) + 1), L, ErrTooLong},
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
