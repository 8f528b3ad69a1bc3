package base45_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
)

// idpassVector is the part of an idpass/claim-169 test vector this package
// uses (testdata/idpass-claim-169, see SOURCE and LICENSE there).
type idpassVector struct {
	Name          string `json:"name"`
	Category      string `json:"category"`
	ExpectedError string `json:"expected_error"`
	QRData        string `json:"qr_data"`
}

// loadIdpassVectors reads every idpass vector. tb is a testing.TB so that
// fuzz targets can seed from the same files.
func loadIdpassVectors(tb testing.TB) []idpassVector {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "idpass-claim-169", "*", "*.json"))
	require.NoError(tb, err)
	require.NotEmpty(tb, files)
	vectors := make([]idpassVector, 0, len(files))
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(tb, err)
		var v idpassVector
		require.NoError(tb, json.Unmarshal(data, &v), file)
		require.NotEmpty(tb, v.QRData, file)
		vectors = append(vectors, v)
	}
	return vectors
}

// TestIdpassVectors decodes the QR text of every idpass/claim-169 vector.
// Only bad-base45 is malformed Base45; every other vector decodes and
// re-encodes to the same text, and the valid ones hold a zlib stream.
func TestIdpassVectors(t *testing.T) {
	for _, v := range loadIdpassVectors(t) {
		t.Run(v.Category+"/"+v.Name, func(t *testing.T) {
			got, err := base45.DecodeString(v.QRData)
			if v.ExpectedError == "Base45Decode" {
				var cie base45.CorruptInputError
				require.ErrorAs(t, err, &cie)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, v.QRData, base45.EncodeToString(got))
			if v.Category == "valid" || v.Category == "edge" {
				// RFC 1950: CMF 0x78 is deflate with a 32 KiB window.
				require.NotEmpty(t, got)
				assert.Equal(t, byte(0x78), got[0])
			}
		})
	}
}
