package cose

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestParseSign1Malformed(t *testing.T) {
	good := signRawSign1([]byte{0xa1, 0x01, 0x27}, emptyMap, []byte("p"))
	msg := requireParse(t, ParseSign1, good, nil)
	sig := msg.Signature
	prot := []byte{0xa1, 0x01, 0x27}
	body := good[1:] // untagged array
	cases := map[string][]byte{
		"empty":                       {},
		"not CBOR":                    {0xff},
		"truncated":                   good[:len(good)-1],
		"trailing byte":               append(append([]byte(nil), good...), 0x00),
		"trailing message":            append(append([]byte(nil), good...), good...),
		"tag 16 (Encrypt0)":           append([]byte{0xd0}, body...),
		"tag 61 (CWT)":                append([]byte{0xd8, 0x3d}, good...),
		"tag 61 around untagged":      append([]byte{0xd8, 0x3d}, body...),
		"tag 18 twice":                append([]byte{0xd2}, good...),
		"tag 998":                     append([]byte{0xd9, 0x03, 0xe6}, body...),
		"bare CWT map":                {0xa1, 0x01, 0x60},
		"three elements":              rawMessage(TagSign1, true, prot, emptyMap, []byte("p")),
		"five elements":               rawMessage(TagSign1, true, prot, emptyMap, []byte("p"), sig, sig),
		"detached payload":            append([]byte{0xd2, 0x84, 0x43, 0xa1, 0x01, 0x27, 0xa0, 0xf6, 0x58, 0x40}, sig...),
		"payload is text":             append([]byte{0xd2, 0x84, 0x43, 0xa1, 0x01, 0x27, 0xa0, 0x61, 'p', 0x58, 0x40}, sig...),
		"signature is null":           {0xd2, 0x84, 0x43, 0xa1, 0x01, 0x27, 0xa0, 0x41, 'p', 0xf6},
		"protected is a map":          append([]byte{0xd2, 0x84, 0xa1, 0x01, 0x27, 0xa0, 0x41, 'p', 0x58, 0x40}, sig...),
		"protected holds an array":    signRawSign1([]byte{0x81, 0x01}, emptyMap, []byte("p")),
		"protected holds trailing":    signRawSign1([]byte{0xa1, 0x01, 0x27, 0x00}, emptyMap, []byte("p")),
		"protected holds null":        signRawSign1([]byte{0xf6}, emptyMap, []byte("p")),
		"unprotected is null":         signRawSign1(prot, []byte{0xf6}, []byte("p")),
		"unprotected is a bstr":       signRawSign1(prot, []byte{0x41, 0xa0}, []byte("p")),
		"duplicate protected label":   signRawSign1([]byte{0xa2, 0x01, 0x27, 0x01, 0x27}, emptyMap, []byte("p")),
		"duplicate label, long form":  signRawSign1([]byte{0xa2, 0x01, 0x27, 0x18, 0x01, 0x27}, emptyMap, []byte("p")),
		"duplicate unprotected label": signRawSign1(prot, []byte{0xa2, 0x04, 0x41, 'a', 0x04, 0x41, 'b'}, []byte("p")),
		"label in both buckets":       signRawSign1([]byte{0xa2, 0x01, 0x27, 0x04, 0x41, 'a'}, []byte{0xa1, 0x04, 0x41, 'a'}, []byte("p")),
		"alg in both buckets":         signRawSign1(prot, []byte{0xa1, 0x01, 0x27}, []byte("p")),
		"text label in both":          signRawSign1([]byte{0xa2, 0x01, 0x27, 0x61, 'x', 0x01}, []byte{0xa1, 0x61, 'x', 0x02}, []byte("p")),
		"bstr label":                  signRawSign1([]byte{0xa2, 0x01, 0x27, 0x41, 'x', 0x01}, emptyMap, []byte("p")),
		"float label":                 signRawSign1([]byte{0xa2, 0x01, 0x27, 0xf9, 0x3c, 0x00, 0x01}, emptyMap, []byte("p")),
		"label over int64":            signRawSign1([]byte{0xa2, 0x01, 0x27, 0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, emptyMap, []byte("p")),
		"indefinite tag head":         {0xdf},
		"reserved head":               {0xfc},
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) { requireParse(t, ParseSign1, data, ErrMalformed) })
	}
}

