package qr

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr/internal/qrtest"
)

// stream writes a data bit stream by hand: pairs of a value and its
// length in bits, then zero bits to the byte boundary.
func stream(fields ...int) []byte {
	var w bitWriter
	for i := 0; i+1 < len(fields); i += 2 {
		w.write(fields[i], fields[i+1])
	}
	return w.buf
}

// TestParseDataCodewordsRoundTrip reads back what DataCodewords writes:
// numeric, alphanumeric and mixed segments at every size class, and UTF-8
// in byte mode.
func TestParseDataCodewordsRoundTrip(t *testing.T) {
	r := qrtest.NewRand(71)
	texts := []string{"01234567", "HELLO WORLD", "AB" + strings.Repeat("1", 21), "Grüße, ça va? 10 €",
		qrtest.RunsText(r, 700, 3, 20, true), qrtest.RandomText(r, 2000), qrtest.Digits(r, 5000), "A", "7", "78"}
	for _, text := range qrtest.RoundTripTexts() {
		texts = append(texts, text)
	}
	for _, text := range texts {
		for _, l := range []Level{L, H} {
			p, err := PlanUTF8(text, l)
			if err != nil {
				require.ErrorIs(t, err, ErrTooLong)
				continue
			}
			data, err := DataCodewords(text, p)
			require.NoError(t, err)
			got, err := ParseDataCodewords(data, p.Version)
			require.NoError(t, err, "version %d-%v", p.Version, l)
			assert.Equal(t, text, got, "version %d-%v", p.Version, l)
		}
	}
}

// TestParseDataCodewords reads hand-written streams: the end of the data
// without a terminator, the UTF-8 ECI, invalid UTF-8 and the refused
// modes and malformed segments.
func TestParseDataCodewords(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"ends without terminator", stream(0b0010, 4, 2, 9, 45*10+11, 11), "AB", nil},
		{"three bits after the data", stream(0b0001, 4, 2, 10, 42, 7, 0b101, 3), "42", nil},
		{"padding after terminator", stream(0b0001, 4, 2, 10, 42, 7, 0, 4, 0xec, 8, 0x11, 8), "42", nil},
		{"UTF-8 ECI then bytes", stream(0b0111, 4, 26, 8, 0b0100, 4, 2, 8, 0xc3, 8, 0xa9, 8, 0, 4), "é", nil},
		{"invalid UTF-8", stream(0b0100, 4, 3, 8, 'a', 8, 0xff, 8, 'b', 8), "a\uFFFDb", nil},
		{"empty", nil, "", nil},
		{"Kanji", stream(0b1000, 4, 1, 8, 0x1aaa, 13), "", ErrUnsupportedMode},
		{"Hanzi", stream(0b1101, 4, 1, 4, 1, 8, 0x1aaa, 13), "", ErrUnsupportedMode},
		{"ECI ISO-8859-1", stream(0b0111, 4, 3, 8, 0b0100, 4, 1, 8, 0xe9, 8), "", ErrUnsupportedMode},
		{"structured append", stream(0b0011, 4, 0x01, 8, 0x42, 8, 0b0001, 4, 1, 10, 7, 4), "", ErrUnsupportedMode},
		{"FNC1", stream(0b0101, 4, 0b0010, 4, 1, 9, 10, 6), "", ErrUnsupportedMode},
		{"numeric triple 1000", stream(0b0001, 4, 3, 10, 1000, 10), "", ErrMalformedData},
		{"numeric pair 100", stream(0b0001, 4, 2, 10, 100, 7), "", ErrMalformedData},
		{"numeric single 10", stream(0b0001, 4, 1, 10, 10, 4), "", ErrMalformedData},
		{"alphanumeric pair 2025", stream(0b0010, 4, 2, 9, 2025, 11), "", ErrMalformedData},
		{"alphanumeric single 45", stream(0b0010, 4, 1, 9, 45, 6), "", ErrMalformedData},
		{"numeric past the data", stream(0b0001, 4, 9, 10, 123, 10), "", ErrMalformedData},
		{"bytes past the data", stream(0b0100, 4, 3, 8, 'a', 8), "", ErrMalformedData},
		{"count past the data", stream(0b0010, 4, 1, 3), "", ErrMalformedData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDataCodewords(tt.data, 1)
			require.ErrorIs(t, err, tt.err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := ParseDataCodewords(nil, 41)
	require.ErrorIs(t, err, ErrMalformedData)
}

// TestParseDataCodewordsCountBits reads the longer character counts of
// versions 10 and 27.
func TestParseDataCodewordsCountBits(t *testing.T) {
	for v, bits := range map[int]int{9: 9, 10: 11, 26: 11, 27: 13} {
		got, err := ParseDataCodewords(stream(0b0010, 4, 1, bits, 12, 6), v)
		require.NoError(t, err)
		assert.Equal(t, "C", got, "version %d", v)
	}
}

// FuzzParseDataCodewords checks that any data either reads, as valid UTF-8
// of at most 3 bytes a codeword, or fails with one of the two errors and
// no text.
func FuzzParseDataCodewords(f *testing.F) {
	f.Add(stream(0b0010, 4, 2, 9, 45*10+11, 11), uint8(1))
	f.Add(stream(0b0111, 4, 26, 8, 0b0100, 4, 1, 8, 0xff, 8), uint8(5))
	f.Add(stream(0b0001, 4, 3, 12, 999, 10), uint8(12))
	f.Fuzz(func(t *testing.T, data []byte, version uint8) {
		text, err := ParseDataCodewords(data, int(version%41))
		if err != nil {
			assert.Empty(t, text)
			require.True(t, errors.Is(err, ErrMalformedData) || errors.Is(err, ErrUnsupportedMode), "%v", err)
			return
		}
		assert.True(t, utf8.ValidString(text))
		assert.LessOrEqual(t, len(text), 3*len(data))
	})
}
