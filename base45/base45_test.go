package base45_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/vectors"
)

// testAlphabet is RFC 9285 §4, Table 1, written out again so that the tests
// do not share the implementation's table.
const testAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// validVectors pairs bytes with their one Base45 encoding.
var validVectors = []struct {
	name    string
	decoded string
	encoded string
}{
	{"rfc 9285 4.3 AB", "AB", "BB8"},
	{"rfc 9285 4.3 Hello!!", "Hello!!", "%69 VD92EX0"},
	{"rfc 9285 4.3 base-45", "base-45", "UJCLQE7W581"},
	{"rfc 9285 4.4 ietf!", "ietf!", "QED8WEX0"},
	{"empty", "", ""},
	{"single zero byte", "\x00", "00"},
	{"single 0xff is the largest tail U5=255", "\xff", "U5"},
	{"two zero bytes", "\x00\x00", "000"},
	{"0x0100 is V50=256", "\x01\x00", "V50"},
	{"0xffff is the largest group FGW=65535", "\xff\xff", "FGW"},
	{"leading space carries data", "\x24", " 0"},
	{"inner space carries data", "\x06\x54", "0 0"},
	{"colon is the last character", "\x2c", ":0"},
	{"three bytes", "\xff\xff\xff", "FGWU5"},
}

func TestEncodeVectors(t *testing.T) {
	for _, tc := range validVectors {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.decoded)
			assert.Equal(t, tc.encoded, base45.EncodeToString(src))

			dst := make([]byte, base45.EncodedLen(len(src)))
			n := base45.Encode(dst, src)
			assert.Equal(t, len(tc.encoded), n)
			assert.Equal(t, tc.encoded, string(dst[:n]))

			assert.Equal(t, "prefix:"+tc.encoded, string(base45.AppendEncode([]byte("prefix:"), src)))
		})
	}
}

func TestDecodeVectors(t *testing.T) {
	for _, tc := range validVectors {
		t.Run(tc.name, func(t *testing.T) {
			got, err := base45.DecodeString(tc.encoded)
			require.NoError(t, err)
			assert.Equal(t, tc.decoded, string(got))

			dst := make([]byte, base45.DecodedLen(len(tc.encoded)))
			n, err := base45.Decode(dst, []byte(tc.encoded))
			require.NoError(t, err)
			assert.Equal(t, tc.decoded, string(dst[:n]))

			app, err := base45.AppendDecode([]byte("prefix:"), []byte(tc.encoded))
			require.NoError(t, err)
			assert.Equal(t, "prefix:"+tc.decoded, string(app))
		})
	}
}

// rejection is input the decoders refuse, with the offset its
// CorruptInputError gives.
type rejection struct {
	name   string
	input  string
	offset int64
}

// invalidVectors are rejected; offset is the CorruptInputError value.
var invalidVectors = []rejection{
	{"rfc 9285 GGW is 65536", "GGW", 0},
	{"group above 65535 after a valid group", "FGWGGW", 3},
	{"largest three-character value :::", ":::", 0},
	{"two-char tail V5 is 256", "V5", 0},
	{"two-char tail ZZ", "ZZ", 0},
	{"two-char tail :: after a group", "BB8::", 3},
	{"dangling single character", "A", 0},
	{"dangling character after a group", "BB8A", 3},
	{"dangling character outside the alphabet", "BB8a", 3},
	{"dangling space", "BB8 ", 3},
	{"space as a group's last character is above 65535", "00 ", 0},
	{"space as a tail's last character is above 255", "BB80 ", 3},
	{"lower case first", "bb8", 0},
	{"lower case second", "Bb8", 1},
	{"lower case in second group", "BB8Bb8", 4},
	{"lower case in tail", "BB8Ub", 4},
	{"newline inside a group", "BB\n8", 2},
	{"trailing CRLF", "BB8\r\n", 3},
	{"trailing newline makes a dangling character", "BB8\n", 3},
	{"tab", "B\tB", 1},
	{"NUL byte", "\x00B8", 0},
	{"byte 0x80", "BB\x80", 2},
	{"byte 0xff", "BB8B\xff", 4},
	{"invalid character beats range in the same group", "GG!", 2},
	{"earlier out-of-range group beats later invalid character", "GGW!!!", 0},
	{"earlier invalid character beats later dangling character", "B!8BB8A", 1},
	{"idpass bad-base45 vector", "THIS!IS@NOT#VALID$BASE45%DATA", 4},
}

func TestDecodeInvalid(t *testing.T) {
	for _, tc := range invalidVectors {
		t.Run(tc.name, func(t *testing.T) {
			requireRejected(t, tc.input, tc.offset)
		})
	}
}

