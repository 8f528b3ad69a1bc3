package cwt

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// seeds returns the claims sets of the tables and of the COSE WG examples.
func seeds(f *testing.F) [][]byte {
	out := [][]byte{ts.Unhex(f, rfcA1Hex)}
	for _, tc := range acceptedCases {
		out = append(out, ts.Unhex(f, tc.in))
	}
	for _, file := range exampleFiles {
		out = append(out, claimsPayloads(f, loadExample(f, file))...)
	}
	for _, s := range []string{"a2 01 6161 01 6162", "a1 04 f97e00", "a1 01 d9d9f7 6161", "a1 c1 01 01", "a0 00", "80"} {
		out = append(out, ts.Unhex(f, s))
	}
	return out
}

func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, warnings, err := Parse(data)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			require.Nil(t, c)
			require.Nil(t, warnings)
			return
		}
		enc, err := c.MarshalCBOR()
		require.NoError(t, err, "accepted claims encode")
		back, again, err := Parse(enc)
		require.NoError(t, err)
		require.Empty(t, again, "encoded claims need no tolerance")
		require.Equal(t, c, back, "Parse(MarshalCBOR(c)) == c")
		enc2, err := back.MarshalCBOR()
		require.NoError(t, err)
		require.Equal(t, enc, enc2)
		if len(warnings) == 0 && ts.Canonical(data, strictcbor.Unmarshal, strictcbor.Marshal) {
			require.Equal(t, data, enc, "canonical input re-encodes identically")
		}
		for _, skew := range []time.Duration{-time.Hour, 0, time.Hour} {
			if _, err := c.Validate(time.Unix(1444000000, 0), skew); err != nil {
				require.True(t, c.ExpiresAt != nil || c.NotBefore != nil)
			}
		}
	})
}

func FuzzUntag(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
		f.Add(AddTag(s))
	}
	for _, file := range exampleFiles {
		msg := ts.Unhex(f, loadExample(f, file).Output.CBOR)
		f.Add(msg)
		f.Add(AddTag(msg))
	}
	f.Add(ts.Unhex(f, "d83d"))
	f.Add(ts.Unhex(f, "d9003d 01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		inner, tagged, err := Untag(data)
		switch {
		case err != nil:
			require.ErrorIs(t, err, ErrMalformed)
			require.Nil(t, inner)
			require.False(t, tagged)
		case !tagged:
			require.Equal(t, data, inner, "untagged data is returned unchanged")
		default:
			require.NoError(t, strictcbor.Valid(inner), "the content is one valid item")
			require.True(t, bytes.HasSuffix(data, inner))
			if data[0] == 0xd8 {
				require.Equal(t, data, AddTag(inner), "shortest tag head round-trips")
			}
		}

		inner, tagged, err = Untag(AddTag(data))
		if strictcbor.Valid(AddTag(data)) != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		require.NoError(t, err)
		require.True(t, tagged)
		require.Equal(t, data, inner, "Untag(AddTag(x)) == x")
	})
}
