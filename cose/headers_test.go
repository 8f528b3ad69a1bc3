package cose

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
)

func TestHeadersAccessors(t *testing.T) {
	leaf, inter := []byte("leaf DER"), []byte("intermediate DER")
	protected := mustMarshal(t, map[any]any{
		1: -7, 2: []any{4, "app"}, 3: "application/cwt", 4: []byte("kid"), 5: []byte("twelve bytes"),
		32: []byte("bag cert"), 33: [][]byte{leaf, inter}, 34: []any{-16, []byte("thumb")},
		35: "https://issuer.example/cert", "app": 1, -70000: true,
	})
	h, err := parseHeaders(protected, true)
	require.NoError(t, err)

	alg, ok := h.Algorithm()
	assert.True(t, ok)
	assert.Equal(t, ES256, alg)
	_, ok = h.AlgorithmName()
	assert.False(t, ok)
	assert.Equal(t, []Label{IntLabel(4), TextLabel("app")}, h.Critical())
	ct, ok := h.ContentType()
	assert.True(t, ok)
	assert.Equal(t, ContentType{MediaType: "application/cwt"}, ct)
	assert.Equal(t, []byte("kid"), h.KeyID())
	assert.Equal(t, []byte("twelve bytes"), h.IV())
	assert.Nil(t, h.PartialIV())
	assert.Equal(t, [][]byte{[]byte("bag cert")}, h.X5Bag())
	assert.Equal(t, [][]byte{leaf, inter}, h.X5Chain())
	x5t, ok := h.X5T()
	assert.True(t, ok)
	assert.Equal(t, CertHash{Algorithm: -16, Value: []byte("thumb")}, x5t)
	uri, ok := h.X5U()
	assert.True(t, ok)
	assert.Equal(t, "https://issuer.example/cert", uri)

	require.Equal(t, 11, h.Len())
	var labels []string
	for _, p := range h.Params() {
		labels = append(labels, p.Label.String())
	}
	assert.Equal(t, []string{"-70000", "1 (alg)", "2 (crit)", "3 (content type)", "4 (kid)", "5 (IV)",
		"32 (x5bag)", "33 (x5chain)", "34 (x5t)", "35 (x5u)", `"app"`}, labels)
	assert.True(t, h.Has(TextLabel("app")))
	assert.False(t, h.Has(IntLabel(6)))
	params := h.Params()
	assert.Equal(t, mustMarshal(t, []byte("kid")), params[4].Value, "values are kept as received")
}

func TestHeadersEmpty(t *testing.T) {
	var h Headers
	_, ok := h.Algorithm()
	assert.False(t, ok)
	assert.Nil(t, h.KeyID())
	assert.Nil(t, h.Critical())
	assert.Nil(t, h.X5Chain())
	_, ok = h.X5T()
	assert.False(t, ok)
	_, ok = h.X5U()
	assert.False(t, ok)
	_, ok = h.ContentType()
	assert.False(t, ok)
	assert.Empty(t, h.Params())
}

func TestHeadersValueForms(t *testing.T) {
	cases := []struct {
		name  string
		value map[any]any
		check func(t *testing.T, h *Headers)
	}{
		{"text alg", map[any]any{1: "private-alg"}, func(t *testing.T, h *Headers) {
			_, ok := h.Algorithm()
			assert.False(t, ok)
			name, ok := h.AlgorithmName()
			assert.True(t, ok)
			assert.Equal(t, "private-alg", name)
		}},
		{"numeric content type", map[any]any{3: 61}, func(t *testing.T, h *Headers) {
			ct, ok := h.ContentType()
			assert.True(t, ok)
			assert.Equal(t, ContentType{Format: 61}, ct)
		}},
		{"single x5chain", map[any]any{33: []byte("leaf")}, func(t *testing.T, h *Headers) {
			assert.Equal(t, [][]byte{[]byte("leaf")}, h.X5Chain())
		}},
		{"one-element x5chain array", map[any]any{33: [][]byte{[]byte("leaf")}}, func(t *testing.T, h *Headers) {
			assert.Equal(t, [][]byte{[]byte("leaf")}, h.X5Chain())
		}},
		{"x5t with text hash", map[any]any{34: []any{"sha-256", []byte{1}}}, func(t *testing.T, h *Headers) {
			x5t, ok := h.X5T()
			assert.True(t, ok)
			assert.Equal(t, "sha-256", x5t.AlgorithmName)
		}},
		{"partial IV", map[any]any{6: []byte{1, 2}}, func(t *testing.T, h *Headers) {
			assert.Equal(t, []byte{1, 2}, h.PartialIV())
		}},
		{"empty kid", map[any]any{4: []byte{}}, func(t *testing.T, h *Headers) {
			assert.NotNil(t, h.KeyID())
			assert.Empty(t, h.KeyID())
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h, err := parseHeaders(mustMarshal(t, tc.value), true)
			require.NoError(t, err)
			tc.check(t, &h)
		})
	}
	t.Run("x5u under tag 32", func(t *testing.T) {
		h, err := parseHeaders([]byte{0xa1, 0x18, 0x23, 0xd8, 0x20, 0x61, 'u'}, true)
		require.NoError(t, err)
		uri, ok := h.X5U()
		assert.True(t, ok)
		assert.Equal(t, "u", uri)
	})
}