func TestParseSign1Accepts(t *testing.T) {
	sig := make([]byte, 64)
	cases := []struct {
		name  string
		data  []byte
		check func(t *testing.T, m *Sign1)
	}{
		{name: "zero-length protected", data: rawMessage(TagSign1, true, nil, emptyMap, []byte("p"), sig), check: func(t *testing.T, m *Sign1) {
			assert.Empty(t, m.RawProtected)
			assert.Zero(t, m.Protected.Len())
		}},
		{name: "protected empty map", data: rawMessage(TagSign1, true, []byte{0xa0}, emptyMap, []byte("p"), sig), check: func(t *testing.T, m *Sign1) {
			assert.Equal(t, []byte{0xa0}, m.RawProtected)
			assert.Zero(t, m.Protected.Len())
		}},
		{name: "untagged", data: rawMessage(TagSign1, false, []byte{0xa1, 0x01, 0x27}, emptyMap, []byte("p"), sig), check: func(t *testing.T, m *Sign1) {
			assert.False(t, m.Tagged)
		}},
		{name: "empty payload", data: rawMessage(TagSign1, true, []byte{0xa1, 0x01, 0x27}, emptyMap, nil, sig), check: func(t *testing.T, m *Sign1) {
			assert.NotNil(t, m.Payload)
			assert.Empty(t, m.Payload)
		}},
		{name: "non-shortest tag", data: append([]byte{0xd8, 0x12}, rawMessage(TagSign1, false, nil, emptyMap, []byte("p"), sig)...), check: func(t *testing.T, m *Sign1) {
			assert.True(t, m.Tagged)
		}},
		{name: "indefinite-length payload", data: append([]byte{0xd2, 0x84, 0x40, 0xa0, 0x5f, 0x41, 'a', 0x41, 'b', 0xff, 0x58, 0x40}, sig...), check: func(t *testing.T, m *Sign1) {
			assert.Equal(t, []byte("ab"), m.Payload)
		}},
		{name: "protected kid wins", data: rawMessage(TagSign1, true, []byte{0xa2, 0x01, 0x27, 0x04, 0x41, 'p'}, []byte{0xa1, 0x61, 'k', 0x41, 'u'}, nil, sig), check: func(t *testing.T, m *Sign1) {
			assert.Equal(t, []byte("p"), m.KeyID())
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := requireParse(t, ParseSign1, tc.data, nil)
			tc.check(t, m)
		})
	}
}

// The protected header is kept as received, even in a non-deterministic
// encoding, and the signature covers those exact bytes.
func TestSign1ProtectedAsReceived(t *testing.T) {
	key := testEd25519()
	prot := []byte{0xa1, 0x18, 0x01, 0x38, 0x07} // {1: -8} with a long-form label and value
	msg := requireParse(t, ParseSign1, signRawSign1(prot, emptyMap, []byte("p")), nil)
	require.Equal(t, prot, msg.RawProtected)
	alg, err := msg.Algorithm()
	require.NoError(t, err)
	require.Equal(t, EdDSA, alg)
	require.NoError(t, msg.Verify(key.Public(), nil))
}

func TestSign1Algorithm(t *testing.T) {
	cases := []struct {
		name        string
		protected   []byte
		unprotected []byte
		want        Algorithm
		wantErr     error
	}{
		{"EdDSA", []byte{0xa1, 0x01, 0x27}, emptyMap, EdDSA, nil},
		{"RS256", []byte{0xa1, 0x01, 0x39, 0x01, 0x00}, emptyMap, RS256, nil},
		{"unprotected only", nil, []byte{0xa1, 0x01, 0x27}, 0, ErrUnsupportedAlgorithm},
		{"absent", nil, emptyMap, 0, ErrUnsupportedAlgorithm},
		{"text", []byte{0xa1, 0x01, 0x65, 'E', 'd', 'D', 'S', 'A'}, emptyMap, 0, ErrUnsupportedAlgorithm},
		{"AEAD", []byte{0xa1, 0x01, 0x01}, emptyMap, 0, ErrUnsupportedAlgorithm},
		{"unknown", []byte{0xa1, 0x01, 0x39, 0x03, 0xe6}, emptyMap, 0, ErrUnsupportedAlgorithm},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := requireParse(t, ParseSign1, rawMessage(TagSign1, true, tc.protected, tc.unprotected, nil, nil), nil)
			alg, err := msg.Algorithm()
			if ts.Succeeded(t, alg, err, tc.wantErr) {
				require.Equal(t, tc.want, alg)
			}
		})
	}
}

// The hand-written structures must equal the generic deterministic encoder's
// output for every length class of their byte strings.
func TestStructuresMatchEncoder(t *testing.T) {
	for _, n := range []int{0, 1, 23, 24, 255, 256, 65535, 65536} {
		b := bytes.Repeat([]byte{0xab}, n)
		want := mustMarshal(t, []any{"Signature1", b, []byte("aad"), b})
		assert.Equal(t, want, sigStructure(b, []byte("aad"), b), "length %d", n)
		assert.Equal(t, mustMarshal(t, []any{"Signature1", []byte{}, []byte{}, []byte{}}), sigStructure(nil, nil, nil))
		assert.Equal(t, mustMarshal(t, []any{"Encrypt0", b, []byte{}}), encStructure(b, nil), "length %d", n)
	}
}

// readHead reads what cborscan writes and refuses, with ErrMalformed, what
// it cannot read.
func TestHeads(t *testing.T) {
	for _, arg := range []uint64{0, 23, 24, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, 1<<64 - 1} {
		for _, major := range []byte{cborscan.MajorUint, cborscan.MajorBytes, cborscan.MajorArray, cborscan.MajorTag} {
			head := cborscan.AppendHead(nil, major, arg)
			assert.Len(t, head, cborscan.HeadLen(arg))
			h, err := readHead(head)
			require.NoError(t, err)
			assert.Equal(t, major, h.Major)
			assert.Equal(t, arg, h.Arg)
			assert.False(t, h.Indefinite())
			assert.Equal(t, len(head), h.Len)
			if major == cborscan.MajorUint {
				assert.NoError(t, strictcbor.Valid(head), "shortest form of %d", arg)
			}
		}
	}
	h, err := readHead([]byte{0x9f})
	require.NoError(t, err)
	assert.True(t, h.Indefinite())
	for _, bad := range [][]byte{nil, {0x1c}, {0x1f}, {0xdf}, {0x19, 0x01}, {0x1b, 0, 0, 0, 0, 0, 0, 0}} {
		_, err := readHead(bad)
		assert.ErrorIs(t, err, ErrMalformed, "% x", bad)
	}
}
