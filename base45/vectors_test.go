package base45_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/vectors"
)

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