// requireRejected checks that every decoding function rejects input with a
// CorruptInputError at offset and returns no output.
func requireRejected(t *testing.T, input string, offset int64) {
	t.Helper()
	got, err := base45.DecodeString(input)
	assert.Nil(t, got)
	var cie base45.CorruptInputError
	require.ErrorAs(t, err, &cie)
	assert.Equal(t, offset, int64(cie))

	dst := make([]byte, base45.DecodedLen(len(input)))
	n, err := base45.Decode(dst, []byte(input))
	assert.Zero(t, n)
	require.ErrorAs(t, err, &cie)
	assert.Equal(t, offset, int64(cie))

	prefix := []byte("prefix:")
	app, err := base45.AppendDecode(prefix, []byte(input))
	assert.Equal(t, "prefix:", string(app))
	require.ErrorAs(t, err, &cie)
	assert.Equal(t, offset, int64(cie))
}

// TestEveryByteOutsideAlphabet puts each byte outside the alphabet at each
// position of a three-character group and of a two-character tail.
func TestEveryByteOutsideAlphabet(t *testing.T) {
	rejected := 0
	for b := range 256 {
		c := string([]byte{byte(b)})
		if strings.Contains(testAlphabet, c) {
			_, err := base45.DecodeString("0" + c + "0")
			require.NoError(t, err, "byte %#02x", b)
			continue
		}
		rejected++
		for pos := range 3 {
			group := []byte("000")
			group[pos] = byte(b)
			requireRejected(t, "BB8"+string(group), int64(3+pos))
		}
		for pos := range 2 {
			tail := []byte("00")
			tail[pos] = byte(b)
			requireRejected(t, "BB8"+string(tail), int64(3+pos))
		}
	}
	assert.Equal(t, 256-45, rejected)
}

func TestLengths(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func(int) int
		want map[int]int // length in: length out
	}{
		{"EncodedLen", base45.EncodedLen, map[int]int{0: 0, 1: 2, 2: 3, 3: 5, 4: 6, 1001: 1502}}, // 1001: a Claim 169 payload
		{"DecodedLen", base45.DecodedLen, map[int]int{0: 0, 2: 1, 3: 2, 5: 3, 6: 4, 1: 0, 4: 2}}, // 1 and 4: invalid lengths
	} {
		for n, want := range tc.want {
			assert.Equal(t, want, tc.f(n), "%s(%d)", tc.name, n)
		}
	}
	for n := range 1000 {
		require.Equal(t, n, base45.DecodedLen(base45.EncodedLen(n)), "n=%d", n)
	}
}

func TestCorruptInputError(t *testing.T) {
	err := fmt.Errorf("stage: %w", base45.CorruptInputError(7))
	var cie base45.CorruptInputError
	require.ErrorAs(t, err, &cie)
	assert.Equal(t, base45.CorruptInputError(7), cie)
	assert.Equal(t, "base45: invalid input at offset 7", cie.Error())

	// The message never repeats the input.
	_, err = base45.DecodeString("SECRET-NAME-lower")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "SECRET")
	assert.NotContains(t, err.Error(), "lower")
	assert.False(t, errors.Is(err, base45.CorruptInputError(0)))
}

func TestRandomRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewChaCha8([32]byte{'b', '4', '5'}))
	for range 2000 {
		src := make([]byte, rng.IntN(3100))
		for i := range src {
			src[i] = byte(rng.Uint32())
		}
		enc := base45.EncodeToString(src)
		require.Len(t, enc, base45.EncodedLen(len(src)))
		require.Equal(t, enc, string(base45.AppendEncode(nil, src)))
		dec, err := base45.DecodeString(enc)
		require.NoError(t, err)
		require.Equal(t, src, dec)
	}
}

func TestDecodeDoesNotAllocate(t *testing.T) {
	src := []byte(base45.EncodeToString(make([]byte, 3000)))
	dst := make([]byte, base45.DecodedLen(len(src)))
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := base45.Decode(dst, src); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

// TestIdpassVectors decodes the QR text of every idpass/claim-169 vector.
// Only bad-base45 is malformed Base45; every other vector decodes and
// re-encodes to the same text, and the valid ones hold a zlib stream.
func TestIdpassVectors(t *testing.T) {
	for _, v := range vectors.Idpass() {
		t.Run(string(v.Category)+"/"+v.Name, func(t *testing.T) {
			got, err := base45.DecodeString(v.QR)
			if v.ExpectedError == "Base45Decode" {
				var cie base45.CorruptInputError
				require.ErrorAs(t, err, &cie)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, v.QR, base45.EncodeToString(got))
			if v.Category == vectors.Valid || v.Category == vectors.Edge {
				// RFC 1950: CMF 0x78 is deflate with a 32 KiB window.
				require.NotEmpty(t, got)
				assert.Equal(t, byte(0x78), got[0])
			}
		})
	}
}
