package strictcbor

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type rejectCase struct {
	name   string
	hex    string
	target any // from errorAs, or nil for any error
}

func TestUnmarshalRejects(t *testing.T) {
	var tests []rejectCase
	tests = append(tests, duplicateKeyCases()...)
	tests = append(tests, limitCases()...)
	tests = append(tests, utf8Cases()...)
	tests = append(tests, trailingCases()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			err := Unmarshal(unhex(t, tt.hex), &v)
			require.Error(t, err)
			assert.Nil(t, v, "nothing partially decoded")
			if tt.target != nil {
				require.ErrorAs(t, err, tt.target)
			}
		})
	}
}

func duplicateKeyCases() []rejectCase {
	dup := errorAs[*cbor.DupMapKeyError]
	return []rejectCase{
		{"duplicate int keys", "a3 01 02 03 04 01 05", dup()},
		{"duplicate negative int keys", "a2 20 00 20 01", dup()},
		{"duplicate text keys", "a2 6161 01 6161 02", dup()},
		{"duplicate byte string keys", "a2 4101 01 4101 02", dup()},
		{"duplicate keys in a nested map", "a2 01 a2 02 00 02 01 03 00", dup()},
		{"duplicate keys in a map in an array", "82 00 a2 6161 00 6161 01", dup()},
		{"duplicate keys in an indefinite map", "bf 01 00 01 00 ff", dup()},
		{"duplicate keys, one not in shortest form", "a2 01 00 1801 00", dup()},
		{"duplicate keys, one an indefinite string", "a2 6161 00 7f6161ff 00", dup()},
		{"duplicate float keys of two widths", "a2 f93c00 00 fa3f800000 00", dup()},
		{"duplicate tagged keys", "a2 d82000 00 d82000 01", dup()},
		{"null and undefined keys (both nil)", "a2 f6 00 f7 00", dup()},
		{"tag 1 and tag 0 keys for the same instant", "a2 c100 00 c0 74 313937302d30312d30315430303a30303a30305a 00", dup()},
	}
}

func limitCases() []rejectCase {
	nested := errorAs[*cbor.MaxNestedLevelError]
	elements := errorAs[*cbor.MaxArrayElementsError]
	mapPairs := errorAs[*cbor.MaxMapPairsError]
	return []rejectCase{
		{"arrays nested too deep", deepArray(MaxNestedLevels + 1), nested()},
		{"maps nested too deep", deepMap(MaxNestedLevels + 1), nested()},
		{"indefinite arrays nested too deep", strings.Repeat("9f", MaxNestedLevels+1) + strings.Repeat("ff", MaxNestedLevels+1), nested()},
		{"tag chain too long", strings.Repeat("d818", MaxNestedLevels+2) + "00", nested()},
		{"too deep inside a tag", "d818" + deepArray(MaxNestedLevels+1), nested()},
		{"array too long", array(MaxArrayElements + 1), elements()},
		{"indefinite array too long", indefiniteArray(MaxArrayElements + 1), elements()},
		{"array header claiming 2^32 elements", "9b 0000000100000000", elements()},
		{"array header claiming 2^64-1 elements", "9b ffffffffffffffff", nil}, // an overflow error
		{"map too large", pairs(MaxMapPairs+1, false), mapPairs()},
		{"indefinite map too large", pairs(MaxMapPairs+1, true), mapPairs()},
		{"map header claiming 2^32 pairs", "bb 0000000100000000", mapPairs()},
	}
}

func utf8Cases() []rejectCase {
	semantic := errorAs[*cbor.SemanticError]
	return []rejectCase{
		{"invalid UTF-8: bad continuation", "62 c328", semantic()},
		{"invalid UTF-8: lone 0xff", "61 ff", semantic()},
		{"invalid UTF-8: overlong slash", "62 c0af", semantic()},
		{"invalid UTF-8: surrogate half", "63 eda080", semantic()},
		{"invalid UTF-8: truncated sequence", "62 e6b0", semantic()},
		{"invalid UTF-8 in a map key", "a1 62c328 00", semantic()},
		{"invalid UTF-8 in an array", "82 00 61ff", semantic()},
		{"invalid UTF-8 under a tag", "d820 61ff", semantic()},
		{"character split across chunks", "7f 61c3 61bc ff", semantic()},
	}
}

