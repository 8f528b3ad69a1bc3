package compress

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInflateBombs(t *testing.T) {
	tests := []struct {
		name    string
		input   []byte
		maxSize int
	}{
		{"10 MB of zeros", bomb(), 0},
		{"10 MB of zeros, small limit", bomb(), 100},
		{"10 MB of zeros, limit of one byte", bomb(), 1},
		{"stored blocks of one byte", frame(storedBlocks(make([]byte, DefaultMaxSize+1), 1), make([]byte, DefaultMaxSize+1)), 0},
		{"stored blocks crossing a small limit", frame(storedBlocks(sample(5000, 7), 7), sample(5000, 7)), 1000},
		{"limit plus one in the last stored block", frame(storedBlocks(make([]byte, 1001), 1001), make([]byte, 1001)), 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Inflate(tt.input, tt.maxSize)
			require.ErrorIs(t, err, ErrTooLarge)
			assert.Nil(t, got)
		})
	}
}

// spyReader records what Inflate asks of the DEFLATE decoder.
type spyReader struct {
	flateReader
	largestRead, delivered int
}

func (s *spyReader) Read(p []byte) (int, error) {
	s.largestRead = max(s.largestRead, len(p))
	n, err := s.flateReader.Read(p)
	s.delivered += n
	return n, err
}

// TestInflateStopsAtTheLimit checks that a bomb is not inflated beyond the
// limit: the decoder is never asked for more than maxSize+1 bytes in all,
// with a cold or a warm (already grown) scratch buffer, the buffer does not
// grow past maxSize+1 bytes, and only the start of the compressed data is
// read (the decoder works at most one 32 KiB window ahead of the output).
func TestInflateStopsAtTheLimit(t *testing.T) {
	src := bomb()
	require.NoError(t, checkHeader(src))
	body := src[headerLen:]
	for _, maxSize := range []int{1, 100, 4096, scratchCap, DefaultMaxSize} {
		for _, warm := range []bool{false, true} {
			f := newInflater()
			if warm {
				f.out = make([]byte, 0, scratchCap)
			}
			spy := &spyReader{flateReader: f.fr}
			f.fr = spy
			f.src.Reset(body)
			require.NoError(t, f.fr.Reset(&f.src, nil))
			out, err := f.inflate(maxSize)
			require.ErrorIs(t, err, ErrTooLarge)
			assert.Nil(t, out)
			assert.Equal(t, maxSize+1, spy.delivered, "bytes inflated for a limit of %d", maxSize)
			assert.LessOrEqual(t, spy.largestRead, maxSize+1)
			if !warm {
				assert.LessOrEqual(t, cap(f.out), maxSize+1, "output buffer")
			}
			// 10 MB inflate from the whole body; (64 KiB + 32 KiB) from
			// about a hundredth of it.
			consumed := len(body) - f.src.Len()
			assert.Less(t, consumed, len(body)/50, "compressed bytes read for a limit of %d", maxSize)
		}
	}
}

func TestManyEmptyStoredBlocks(t *testing.T) {
	// 5-byte blocks that inflate to nothing cost input, not output.
	var deflated []byte
	for range 10000 {
		deflated = append(deflated, 0x00, 0x00, 0x00, 0xff, 0xff)
	}
	deflated = append(deflated, storedBlocks([]byte("ok"), 1)...)
	got, err := Inflate(frame(deflated, []byte("ok")), 0)
	require.NoError(t, err)
	assert.Equal(t, []byte("ok"), got)
}
