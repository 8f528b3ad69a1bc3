package brotli

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// TestConcurrent decodes good and bad streams from many goroutines at
// once: a pooled decoder left dirty by an error, or shared, would mix up
// outputs (and -race would report it).
func TestConcurrent(t *testing.T) {
	bad := [][]byte{
		brotlitest.ManyCommandCodes(256, 1, 0),      // table limit, mid-header
		brotlitest.BigContextMap(256, 256, 2)[:300], // truncated in a context map
		brotlitest.LongCopies(24, 16<<20, 16<<20),   // too large
		append(stream(16, hello), 0),                // trailing data
	}
	var goods [][]byte
	var wants [][]byte
	for i := range 8 {
		p := sample(500+i*911, uint64(i))
		goods = append(goods, abEncode(t, p, 1+i, 10+i))
		wants = append(wants, p)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Go(func() {
			for i := range 50 {
				_, _ = Decode(bad[(g+i)%len(bad)], 0)
				k := (g*7 + i) % len(goods)
				got, err := Decode(goods[k], 0)
				if err != nil || !bytes.Equal(got, wants[k]) {
					errs <- fmt.Errorf("goroutine %d round %d: %v", g, i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
