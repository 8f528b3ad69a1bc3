package degrade

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var out = flag.String("out", "", "write two samples of every class as PNG files in this directory")

func TestSampleDeterministic(t *testing.T) {
	for _, cl := range Classes()[:3] {
		a, err := cl.Sample(1, 3)
		require.NoError(t, err)
		b, err := cl.Sample(1, 3)
		require.NoError(t, err)
		assert.Equal(t, a, b)
		c, err := cl.Sample(2, 3)
		require.NoError(t, err)
		assert.NotEqual(t, a.Text, c.Text)
	}
}

func TestSampleVersions(t *testing.T) {
	for i, cl := range Classes() {
		s, err := cl.Sample(7, i)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, s.Version, MinVersion-1, cl.Name)
		assert.LessOrEqual(t, s.Version, MaxVersion, cl.Name)
		assert.Positive(t, s.Image.Rect.Dx(), cl.Name)
	}
}

// TestWrite writes samples to look at, with -out.
func TestWrite(t *testing.T) {
	if *out == "" {
		t.Skip("no -out directory")
	}
	require.NoError(t, os.MkdirAll(*out, 0o755))
	for _, cl := range Classes() {
		for i := range 2 {
			s, err := cl.Sample(1, i)
			require.NoError(t, err)
			f, err := os.Create(filepath.Join(*out, fmt.Sprintf("%s-%d.png", cl.Name, i)))
			require.NoError(t, err)
			require.NoError(t, png.Encode(f, s.Image))
			require.NoError(t, f.Close())
		}
	}
}
