package strictcbor

import (
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/testsupport"
)

// absurdHeaders claim far more than the input holds.
var absurdHeaders = []struct {
	name string
	hex  string
}{
	{"byte string of 2^63-1 bytes", "5b 7fffffffffffffff"},
	{"byte string of 2^63 bytes", "5b 8000000000000000 00"},
	{"byte string of 2^64-1 bytes", "5b ffffffffffffffff"},
	{"byte string of 4 GiB", "5a ffffffff 00"},
	{"text string of 2^63 bytes", "7b 8000000000000000"},
	{"array of 2^32 elements", "9b 0000000100000000 00"},
	{"array of 2^64-1 elements", "9b ffffffffffffffff"},
	{"array of 65535 elements", "99 ffff 00 00"},
	{"map of 2^32 pairs", "bb 0000000100000000 00 00"},
	{"nested byte string of 2^63 bytes", "a1 01 81 5b 7fffffffffffffff"},
	{"chunk of 2^63 bytes", "5f 5b 7fffffffffffffff"},
	{"tag around 2^32 elements", "d818 9b 0000000100000000"},
}

// TestAbsurdLengthsAreRefusedWithoutAllocating decodes each header into
// several targets and checks that the refusal costs a few small allocations
// (the error), not memory in proportion to the claimed length.
func TestAbsurdLengthsAreRefusedWithoutAllocating(t *testing.T) {
	targets := map[string]func() any{
		"any":                       func() any { return new(any) },
		"[]byte":                    func() any { return new([]byte) },
		"[]any":                     func() any { return new([]any) },
		"map[int64]cbor.RawMessage": func() any { return new(map[int64]cbor.RawMessage) },
		"cbor.RawMessage":           func() any { return new(cbor.RawMessage) },
	}
	for _, tt := range absurdHeaders {
		data := unhex(t, tt.hex)
		require.Error(t, Valid(data), tt.name)
		for name, target := range targets {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				v := target()
				require.Error(t, Unmarshal(data, v))
				allocs := testing.AllocsPerRun(20, func() { _ = Unmarshal(data, v) })
				assert.LessOrEqual(t, allocs, 4.0)
				assert.Less(t, bytesPerRun(20, func() { _ = Unmarshal(data, v) }), uint64(1024))
			})
		}
	}
}

// bytesPerRun is testsupport.BytesPerRun.
var bytesPerRun = testsupport.BytesPerRun
