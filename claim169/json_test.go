package claim169

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The identity as JSON: the round trip, what UnmarshalJSON refuses and says,
// and the bounded rendering of unknown values.

func TestIdentityJSONRoundTrip(t *testing.T) {
	id := fullIdentity()
	data, err := json.Marshal(id)
	require.NoError(t, err)
	var got Identity
	require.NoError(t, json.Unmarshal(data, &got))
	a, err := id.MarshalCBOR()
	require.NoError(t, err)
	b, err := got.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestJSONRefusesInvalidUTF8(t *testing.T) {
	var id Identity
	require.Error(t, id.UnmarshalJSON([]byte("{\"fullName\":\"A\xff\"}")))
}

// An unknown field name is shown only when it looks like a name: a value
// put where a name belongs never reaches the error.
func TestJSONErrorsShowOnlyNames(t *testing.T) {
	var id Identity
	err := id.UnmarshalJSON([]byte(`{"fullname":"A"}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"fullname"`)
	err = id.UnmarshalJSON([]byte(`{"Janardhan BS 1984":"A"}`))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Janardhan")
}

// cborItems returns an array of exactly n CBOR items, the array included:
// arrays of at most 1023 copies of item, a one-head item.
func cborItems(n int, item byte) []byte {
	var inner []byte
	outer := 0
	for left := n - 1; left > 0; outer++ {
		k := min(left-1, 1023)
		inner = append(append(inner, ts.Head(4, uint64(k))...), bytes.Repeat([]byte{item}, k)...)
		left -= k + 1
	}
	return append(ts.Head(4, uint64(outer)), inner...)
}

// TestUnknownJSONBudget checks that the values under unknown are rendered,
// in key order, while their items total MaxUnknownJSONItems, and that a
// value past the total is a placeholder that the decoder names in a
// warning and that UnmarshalJSON refuses.
func TestUnknownJSONBudget(t *testing.T) {
	first, second, third := MaxUnknownJSONItems-100, 101, 100
	data := ts.Map(ts.Int(1), ts.Text("HOSTILE-4471-ID"),
		ts.Int(98), cborItems(first, 0xa0), ts.Int(99), cborItems(second, 0x80), ts.Int(100), cborItems(third, 0x01))
	id, warnings, err := ParseIdentity(data)
	require.NoError(t, err)
	assert.Equal(t, cborItems(second, 0x80), []byte(id.Unknown[99]), "kept whole")
	require.Len(t, warnings, 1)
	assert.Contains(t, warnings[0], "key 99 under unknown has 101 CBOR items")
	assertNoIdentityData(t, warnings[0], hostileCanaries)

	out, err := json.Marshal(id)
	require.NoError(t, err)
	var got struct {
		Unknown map[string]json.RawMessage `json:"unknown"`
	}
	require.NoError(t, json.Unmarshal(out, &got))
	assert.JSONEq(t, fmt.Sprintf(`{"cborOmitted":{"items":101,"bytes":%d}}`, len(id.Unknown[99])), string(got.Unknown["99"]))
	for key, raw := range map[string][]byte{"98": cborItems(first, 0xa0), "100": cborItems(third, 0x01)} {
		want, err := cborToJSON(raw)
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(got.Unknown[key]), "key %s rendered", key)
	}

	var back Identity
	assert.Error(t, json.Unmarshal(out, &back), "the placeholder is not a value")
	assert.Error(t, back.UnmarshalJSON([]byte(`{"unknown":{"99":{"cborOmitted":null}}}`)))
	require.NoError(t, back.UnmarshalJSON([]byte(`{"unknown":{"99":{"cborOmitted":1,"other":2}}}`)), "two members are a value")
}

// TestUnknownJSONCostBounded checks that an identity of MaxItems items
// under unknown is rendered by decoding at most MaxUnknownJSONItems of
// them: the placeholder decodes nothing.
func TestUnknownJSONCostBounded(t *testing.T) {
	id := &Identity{Unknown: map[Field]cbor.RawMessage{99: cborItems(strictcbor.MaxItems-3, 0xa0)}}
	small := &Identity{Unknown: map[Field]cbor.RawMessage{99: cborItems(8, 0xa0)}}
	allocs := testing.AllocsPerRun(10, func() { _, _ = json.Marshal(id) })
	base := testing.AllocsPerRun(10, func() { _, _ = json.Marshal(small) })
	assert.LessOrEqual(t, allocs, base+4, "the placeholder is written without decoding the value")

	full := &Identity{Unknown: map[Field]cbor.RawMessage{99: cborItems(MaxUnknownJSONItems, 0xa0)}}
	perItem := float64(bytesPerRun(5, func() { _, _ = json.Marshal(full) })) / MaxUnknownJSONItems
	assert.Less(t, float64(bytesPerRun(5, func() { _, _ = json.Marshal(id) })), 64*perItem, "the bytes of at most 64 rendered items")
}

// TestUnknownJSONBrokenValue checks that a value that is not one item
// within the limits still fails to render, as before the budget.
func TestUnknownJSONBrokenValue(t *testing.T) {
	for _, raw := range [][]byte{{0x82, 0x01}, cborItems(strictcbor.MaxItems+1, 0x80)} {
		_, ok := cborscan.Count(raw)
		require.False(t, ok)
		_, err := json.Marshal(&Identity{Unknown: map[Field]cbor.RawMessage{99: raw}})
		assert.Error(t, err)
	}
}
