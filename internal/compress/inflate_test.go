package compress

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		maxSize int
		wantErr error
	}{
		{"empty", 0, 0, nil},
		{"one byte", 1, 0, nil},
		{"600 bytes", 600, 0, nil},
		{"3000 bytes", 3000, 0, nil},
		{"default limit exactly", DefaultMaxSize, 0, nil},
		{"default limit plus one", DefaultMaxSize + 1, 0, ErrTooLarge},
		{"negative limit means default", DefaultMaxSize, -1, nil},
		{"negative limit means default, plus one", DefaultMaxSize + 1, -1, ErrTooLarge},
		{"custom limit exactly", 3000, 3000, nil},
		{"custom limit minus one", 3000, 2999, ErrTooLarge},
		{"limit of one byte", 1, 1, nil},
		{"limit of one byte, two bytes", 2, 1, ErrTooLarge},
		{"custom limit above default", DefaultMaxSize + 1, DefaultMaxSize + 1, nil},
		{"largest limit", 3000, math.MaxInt, nil},
	}
	for _, tt := range tests {
		for _, kind := range []struct {
			name string
			data []byte
		}{
			{"mixed", sample(tt.size, uint64(tt.size))},
			{"zeros", make([]byte, tt.size)},
		} {
			t.Run(tt.name+"/"+kind.name, func(t *testing.T) {
				compressed := Deflate(kind.data)
				got, err := Inflate(compressed, tt.maxSize)
				if tt.wantErr != nil {
					require.ErrorIs(t, err, tt.wantErr)
					assert.Nil(t, got)
					return
				}
				require.NoError(t, err)
				assert.NotNil(t, got)
				assert.Equal(t, kind.data, got)
			})
		}
	}
}

func TestDeflateIsStandardZlib(t *testing.T) {
	p := sample(3000, 1)
	compressed := Deflate(p)
	assert.Equal(t, []byte{0x78, 0xda}, compressed[:2], "CM 8, 32 KiB window, FLEVEL 3 (best compression)")
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	require.NoError(t, err)
	got, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, p, got)
	assert.Less(t, len(compressed), len(p))
}

