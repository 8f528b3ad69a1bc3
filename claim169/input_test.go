package claim169

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
)

// Decode accepts exactly one trailing LF or CRLF, as the command does, and
// nothing else.
func TestDecodeTrailingNewline(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
	require.NoError(t, err)
	for _, suffix := range []string{"", "\n", "\r\n"} {
		res, err := dec.Decode(text + suffix)
		require.NoError(t, err, "%q", suffix)
		assert.Equal(t, "ID-42", res.Identity.ID)
	}
	for _, suffix := range []string{"\n\n", "\r", "\r\n\n", " \n", "\n\r\n"} {
		_, err := dec.Decode(text + suffix)
		require.ErrorIs(t, err, ErrMalformed, "%q", suffix)
	}
}

// Text damaged on the way from the scanner gets a hint, at the stage that
// refused it, without quoting the text.
func TestDecodeInputHints(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	text := issueForTest(t, key, "k1")
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(key.Public())})
	require.NoError(t, err)
	tests := []struct {
		name, text, hint string
	}{
		{"empty", "", "empty input"},
		{"only a newline", "\n", "empty input"},
		{"lower-cased", strings.ToLower(text), "lower-case letters"},
		{"HC1 prefix", "HC1:" + text, `prefix ending in ':'`},
		{"leading space", " " + text, "starts with whitespace"},
		{"leading tab", "\t" + text, "starts with whitespace"},
		{"byte order mark", "\uFEFF" + text, "byte order mark"},
		{"double quotes", `"` + text + `"`, "in quotes"},
		{"single quotes", "'" + text + "'", "in quotes"},
		{"two trailing newlines", text + "\n\n", "more than one newline"},
		{"trailing CR", text + "\r", "more than one newline"},
		{"trailing space", text + " ", "ends with whitespace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := dec.Decode(tc.text)
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, res)
			assert.Contains(t, err.Error(), tc.hint)
			if tc.text != "" {
				// The text is never quoted back, even in part.
				assert.NotContains(t, err.Error(), text[:12])
				assert.NotContains(t, strings.ToLower(err.Error()), strings.ToLower(text[:12]))
			}
			_, err = dec.Inspect(tc.text)
			assert.Contains(t, err.Error(), tc.hint, "every entry point reads text alike")
		})
	}

	// The Base45 error stays reachable under the hint.
	_, err = dec.Decode("'" + text + "'")
	var corrupt base45.CorruptInputError
	require.True(t, errors.As(err, &corrupt))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, StageBase45, e.Stage)

	// Text that is simply wrong gets no hint.
	_, err = dec.Decode(text[:30] + "!" + text[31:])
	require.ErrorIs(t, err, ErrMalformed)
	var h *hinted
	assert.False(t, errors.As(err, &h), "no hint: %v", err)
}