func trailingCases() []rejectCase {
	extra := errorAs[*cbor.ExtraneousDataError]
	return []rejectCase{
		{"two integers", "00 00", extra()},
		{"map then break", "a0 ff", extra()},
		{"null then zero", "f6 00", extra()},
		{"two arrays", "80 80", extra()},
		{"item then padding", "6161 00 00 00", extra()},
	}
}

func TestUnmarshalAccepts(t *testing.T) {
	tests := []struct {
		name string
		hex  string
	}{
		{"int and float keys are distinct", "a2 01 00 f93c00 00"},
		{"text and byte string keys are distinct", "a2 6161 00 4161 00"},
		{"equal values under distinct keys", "a2 01 00 02 00"},
		{"arrays at the nesting limit", deepArray(MaxNestedLevels)},
		{"maps at the nesting limit", deepMap(MaxNestedLevels)},
		{"tag chain at the nesting limit", strings.Repeat("d818", MaxNestedLevels+1) + "00"},
		{"tags around arrays at the nesting limit", strings.Repeat("d81881", MaxNestedLevels) + "00"},
		{"array at the element limit", array(MaxArrayElements)},
		{"indefinite array at the element limit", indefiniteArray(MaxArrayElements)},
		{"map at the pair limit", pairs(MaxMapPairs, false)},
		{"indefinite map at the pair limit", pairs(MaxMapPairs, true)},
		{"empty indefinite byte string", "5f ff"},
		{"indefinite items nested in a map", "a2 01 5f4101ff 02 bf 7f6161ff 9fff ff"},
		{"unknown tag", "d9 ffff 00"},
		{"unassigned simple value", "f0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := unhex(t, tt.hex)
			var v any
			require.NoError(t, Unmarshal(data, &v))
			require.NoError(t, Valid(data))
		})
	}
}

func TestUnmarshalTyped(t *testing.T) {
	type claims struct {
		Issuer  string `cbor:"1,keyasint,omitempty"`
		Subject string `cbor:"2,keyasint,omitempty"`
	}
	t.Run("duplicate key into a struct", func(t *testing.T) {
		c := claims{Issuer: "before"}
		err := Unmarshal(unhex(t, "a2 01 6161 01 6162"), &c)
		require.ErrorAs(t, err, errorAs[*cbor.DupMapKeyError]())
		assert.Equal(t, claims{}, c, "reset, not partially filled")
	})
	t.Run("duplicate key into map[int64]cbor.RawMessage", func(t *testing.T) {
		m := map[int64]cbor.RawMessage{7: {0}}
		err := Unmarshal(unhex(t, "a3 01 02 03 04 01 05"), &m)
		require.ErrorAs(t, err, errorAs[*cbor.DupMapKeyError]())
		assert.Nil(t, m)
	})
	t.Run("byte string into a string", func(t *testing.T) {
		s := "before"
		require.Error(t, Unmarshal(unhex(t, "a1 01 4161"), &claims{}))
		require.Error(t, Unmarshal(unhex(t, "4161"), &s))
		assert.Empty(t, s)
	})
	t.Run("trailing data after a struct", func(t *testing.T) {
		var c claims
		err := Unmarshal(unhex(t, "a1 01 6161 00"), &c)
		require.ErrorAs(t, err, errorAs[*cbor.ExtraneousDataError]())
		assert.Equal(t, claims{}, c)
	})
	t.Run("not a pointer", func(t *testing.T) {
		require.ErrorAs(t, Unmarshal(unhex(t, "00"), claims{}), errorAs[*cbor.InvalidUnmarshalError]())
		require.ErrorAs(t, Unmarshal(unhex(t, "00"), (*claims)(nil)), errorAs[*cbor.InvalidUnmarshalError]())
		require.ErrorAs(t, Unmarshal(unhex(t, "00"), nil), errorAs[*cbor.InvalidUnmarshalError]())
	})
	t.Run("a RawMessage is only checked for well-formedness", func(t *testing.T) {
		var m map[int64]cbor.RawMessage
		require.NoError(t, Unmarshal(unhex(t, "a1 01 a2 00 00 00 00"), &m))
		var inner any
		require.ErrorAs(t, Unmarshal(m[1], &inner), errorAs[*cbor.DupMapKeyError]())
	})
}

