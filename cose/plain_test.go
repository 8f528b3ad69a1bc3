package cose

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// genericParseSign1 is ParseSign1 without its plain paths: strictcbor
// decodes the array, the byte strings and the header maps, as ParseSign1 did
// before the plain paths existed. It is their oracle.
func genericParseSign1(data []byte) (*Sign1, error) {
	content, tagged, err := unwrapTag(data, TagSign1)
	if err != nil {
		return nil, err
	}
	var arr struct {
		_                                          struct{} `cbor:",toarray"`
		Protected, Unprotected, Payload, Signature cbor.RawMessage
	}
	if cborscan.MajorType(content) != cborscan.MajorArray || strictcbor.Unmarshal(content, &arr) != nil {
		return nil, fmt.Errorf("%w: not a COSE array", ErrMalformed)
	}
	s := &Sign1{Tagged: tagged}
	if s.RawProtected, err = genericBytes(arr.Protected); err != nil {
		return nil, err
	}
	if s.Protected, err = genericHeaders(s.RawProtected, true); err != nil {
		return nil, err
	}
	if s.Unprotected, err = genericHeaders(arr.Unprotected, false); err != nil {
		return nil, err
	}
	if err := checkDisjoint(&s.Protected, &s.Unprotected); err != nil {
		return nil, err
	}
	if s.Payload, err = genericBytes(arr.Payload); err != nil {
		return nil, err
	}
	if s.Signature, err = genericBytes(arr.Signature); err != nil {
		return nil, err
	}
	return s, nil
}

func genericBytes(raw []byte) ([]byte, error) {
	var b []byte
	if cborscan.MajorType(raw) != cborscan.MajorBytes || strictcbor.Unmarshal(raw, &b) != nil {
		return nil, fmt.Errorf("%w: not a byte string", ErrMalformed)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

func genericHeaders(data []byte, protected bool) (Headers, error) {
	var h Headers
	if len(data) == 0 && protected {
		return h, nil
	}
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return h, fmt.Errorf("%w: not a map", ErrMalformed)
	}
	params, err := decodeParams(data, protected)
	if err != nil {
		return h, err
	}
	h.params = params
	slices.SortFunc(h.params, func(a, b Param) int { return a.Label.compare(b.Label) })
	if err := h.decodeKnown(protected); err != nil {
		return Headers{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return h, nil
}

// plainSign1Cases are COSE_Sign1 messages (hex) on the edges of the plain
// paths. Both paths must agree on each.
var plainSign1Cases = []struct{ name, hex string }{
	{"minimal", "d2 84 43a10127 a0 41 00 40"},
	{"untagged, kid unprotected", "84 43a10127 a1 04 4131 43 010203 40"},
	{"empty protected", "84 40 a1 01 27 40 40"},
	{"text labels", "84 43a10127 a2 6161 01 6162 f6 40 40"},
	{"invalid utf-8 text label", "84 43a10127 a1 61ff 01 40 40"},
	{"label beyond int64", "84 43a10127 a1 1bffffffffffffffff 01 40 40"},
	{"float label", "84 43a10127 a1 f93e00 01 40 40"},
	{"duplicate label", "84 43a10127 a2 04 4131 04 4132 40 40"},
	{"integer and text label alike", "84 43a10127 a2 01 01 6131 01 40 40"},
	{"label in both buckets", "84 43a10127 a1 01 27 40 40"},
	{"self-described tag on the payload", "84 43a10127 a0 d9d9f7 41 00 40"},
	{"self-described tag on the protected bucket", "84 d9d9f7 43a10127 a0 41 00 40"},
	{"tag inside a header value", "84 43a10127 a1 1863 c1 01 40 40"},
	{"invalid bignum inside a header value", "84 43a10127 a1 1863 81 c2 01 40 40"},
	{"invalid utf-8 inside a header value", "84 43a10127 a1 1863 61ff 40 40"},
	{"indefinite payload", "84 43a10127 a0 5f 4100 ff 40"},
	{"indefinite array", "9f 43a10127 a0 41 00 40 ff"},
	{"indefinite unprotected bucket", "84 43a10127 bf 04 4131 ff 41 00 40"},
	{"detached payload", "84 43a10127 a0 f6 40"},
	{"three elements", "83 43a10127 a0 40"},
	{"trailing byte", "84 43a10127 a0 40 40 00"},
	{"alg beyond int64", "84 4a a1 01 1bffffffffffffffff a0 40 40"},
	{"alg as text", "84 45 a1 01 62 4142 a0 40 40"},
	{"alg as empty text", "84 43 a1 01 60 a0 40 40"},
	{"kid as text", "84 43a10127 a1 04 6131 40 40"},
	{"protected bucket with trailing byte", "84 44a1012700 a0 40 40"},
	{"65 parameters", "84 40 b841" + params65() + " 40 40"},
}

// params65 encodes 65 parameters 100..164 with null values.
func params65() string {
	var b strings.Builder
	for i := range 65 {
		fmt.Fprintf(&b, "18%02x f6 ", 100+i)
	}
	return b.String()
}

func TestPlainSign1Agrees(t *testing.T) {
	for _, tc := range plainSign1Cases {
		t.Run(tc.name, func(t *testing.T) {
			checkSign1Agrees(t, ts.Unhex(t, strings.ReplaceAll(tc.hex, " ", "")))
		})
	}
}

// FuzzPlainSign1 checks on arbitrary input that ParseSign1 decides as its
// generic oracle does.
func FuzzPlainSign1(f *testing.F) {
	addVectorSeeds(f)
	for _, tc := range plainSign1Cases {
		f.Add(ts.Unhex(f, strings.ReplaceAll(tc.hex, " ", "")))
	}
	signed, err := Sign(nil, testEd25519(), []byte("payload"), SignOptions{KeyID: []byte("k"), X5Chain: [][]byte{{1}, {2}}})
	require.NoError(f, err)
	f.Add(signed)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSign1Agrees(t, data)
	})
}

func checkSign1Agrees(t *testing.T, data []byte) {
	t.Helper()
	got, err := ParseSign1(data)
	want, werr := genericParseSign1(data)
	if err != nil || werr != nil {
		require.True(t, errors.Is(err, ErrMalformed) && errors.Is(werr, ErrMalformed), "ParseSign1: %v; oracle: %v", err, werr)
		assert.Nil(t, got)
		return
	}
	assert.Equal(t, want, got)
}

// TestParseSign1Copies checks that a parsed message shares no memory with
// the input, and that the protected parameters do not alias RawProtected.
func TestParseSign1Copies(t *testing.T) {
	data, err := Sign(nil, testEd25519(), []byte("payload"), SignOptions{KeyID: []byte("k-1"), X5Chain: [][]byte{{1}, {2}}})
	require.NoError(t, err)
	for _, input := range [][]byte{data, ts.Unhex(t, "d28443a10127a10441315f4100ff40")} {
		msg, err := ParseSign1(input)
		require.NoError(t, err)
		want, err := genericParseSign1(input)
		require.NoError(t, err)
		for i := range input {
			input[i] ^= 0xff
		}
		assert.Equal(t, want, msg, "unchanged by a change of the input")
		for i := range msg.RawProtected {
			msg.RawProtected[i] ^= 0xff
		}
		assert.Equal(t, want.Protected, msg.Protected, "unchanged by a change of RawProtected")
	}
}