func TestInflateOtherWriters(t *testing.T) {
	p := sample(5000, 2)
	type vector struct {
		name string
		zlib []byte
	}
	var vectors []vector
	for level := flate.HuffmanOnly; level <= flate.BestCompression; level++ {
		vectors = append(vectors, vector{fmt.Sprintf("go level %d", level), zlibLevel(t, p, level)})
	}
	vectors = append(vectors,
		vector{"stored blocks of 1 byte", frame(storedBlocks(p, 1), p)},
		vector{"stored blocks of 1000 bytes", frame(storedBlocks(p, 1000), p)},
		vector{"one full stored block", frame(storedBlocks(p[:4000], 65535), p[:4000])},
		vector{"sync flushes", frame(flushed(t, p, 100), p)},
		vector{"empty stored blocks only", frame(storedBlocks(nil, 1), nil)},
		vector{"window 256 bytes", append([]byte{0x08, 0x1d}, zlibLevel(t, p, 9)[2:]...)},
	)
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			want := p
			if v.name == "one full stored block" {
				want = p[:4000]
			} else if v.name == "empty stored blocks only" {
				want = []byte{}
			}
			got, err := Inflate(v.zlib, 0)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestInflateErrors(t *testing.T) {
	p := sample(3000, 3)
	good := Deflate(p)
	withDict := func() []byte {
		var buf writeBuffer
		w, err := zlib.NewWriterLevelDict(&buf, 9, []byte("a preset dictionary"))
		require.NoError(t, err)
		_, _ = w.Write(p)
		require.NoError(t, w.Close())
		return buf
	}()
	// FDICT with the identifier of the empty dictionary (Adler-32 of
	// nothing is 1): compress/zlib would accept it when given no dictionary.
	emptyDictID := append([]byte{0x78, 0x20, 0, 0, 0, 1}, good[2:]...)
	badChecksum := bytes.Clone(good)
	badChecksum[len(badChecksum)-1] ^= 1
	reservedBlock := frame([]byte{0x07}, nil) // BFINAL 1, BTYPE 11 (reserved)
	badStoredLen := frame([]byte{0x01, 0x05, 0x00, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o'}, []byte("hello"))

	tests := []struct {
		name  string
		input []byte
		want  error // besides ErrCorrupt, when not nil
		is    error // the sentinel, ErrCorrupt unless set
	}{
		{"empty", nil, io.ErrUnexpectedEOF, nil},
		{"one byte", good[:1], io.ErrUnexpectedEOF, nil},
		{"header only", good[:2], io.ErrUnexpectedEOF, nil},
		{"not deflate (CM 7)", append([]byte{0x77, 0x85}, good[2:]...), zlib.ErrHeader, nil},
		{"window above 32 KiB (CINFO 8)", append([]byte{0x88, 0x98}, good[2:]...), zlib.ErrHeader, nil},
		{"bad header check bits", append([]byte{0x78, 0xdb}, good[2:]...), zlib.ErrHeader, nil},
		{"gzip magic", append([]byte{0x1f, 0x8b}, good[2:]...), zlib.ErrHeader, nil},
		{"preset dictionary", withDict, zlib.ErrDictionary, nil},
		{"preset dictionary with the empty id", emptyDictID, zlib.ErrDictionary, nil},
		{"wrong checksum", badChecksum, zlib.ErrChecksum, nil},
		{"checksum of other data", frame(storedBlocks(p, 100), p[1:]), zlib.ErrChecksum, nil},
		{"checksum missing", good[:len(good)-4], io.ErrUnexpectedEOF, nil},
		{"checksum cut", good[:len(good)-1], io.ErrUnexpectedEOF, nil},
		{"reserved block type", reservedBlock, nil, nil},
		{"stored length mismatch", badStoredLen, nil, nil},
		{"trailing byte", append(bytes.Clone(good), 0), nil, ErrTrailingData},
		{"two streams", append(bytes.Clone(good), good...), nil, ErrTrailingData},
		{"trailing checksum-like bytes", append(bytes.Clone(good), good[len(good)-4:]...), nil, ErrTrailingData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Inflate(tt.input, 0)
			assert.Nil(t, got)
			sentinel := tt.is
			if sentinel == nil {
				sentinel = ErrCorrupt
			}
			require.ErrorIs(t, err, sentinel)
			if tt.want != nil {
				assert.ErrorIs(t, err, tt.want)
			}
		})
	}
}

func TestInflateCorruptDeflateData(t *testing.T) {
	_, err := Inflate(frame([]byte{0x07}, nil), 0)
	var cie flate.CorruptInputError
	require.ErrorAs(t, err, &cie)
	assert.ErrorIs(t, err, ErrCorrupt)
}

func TestInflateTruncated(t *testing.T) {
	for _, p := range [][]byte{nil, sample(600, 4), sample(3000, 5)} {
		good := Deflate(p)
		for n := range len(good) {
			got, err := Inflate(good[:n], 0)
			require.ErrorIs(t, err, ErrCorrupt, "prefix of %d of %d bytes", n, len(good))
			require.Nil(t, got)
		}
	}
}

func TestInflateEveryFlippedBit(t *testing.T) {
	p := sample(600, 6)
	good := Deflate(p)
	for i := range len(good) * 8 {
		bad := bytes.Clone(good)
		bad[i/8] ^= 1 << (i % 8)
		got, err := Inflate(bad, 0)
		if err != nil {
			require.Nil(t, got)
			continue
		}
		// A flip is harmless only where it cannot change the output: the
		// padding after the final block, or a match distance moved onto an
		// identical copy of the same bytes.
		require.Equal(t, p, got, "bit %d", i)
	}
}