func TestValid(t *testing.T) {
	tests := []struct {
		name  string
		hex   string
		valid bool
	}{
		{"one item", "a1 01 02", true},
		{"truncated", "a2 01 02 03", false},
		{"trailing data", "00 00", false},
		{"empty", "", false},
		{"lone break", "ff", false},
		{"reserved additional information", "1c", false},
		{"too deep", deepArray(MaxNestedLevels + 1), false},
		{"too long", array(MaxArrayElements + 1), false},
		{"too many pairs", pairs(MaxMapPairs+1, false), false},
		{"byte string longer than the input", "5a ffffffff 00", false},
		// Not checked by Valid: they need decoding.
		{"duplicate keys", "a2 01 00 01 00", true},
		{"invalid UTF-8", "62 c328", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Valid(unhex(t, tt.hex))
			if tt.valid {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestModesAreShared(t *testing.T) {
	assert.Same(t, DecMode(), DecMode())
	assert.Same(t, EncMode(), EncMode())
	opts := DecMode().DecOptions()
	assert.Equal(t, cbor.DupMapKeyEnforcedAPF, opts.DupMapKey)
	assert.Equal(t, cbor.UTF8RejectInvalid, opts.UTF8)
	assert.Equal(t, MaxNestedLevels, opts.MaxNestedLevels)
	assert.Equal(t, MaxArrayElements, opts.MaxArrayElements)
	assert.Equal(t, MaxMapPairs, opts.MaxMapPairs)
	assert.Equal(t, cbor.CoreDetEncOptions(), EncMode().EncOptions())
}

// Errors name the class of the problem and never quote decoded values.
func TestErrorsCarryNoValues(t *testing.T) {
	tests := []struct {
		name   string
		hex    string
		reason string
	}{
		{"duplicate text key", "a266736563726574016673656372657402", "duplicate map key"},
		{"trailing data", "0000", "data after the CBOR item"},
		{"invalid utf-8 text", "6573656372ff", "invalid CBOR (such as text that is not UTF-8)"},
		{"truncated", "65736563", "truncated CBOR"},
		{"reserved additional info", "1c", "malformed CBOR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := hex.DecodeString(tt.hex)
			require.NoError(t, err)
			var v any
			err = Unmarshal(data, &v)
			var se *Error
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.reason, se.Reason)
			assert.NotContains(t, err.Error(), "secret")
			assert.NotContains(t, err.Error(), "secr")
		})
	}
}

// Reason gives the same fixed text for an *Error, wrapped or not, and for
// the library's own error, and a generic one for anything else.
func TestReason(t *testing.T) {
	var v any
	err := Unmarshal([]byte{0x00, 0x00}, &v)
	require.Error(t, err)
	assert.Equal(t, "data after the CBOR item", Reason(err))
	assert.Equal(t, "data after the CBOR item", Reason(fmt.Errorf("context: %w", err)))
	assert.Equal(t, "data after the CBOR item", Reason(DecMode().Unmarshal([]byte{0x00, 0x00}, &v)))
	assert.Equal(t, "truncated CBOR", Reason(io.ErrUnexpectedEOF))
	assert.Equal(t, "invalid CBOR", Reason(errors.New("secret")))
}