func TestHeadersMalformed(t *testing.T) {
	tooMany := map[any]any{}
	for i := range MaxHeaderParameters + 1 {
		tooMany[100+i] = 0
	}
	certs := make([][]byte, MaxX509Certificates+1)
	for i := range certs {
		certs[i] = []byte{1}
	}
	cases := []struct {
		name      string
		value     any
		protected bool
	}{
		{"alg is bstr", map[any]any{1: []byte{1}}, true},
		{"alg is float", map[any]any{1: 1.5}, true},
		{"alg is empty text", map[any]any{1: ""}, true},
		{"alg overflows", map[any]any{1: uint64(1) << 63}, true},
		{"crit unprotected", map[any]any{2: []any{4}, 4: []byte{1}}, false},
		{"crit empty", map[any]any{2: []any{}}, true},
		{"crit not an array", map[any]any{2: 4, 4: []byte{1}}, true},
		{"crit names absent label", map[any]any{1: -8, 2: []any{4}}, true},
		{"crit label is bstr", map[any]any{2: []any{[]byte{4}}}, true},
		{"content type negative", map[any]any{3: -1}, true},
		{"content type empty text", map[any]any{3: ""}, true},
		{"content type is bstr", map[any]any{3: []byte("x")}, true},
		{"kid is text", map[any]any{4: "kid"}, true},
		{"kid is null", map[any]any{4: nil}, false},
		{"IV is text", map[any]any{5: "iv"}, false},
		{"partial IV is int", map[any]any{6: 1}, false},
		{"IV and partial IV", map[any]any{5: []byte{1}, 6: []byte{2}}, false},
		{"x5chain empty array", map[any]any{33: []any{}}, true},
		{"x5chain empty cert", map[any]any{33: []byte{}}, true},
		{"x5chain text", map[any]any{33: "cert"}, true},
		{"x5chain array of text", map[any]any{33: []any{"a", "b"}}, true},
		{"x5chain too long", map[any]any{33: certs}, true},
		{"x5bag map", map[any]any{32: map[any]any{1: 1}}, false},
		{"x5t one element", map[any]any{34: []any{-16}}, true},
		{"x5t hash is text", map[any]any{34: []any{-16, "x"}}, true},
		{"x5t empty hash", map[any]any{34: []any{-16, []byte{}}}, true},
		{"x5t alg is bstr", map[any]any{34: []any{[]byte{1}, []byte{1}}}, true},
		{"x5u is bstr", map[any]any{35: []byte("u")}, true},
		{"x5u empty", map[any]any{35: ""}, true},
		{"too many parameters", tooMany, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseHeaders(mustMarshal(t, tc.value), tc.protected)
			require.ErrorIs(t, err, ErrMalformed)
		})
	}
	t.Run("x5u under another tag", func(t *testing.T) {
		_, err := parseHeaders([]byte{0xa1, 0x18, 0x23, 0xd8, 0x21, 0x61, 'u'}, true)
		require.ErrorIs(t, err, ErrMalformed)
	})
	t.Run("unprotected bucket missing", func(t *testing.T) {
		_, err := parseHeaders(nil, false)
		require.ErrorIs(t, err, ErrMalformed)
	})
}

