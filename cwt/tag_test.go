package cwt

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// sign1 is a small well-formed tagged COSE_Sign1 shape: 18([h”, {}, h”, h”]).
const sign1 = "d2 84 40 a0 40 40"

func TestUntag(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   string
		tagged bool
	}{
		{"untagged sign1", sign1, sign1, false},
		{"tag 61", "d83d " + sign1, sign1, true},
		{"tag 61 in two bytes", "d9003d " + sign1, sign1, true},
		{"tag 61 in four bytes", "da0000003d " + sign1, sign1, true},
		{"tag 61 in eight bytes", "db000000000000003d " + sign1, sign1, true},
		{"only one tag stripped", "d83d d83d " + sign1, "d83d " + sign1, true},
		{"tag 61 around anything well-formed", "d83d 01", "01", true},
		{"other tag unchanged", "d8 3c " + sign1, "d8 3c " + sign1, false},
		{"tag 61 lower in the item unchanged", "81 d83d 01", "81 d83d 01", false},
		{"empty unchanged", "", "", false},
		{"truncated head unchanged", "d9 00", "d9 00", false},
		{"not cbor unchanged", "ff", "ff", false},
		{"indefinite tag head unchanged", "df", "df", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := ts.Unhex(t, tc.in)
			inner, tagged, err := Untag(in)
			require.NoError(t, err)
			assert.Equal(t, tc.tagged, tagged)
			assert.Equal(t, ts.Unhex(t, tc.want), inner)
		})
	}
}

func TestUntagRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"tag 61 alone", "d83d"},
		{"tag 61 around break", "d83d ff"},
		{"tag 61 around truncated item", "d83d 84 40 a0"},
		{"tag 61 with trailing bytes", "d83d " + sign1 + " 00"},
		{"tag 61 around two items", "d83d 01 01"},
		{"tag 61 beyond the nesting limit", "d83d " + deepArray(strictcbor.MaxNestedLevels+1)},
		{"tag 61 around a too-long tag chain", "d83d " + strings.Repeat("d818", strictcbor.MaxNestedLevels+1) + "00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			inner, tagged, err := Untag(ts.Unhex(t, tc.in))
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, inner)
			assert.False(t, tagged)
		})
	}
}

func TestAddTag(t *testing.T) {
	msg := ts.Unhex(t, sign1)
	orig := append([]byte(nil), msg...)
	got := AddTag(msg)
	assert.Equal(t, ts.Unhex(t, "d83d "+sign1), got)
	assert.Equal(t, orig, msg, "input unchanged")
	got[2] = 0
	assert.Equal(t, orig, msg, "output does not alias the input")

	assert.Equal(t, ts.Unhex(t, "d83d"), AddTag(nil))
}
