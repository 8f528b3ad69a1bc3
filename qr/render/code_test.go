package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/scan"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoundTrip(t *testing.T) {
	for name, text := range qrtest.RoundTripTexts() {
		for _, l := range allLevels {
			t.Run(fmt.Sprintf("%s/%v", name, l), func(t *testing.T) {
				c, err := New(text, Options{Level: l, ModuleSize: 3})
				require.NoError(t, err)
				got, err := scan.Image(c.Image())
				require.NoError(t, err)
				assert.Equal(t, text, got)

				var buf bytes.Buffer
				require.NoError(t, c.WritePNG(&buf))
				got, err = scan.Reader(&buf)
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
			got, err := scan.Image(c.Image())
			require.NoError(t, err)
			assert.Equal(t, text, got)
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
		got, err := scan.Image(c.Image())
		require.NoError(t, err)
		require.Equal(t, text, got)
		if c.Layout().Mode != qr.ModeByte {
			// gozxing's reader guesses the charset of byte mode; numeric
			// and alphanumeric segments it reads exactly.
			got, err = gozxingRead(c.Image())
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
	got, err := scan.Image(c.Image())
	require.NoError(t, err)
	assert.Equal(t, text, got)

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
