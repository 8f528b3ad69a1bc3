package claim169

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr"
)

// TestZlibCorpusQRVersions turns the credentials of the zlib corpus
// (testdata/zlibcorpus) into QR text with compress.Deflate and with Go's
// level-9 zlib, which the encoder used before, and plans their QR codes at
// level M: Deflate's text is never longer and never needs a larger
// version. It logs how many credentials need a smaller one.
func TestZlibCorpusQRVersions(t *testing.T) {
	corpus := testsupport.ZlibCorpus(t, "../testdata/zlibcorpus")
	g := benchtest.NewGoZlib9()
	smaller, saved, savedOnC := 0, 0, 0
	for _, c := range corpus {
		ours := base45.EncodeToString(compress.Deflate(c.COSE))
		old := base45.EncodeToString(g.Deflate(c.COSE))
		require.LessOrEqual(t, len(ours), len(old), c.Name)
		planOurs, err := qr.Plan(ours, qr.M)
		require.NoError(t, err, c.Name)
		planOld, err := qr.Plan(old, qr.M)
		require.NoError(t, err, c.Name)
		assert.LessOrEqual(t, planOurs.Version, planOld.Version, c.Name)
		if planOurs.Version < planOld.Version {
			smaller++
		}
		saved += len(old) - len(ours)
		savedOnC += base45.EncodedLen(c.CZlib9) - len(ours)
	}
	t.Logf("%d credentials: %d need a smaller QR version at level M than with Go's level 9; "+
		"%d Base45 characters fewer than Go's level 9 (%.1f a credential), %d fewer than C zlib's level 9",
		len(corpus), smaller, saved, float64(saved)/float64(len(corpus)), savedOnC)
}
