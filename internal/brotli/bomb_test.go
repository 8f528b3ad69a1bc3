package brotli

import (
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/brotli/brotlitest"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// Decompression bombs of the shape that costs andybalholm/brotli its whole
// window before it returns any output: a large declared window and
// meta-blocks of long copies.
var (
	// About 100 bytes: a 4 MiB window, 8 MiB of output in 1 MiB blocks.
	bomb4MiB = brotlitest.LongCopies(22, 8<<20, 1<<20)
	// About 15 bytes: a 16 MiB window, one meta-block of 16 MiB.
	bomb16MiB = brotlitest.LongCopies(24, 16<<20, 16<<20)
)

func TestBombs(t *testing.T) {
	assert.Less(t, len(bomb4MiB), 120)
	assert.Less(t, len(bomb16MiB), 60)
	tests := []struct {
		name    string
		input   []byte
		maxSize int
	}{
		{"4 MiB window, 8 MiB", bomb4MiB, 0},
		{"16 MiB window, 16 MiB", bomb16MiB, 0},
		{"16 MiB window, limit of one byte", bomb16MiB, 1},
		{"64 KiB and one byte in 4 KiB blocks", brotlitest.LongCopies(24, DefaultMaxSize+1, 4096), 0},
		{"a limit of 1000 in blocks of 7", brotlitest.LongCopies(16, 1001, 7), 1000},
		{"stored blocks past the limit", stored("0123456789", "0123456789"), 15},
		{"codes over the table limit of a meta-block", brotlitest.ManyCommandCodes(256, 1, 0), 0},
		{"codes over the table limit of a call", brotlitest.ManyCommandCodes(20, 12, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(tt.input, tt.maxSize)
			require.ErrorIs(t, err, ErrTooLarge)
			assert.Nil(t, got)
			oracle, oerr := abDecode(tt.input, max(tt.maxSize, DefaultMaxSize))
			if tt.maxSize == 0 && oerr == nil {
				// Only the table limit refuses this one: the oracle
				// decodes it, within the size limit.
				assert.LessOrEqual(t, len(oracle), DefaultMaxSize)
			}
		})
	}
}

// TestBombsUnderTheLimit decodes the largest output of each shape that
// the default limit accepts.
func TestBombsUnderTheLimit(t *testing.T) {
	for name, src := range map[string][]byte{
		"one copy":        brotlitest.LongCopies(24, DefaultMaxSize, DefaultMaxSize),
		"4 KiB blocks":    brotlitest.LongCopies(24, DefaultMaxSize, 4096),
		"short copies":    brotlitest.ShortCopies(DefaultMaxSize),
		"literals":        brotlitest.Literals(DefaultMaxSize),
		"one-bit literal": brotlitest.OneBitLiterals(40000, false),
		"many blocks":     brotlitest.TinyMetaBlocks(600),
		"command codes":   brotlitest.ManyCommandCodes(20, 1, 0),
		"context map":     brotlitest.BigContextMap(256, 256, 1),
	} {
		got, err := Decode(src, 0)
		require.NoError(t, err, name)
		want, err := abDecode(src, DefaultMaxSize)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
}

// TestMemoryIndependentOfWindow checks that what Decode allocates depends
// on the output, never on the declared window: the same 64 KiB in blocks
// of 4 KiB, under windows of 1 KiB to 16 MiB, allocates at most twice the
// output plus a little; bombs refused at their first header allocate
// almost nothing.
func TestMemoryIndependentOfWindow(t *testing.T) {
	ts.SkipUnderRace(t, "sync.Pool drops items at random")
	for wbits := 10; wbits <= 24; wbits++ {
		src := brotlitest.LongCopies(wbits, DefaultMaxSize, 4096)
		got := allocated(t, func() {
			_, err := Decode(src, 0)
			require.NoError(t, err)
		})
		assert.LessOrEqual(t, got, uint64(2*DefaultMaxSize+1024), "window %d", wbits)
		for _, bomb := range [][]byte{bomb4MiB, bomb16MiB, brotlitest.LongCopies(wbits, 1<<24, 1<<24)} {
			got := allocated(t, func() {
				_, err := Decode(bomb, 0)
				require.ErrorIs(t, err, ErrTooLarge)
			})
			assert.LessOrEqual(t, got, uint64(256), "window %d", wbits)
		}
	}
	table := brotlitest.ManyCommandCodes(20, 1, 0)
	got := allocated(t, func() {
		_, err := Decode(table, 0)
		require.NoError(t, err)
	})
	assert.LessOrEqual(t, got, uint64(4096), "a meta-block at the table limit, pool warm")
}

// allocated returns the bytes f allocates, the median of several runs
// after a warm-up (so that pooled decoders exist).
func allocated(t *testing.T, f func()) uint64 {
	t.Helper()
	f()
	var runs []uint64
	for range 9 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		runs = append(runs, after.TotalAlloc-before.TotalAlloc)
	}
	slices.Sort(runs)
	return runs[len(runs)/2]
}