func TestLabelStrings(t *testing.T) {
	assert.Equal(t, "x5chain", HeaderX5Chain.String())
	assert.Equal(t, "99", HeaderLabel(99).String())
	assert.Equal(t, "4 (kid)", IntLabel(4).String())
	assert.Equal(t, "-1", IntLabel(-1).String())
	assert.Equal(t, `"a\"b"`, TextLabel(`a"b`).String())
	n, ok := IntLabel(7).Int()
	assert.True(t, ok)
	assert.EqualValues(t, 7, n)
	_, ok = IntLabel(7).Text()
	assert.False(t, ok)
	s, ok := TextLabel("x").Text()
	assert.True(t, ok)
	assert.Equal(t, "x", s)
	_, ok = TextLabel("x").Int()
	assert.False(t, ok)
	assert.NotEqual(t, IntLabel(0), TextLabel(""))
}

// The hand-written header maps must equal strictcbor's encoding of the same
// maps, which is core deterministic by construction.
func TestSignHeadersMatchEncoder(t *testing.T) {
	longKID := bytes.Repeat([]byte{7}, 300)
	chain := [][]byte{bytes.Repeat([]byte{1}, 30), bytes.Repeat([]byte{2}, 70000)}
	for _, alg := range []Algorithm{EdDSA, ES256, PS256, RS256, -65536} {
		for _, kid := range [][]byte{nil, {}, []byte("k-1101"), longKID} {
			for _, unprotectedKID := range []bool{false, true} {
				for _, x5chain := range [][][]byte{nil, chain[:1], chain} {
					opts := SignOptions{KeyID: kid, KeyIDUnprotected: unprotectedKID, X5Chain: x5chain}
					ph, uh := map[int64]any{1: int64(alg)}, map[int64]any{}
					if len(kid) > 0 && unprotectedKID {
						uh[4] = kid
					} else if len(kid) > 0 {
						ph[4] = kid
					}
					switch len(x5chain) {
					case 0:
					case 1:
						ph[33] = x5chain[0]
					default:
						ph[33] = x5chain
					}
					protected, unprotected, err := signHeaders(alg, opts)
					require.NoError(t, err)
					assert.Equal(t, mustMarshal(t, ph), protected)
					assert.Equal(t, mustMarshal(t, uh), unprotected)
					require.NoError(t, strictcbor.Valid(protected))
				}
			}
		}
	}
}

func TestEncryptHeadersMatchEncoder(t *testing.T) {
	key := testAEAD(t, A256GCM)
	iv := bytes.Repeat([]byte{9}, IVSize)
	for _, kid := range [][]byte{nil, []byte("k")} {
		for _, unprotectedKID := range []bool{false, true} {
			msg, err := Encrypt(bytes.NewReader(iv), key, []byte("x"), EncryptOptions{KeyID: kid, KeyIDUnprotected: unprotectedKID})
			require.NoError(t, err)
			e0 := requireParse(t, ParseEncrypt0, msg, nil)
			ph, uh := map[int64]any{1: int64(key.Algorithm())}, map[int64]any{5: iv}
			if len(kid) > 0 && unprotectedKID {
				uh[4] = kid
			} else if len(kid) > 0 {
				ph[4] = kid
			}
			assert.Equal(t, mustMarshal(t, ph), e0.RawProtected)
			assert.Equal(t, mustMarshal(t, uh), encodeParams(t, e0.Unprotected.Params()))
		}
	}
}

func TestHeaderWriterOrder(t *testing.T) {
	w := newHeaderWriter(0)
	w.addInt(HeaderAlgorithm, -8)
	assert.Panics(t, func() { w.addInt(HeaderAlgorithm, -8) }, "a label twice")
	w = newHeaderWriter(0)
	w.addInt(HeaderKeyID, 1)
	assert.Panics(t, func() { w.addInt(HeaderAlgorithm, 1) }, "a smaller label")
	w = newHeaderWriter(0)
	assert.Panics(t, func() { w.addInt(-1, 1) }, "a negative label")
	w = newHeaderWriter(0)
	for l := range HeaderLabel(maxWrittenParameters) {
		w.addInt(l, 0)
	}
	assert.Panics(t, func() { w.addInt(100, 0) }, "a 24th parameter")
	require.NoError(t, strictcbor.Valid(w.bytes()))
}
