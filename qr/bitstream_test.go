package qr

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

// TestDataCodewords checks the data stream of texts in one and in several
// segments, and in byte mode: as long as the version's data codewords,
// padded with 0xEC 0x11, and beginning with the segments' bits. The
// Reed-Solomon codewords of the published examples are checked in package
// render (TestCodewordsPublishedExamples).
func TestDataCodewords(t *testing.T) {
	tests := []struct {
		name, text string
		utf8       bool
		level      Level
		want       []byte // the leading codewords
	}{
		{"numeric example", "01234567", false, M, []byte{0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11}},
		{"HELLO WORLD", "HELLO WORLD", false, M, []byte{32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17}},
		// "AB" alphanumeric (0010 000000010 00111001101), then numeric
		// (0001 0000010101) and the digits, "111" as 0001101111.
		{"mixed", "AB" + strings.Repeat("1", 21), false, M, []byte{0x20, 0x11, 0xcd, 0x10, 0x54, 0x6f}},
		// 0100, count 00000010, then the bytes 0xc3 0xa4.
		{"byte mode", "\u00e4", true, L, []byte{0x40, 0x2c, 0x3a, 0x40, 0xec, 0x11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			planner := Plan
			if tt.utf8 {
				planner = PlanUTF8
			}
			p, err := planner(tt.text, tt.level)
			require.NoError(t, err)
			data, err := DataCodewords(tt.text, p)
			require.NoError(t, err)
			assert.Len(t, data, p.CapacityBits/8)
			assert.Equal(t, tt.want, data[:len(tt.want)])
			for i := (p.Bits+terminatorBits+7)/8 + 1; i < len(data); i++ {
				assert.Equal(t, padCodewords[(i-(p.Bits+terminatorBits+7)/8)%2], data[i], "pad codeword %d", i)
			}
		})
	}
}

func TestDataCodewordsErrors(t *testing.T) {
	p, err := Plan("HELLO", M)
	require.NoError(t, err)
	other := p
	other.Version++
	tests := []struct {
		name   string
		text   string
		layout Layout
		want   error
	}{
		{"empty", "", p, ErrEmpty},
		{"not alphanumeric", "hello", p, ErrNotAlphanumeric},
		{"not UTF-8 in byte mode", "\xff", Layout{Level: M, Mode: ModeByte}, ErrNotUTF8},
		{"invalid level", "HELLO", Layout{Level: H + 1}, ErrLevel},
		{"too long", strings.Repeat("A", MaxCharacters(MaxVersion, M)+1), p, ErrTooLong},
		{"zero layout", "HELLO", Layout{}, errNotPlanned},
		{"another version", "HELLO", other, errNotPlanned},
		{"another text", "HELLP", p, nil},
		{"another length", "HELLO1", p, errNotPlanned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := DataCodewords(tt.text, tt.layout)
			if tt.want == nil {
				require.NoError(t, err, "same layout")
				return
			}
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, data)
		})
	}
}

func TestPlanUTF8(t *testing.T) {
	text := "Grüße aus Zürich: ça va? 10 €"
	_, err := Plan(text, M)
	require.ErrorIs(t, err, ErrNotAlphanumeric)

	p, err := PlanUTF8(text, M)
	require.NoError(t, err)
	assert.Equal(t, ModeByte, p.Mode)
	assert.Equal(t, len(text), p.Characters)
	assert.Equal(t, capacity(ModeByte, p.Version, M), p.Capacity)
	assert.Equal(t, modeIndicatorBits+countBits(ModeByte, p.Version)+8*len(text), p.Bits)

	// Alphanumeric text is planned as by Plan.
	for _, text := range []string{"HELLO WORLD", "AB" + strings.Repeat("1", 21)} {
		want, err := Plan(text, Q)
		require.NoError(t, err)
		got, err := PlanUTF8(text, Q)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	_, err = PlanUTF8("AB\xff", M)
	require.ErrorIs(t, err, ErrNotUTF8)
	_, err = PlanUTF8(strings.Repeat("a", capacity(ModeByte, MaxVersion, Q)+1), Q)
	require.ErrorIs(t, err, ErrTooLong)
}
