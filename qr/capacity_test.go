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

var allLevels = []Level{L, M, Q, H}

// zxLevel is the gozxing name of a level.
func zxLevel(l Level) decoder.ErrorCorrectionLevel {
	return [...]decoder.ErrorCorrectionLevel{
		decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_M,
		decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H,
	}[l.index()]
}

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
			want := ver.GetTotalCodewords() - ver.GetECBlocksForLevel(zxLevel(l)).GetTotalECCodewords()
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

// TestPlanBoundaries checks, at every version and level, that a text filling
// the capacity gets that version and one more character the next; and that
// go-qrcode, choosing on its own, picks the same versions, which it could not
// if it fell back to byte mode.
func TestPlanBoundaries(t *testing.T) {
	for _, l := range allLevels {
		for v := MinVersion; v <= MaxVersion; v++ {
			n := MaxCharacters(v, l)
			full, err := Plan(boundaryText(n), l)
			require.NoError(t, err)
			assert.Equal(t, Layout{Version: v, Level: l, Mode: ModeAlphanumeric, Modules: 17 + 4*v,
				Characters: n, Capacity: n, Remaining: 0}, full)
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

// skip2Version is the version go-qrcode picks for text by itself.
func skip2Version(t testing.TB, text string, l Level) int {
	t.Helper()
	q, err := qrcode.New(text, l.recovery())
	require.NoError(t, err)
	return q.VersionNumber
}

// TestPlanAgainstOtherEncoders compares Plan, for random Base45 texts, with
// the version gozxing's encoder (one alphanumeric segment) picks, with what
// go-qrcode picks by itself (it may mix in numeric segments and need less),
// and with what New renders.
func TestPlanAgainstOtherEncoders(t *testing.T) {
	r := newRand(7)
	for i := range 40 {
		l := allLevels[i%len(allLevels)]
		text := randomText(r, 1+r.IntN(MaxCharacters(40, l)))
		t.Run(fmt.Sprintf("%v/%d", l, len(text)), func(t *testing.T) {
			p, err := Plan(text, l)
			require.NoError(t, err)
			zx, werr := encoder.Encoder_encodeWithoutHint(text, zxLevel(l))
			require.NoError(t, werr)
			assert.Equal(t, zx.GetVersion().GetVersionNumber(), p.Version, "gozxing")
			assert.Equal(t, "ALPHANUMERIC", zx.GetMode().String())
			assert.LessOrEqual(t, skip2Version(t, text, l), p.Version, "go-qrcode")
			assert.GreaterOrEqual(t, p.Remaining, 0)
			assert.Less(t, MaxCharacters(p.Version-1, l), len(text))
			c, err := New(text, Options{Level: l})
			require.NoError(t, err)
			assert.Equal(t, p, c.Layout())
			assert.Equal(t, p.Modules+2*QuietZone, c.Size(), "rendered modules")
		})
	}
}

// TestNewKeepsPlannedVersion shows a text where go-qrcode alone would save a
// version with a numeric segment, and New still renders the planned one.
func TestNewKeepsPlannedVersion(t *testing.T) {
	// 20 characters fill version 1 at M; a long digit run lets mixed
	// segments hold 23.
	text := "AB" + strings.Repeat("1", 21)
	p, err := Plan(text, M)
	require.NoError(t, err)
	require.Equal(t, 2, p.Version)
	assert.Equal(t, 1, skip2Version(t, text, M))
	c, err := New(text, Options{})
	require.NoError(t, err)
	assert.Equal(t, p, c.Layout())
	assert.Equal(t, p.Modules+2*QuietZone, c.Size())
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
	assert.Equal(t, "invalid", Mode(0).String())
}
