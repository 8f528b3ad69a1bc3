package compress

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/testsupport"
)

// TestConcurrent runs many Deflate and Inflate calls at once, good and bad
// inputs mixed, and checks every result: a pool that shared state between
// goroutines would mix outputs up (and -race would report it).
func TestConcurrent(t *testing.T) {
	const goroutines, rounds = 16, 60
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for i := range rounds {
				if err := concurrentRound(g, i); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func concurrentRound(g, i int) error {
	p := sample((g*131+i*977)%5000, uint64(g*1000+i))
	compressed := Deflate(p)
	switch i % 4 {
	case 1: // an error in between leaves the pooled reader dirty
		if _, err := Inflate(compressed[:len(compressed)/2], 0); err == nil {
			return fmt.Errorf("goroutine %d round %d: truncated stream accepted", g, i)
		}
	case 2:
		if _, err := Inflate(bomb(), 1000); err != ErrTooLarge {
			return fmt.Errorf("goroutine %d round %d: bomb: %v", g, i, err)
		}
	}
	got, err := Inflate(compressed, 0)
	if err != nil {
		return fmt.Errorf("goroutine %d round %d: %w", g, i, err)
	}
	if !bytes.Equal(got, p) {
		return fmt.Errorf("goroutine %d round %d: wrong output", g, i)
	}
	return nil
}

// TestPooledReaderAfterErrors alternates every kind of failure with a good
// stream: a reader returned to the pool mid-stream must decode the next
// stream from scratch.
func TestPooledReaderAfterErrors(t *testing.T) {
	p := sample(3000, 10)
	good := Deflate(p)
	badChecksum := bytes.Clone(good)
	badChecksum[len(badChecksum)-1] ^= 0xff
	bad := map[string][]byte{
		"truncated":       good[:len(good)/2],
		"reserved block":  frame([]byte{0x07}, nil),
		"bad checksum":    badChecksum,
		"trailing data":   append(bytes.Clone(good), 0),
		"bomb":            bomb(),
		"bad header":      append([]byte{0x78, 0x00}, good[2:]...),
		"other data":      Deflate(sample(60000, 11)),
		"stored overflow": frame(storedBlocks(make([]byte, 5000), 5000), make([]byte, 5000)),
	}
	for range 20 {
		for name, input := range bad {
			_, err := Inflate(input, 4000)
			if name == "other data" {
				require.ErrorIs(t, err, ErrTooLarge)
			} else {
				require.Error(t, err, name)
			}
			got, err := Inflate(good, 4000)
			require.NoError(t, err, "after %s", name)
			require.Equal(t, p, got, "after %s", name)
		}
	}
}

func TestResultsDoNotAlias(t *testing.T) {
	p := sample(3000, 12)
	q := sample(3000, 13)
	cp, cq := Deflate(p), Deflate(q)
	cpCopy := bytes.Clone(cp)
	for i := range cq {
		cq[i] = 0
	}
	assert.Equal(t, cpCopy, cp, "Deflate results are independent")

	first, err := Inflate(cpCopy, 0)
	require.NoError(t, err)
	second, err := Inflate(cpCopy, 0)
	require.NoError(t, err)
	for i := range second {
		second[i] ^= 0xff
	}
	assert.Equal(t, p, first, "mutating a later result must not change an earlier one")
	third, err := Inflate(cpCopy, 0)
	require.NoError(t, err)
	assert.Equal(t, p, third, "nor the pooled buffers")
}

func TestInflateDoesNotKeepInput(t *testing.T) {
	p := sample(600, 14)
	src := Deflate(p)
	got, err := Inflate(src, 0)
	require.NoError(t, err)
	for i := range src {
		src[i] = 0
	}
	assert.Equal(t, p, got)
}

func TestAllocations(t *testing.T) {
	testsupport.SkipUnderRace(t, "sync.Pool drops items at random")
	for _, size := range []int{0, 600, 3000, scratchCap} { // buffers up to scratchCap stay pooled
		p := sample(size, 15)
		compressed := Deflate(p)
		deflateAllocs := testing.AllocsPerRun(20, func() { Deflate(p) })
		assert.Less(t, deflateAllocs, 10.0, "Deflate of %d bytes: no writer is created per call", size)
		assert.LessOrEqual(t, deflateAllocs, 1.0, "Deflate of %d bytes: only the result", size)
		inflateAllocs := testing.AllocsPerRun(20, func() {
			if _, err := Inflate(compressed, 0); err != nil {
				panic(err)
			}
		})
		// compress/flate allocates link tables for Huffman codes longer
		// than 9 bits in each dynamic block; Inflate adds only the result.
		assert.LessOrEqual(t, inflateAllocs, flateAllocs(compressed[headerLen:], size)+1, "Inflate to %d bytes", size)
	}
	small := Deflate([]byte("a short text: fixed Huffman codes"))
	assert.Equal(t, 1.0, testing.AllocsPerRun(20, func() { _, _ = Inflate(small, 0) }), "only the result")
	rejects := map[string][]byte{
		"bad header":   {0x78, 0x00, 0x00},
		"truncated":    small[:len(small)-1],
		"bad checksum": frame(storedBlocks([]byte("x"), 1), []byte("y")),
		"trailing":     append(bytes.Clone(small), 0),
	}
	for name, input := range rejects {
		allocs := testing.AllocsPerRun(20, func() { _, _ = Inflate(input, 0) })
		assert.Zero(t, allocs, "reject path %s", name)
	}
}

// flateAllocs measures the allocations of a warm compress/flate reader
// decoding deflated into a buffer of size bytes.
func flateAllocs(deflated []byte, size int) float64 {
	var src bytes.Reader
	fr := flate.NewReader(&src).(flateReader)
	buf := make([]byte, size+1)
	return testing.AllocsPerRun(20, func() {
		src.Reset(deflated)
		_ = fr.Reset(&src, nil)
		if n, err := io.ReadFull(fr, buf); n != size {
			panic(err)
		}
	})
}
