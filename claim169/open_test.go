package claim169

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// TestUnwrapIdentity reads claim 169 by its type: a map, or a byte string
// holding one, optionally under tag 24. No other tag is skipped, a
// self-described CBOR tag (55799) included.
func TestUnwrapIdentity(t *testing.T) {
	id := ts.Map(ts.Int(4), ts.Text("Zanele"))
	indefinite := ts.Cat([]byte{0x5f}, ts.Bytes(id[:2]), ts.Bytes(id[2:]), []byte{0xff})
	accepted := []struct {
		name    string
		raw     []byte
		wrapped bool
	}{
		{"map", id, false},
		{"byte string", ts.Bytes(id), true},
		{"byte string under tag 24", ts.Tag(24, ts.Bytes(id)), true},
		{"indefinite byte string", indefinite, true},
		{"indefinite byte string under tag 24", ts.Tag(24, indefinite), true},
	}
	for _, tc := range accepted {
		data, wrapped, err := unwrapIdentity(tc.raw)
		require.NoError(t, err, tc.name)
		assert.Equal(t, id, data, tc.name)
		assert.Equal(t, tc.wrapped, wrapped, tc.name)
	}
	refused := map[string][]byte{
		"self-described tag around tag 24":   ts.Tag(55799, ts.Tag(24, ts.Bytes(id))),
		"self-described tag around a string": ts.Tag(55799, ts.Bytes(id)),
		"self-described tag around the map":  ts.Tag(55799, id),
		"self-described tag inside tag 24":   ts.Tag(24, ts.Tag(55799, ts.Bytes(id))),
		"tag 25":                             ts.Tag(25, ts.Bytes(id)),
		"byte string holding an array":       ts.Bytes(ts.Array(id)),
		"integer":                            ts.Int(169),
		"null":                               {0xf6},
	}
	for name, raw := range refused {
		data, _, err := unwrapIdentity(raw)
		require.Error(t, err, name)
		assert.Nil(t, data, name)
	}
}
