package compress

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/testsupport"
)

// corpusDir holds the zlib corpus: credentials as claim169's Encoder
// produces them, and the lengths C zlib's level 9 gives them.
const corpusDir = "../../testdata/zlibcorpus"

// TestCorpusSizes holds Deflate to the size goals on the corpus: never
// longer than C zlib's level 9 where that stores the credential (nothing
// shortens it), no longer on at least 99% of the credentials, and never
// more than 2 bytes longer; and never longer than Go's level 9, the
// encoder it replaced.
func TestCorpusSizes(t *testing.T) {
	corpus := testsupport.ZlibCorpus(t, corpusDir)
	require.GreaterOrEqual(t, len(corpus), 1000)
	var notLonger, shorter, stored, ours, czlib, goLevel9 int
	maxExcess := 0
	for _, c := range corpus {
		out := Deflate(c.COSE)
		got, err := Inflate(out, len(c.COSE))
		require.NoError(t, err, c.Name)
		require.Equal(t, c.COSE, got, c.Name)
		excess := len(out) - c.CZlib9
		if excess <= 0 {
			notLonger++
		}
		if excess < 0 {
			shorter++
		}
		if c.CZlib9 == len(c.COSE)+11 {
			stored++
			assert.LessOrEqual(t, len(out), c.CZlib9, "%s: C zlib stores it", c.Name)
		}
		if excess > maxExcess {
			maxExcess = excess
		}
		assert.LessOrEqual(t, excess, 2, c.Name)
		old := len(zlibLevel(t, c.COSE, 9))
		assert.LessOrEqual(t, len(out), old, "%s: longer than Go's level 9", c.Name)
		ours, czlib, goLevel9 = ours+len(out), czlib+c.CZlib9, goLevel9+old
	}
	share := float64(notLonger) / float64(len(corpus))
	t.Logf("%d credentials: no longer than C zlib level 9 on %d (%.1f%%), shorter on %d, at most %d bytes longer; %d stored by C zlib",
		len(corpus), notLonger, 100*share, shorter, maxExcess, stored)
	t.Logf("total bytes: ours %d, C zlib level 9 %d, Go level 9 %d", ours, czlib, goLevel9)
	assert.GreaterOrEqual(t, share, 0.99, "share of credentials no longer than C zlib level 9")
}
