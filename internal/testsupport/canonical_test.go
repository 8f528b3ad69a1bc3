package testsupport

import (
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonical(t *testing.T) {
	mode, err := cbor.CoreDetEncOptions().EncMode()
	require.NoError(t, err)
	for hex, want := range map[string]bool{
		"a2 01 02 03 04": true,  // {1: 2, 3: 4}
		"a2 03 04 01 02": false, // keys out of order
		"18 01":          false, // 1 in two bytes
		"ff":             false, // not well-formed
	} {
		assert.Equal(t, want, Canonical(MustHex(hex), cbor.Unmarshal, mode.Marshal), hex)
	}
}
