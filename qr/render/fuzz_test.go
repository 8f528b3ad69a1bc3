package render

import (
	"strings"
	"testing"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/scan"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
