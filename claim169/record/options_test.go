package record

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
)

func TestParseTimeAndSkew(t *testing.T) {
	now, err := ParseTime("1700000000")
	require.NoError(t, err)
	assert.Equal(t, time.Unix(1700000000, 0).UTC(), now)
	now, err = ParseTime("2027-01-01T00:00:00Z")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), now)
	_, err = ParseTime("tomorrow")
	assert.Error(t, err)

	for in, want := range map[string]time.Duration{"": 0, "90": 90 * time.Second, "5m": 5 * time.Minute} {
		d, err := ParseSkew(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, d, in)
	}
	for _, in := range []string{"-1", "-5m", "soon"} {
		_, err := ParseSkew(in)
		assert.Error(t, err, in)
	}
}

func TestAEADs(t *testing.T) {
	aeads, err := AEADs(make([]byte, 32), 0)
	require.NoError(t, err)
	require.Len(t, aeads, 2)
	assert.Equal(t, cose.A256GCM, aeads[0].Algorithm())
	assert.Equal(t, cose.ChaCha20Poly1305, aeads[1].Algorithm())

	aeads, err = AEADs(make([]byte, 32), cose.ChaCha20Poly1305)
	require.NoError(t, err)
	require.Len(t, aeads, 1)

	_, err = AEADs(make([]byte, 16), cose.A256GCM)
	assert.Error(t, err)
	_, err = AEADs(make([]byte, 20), 0)
	assert.Error(t, err)
	_, err = EncryptionAlgorithm("ES256")
	assert.Error(t, err)
}
