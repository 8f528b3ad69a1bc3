package scan

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr/scan/internal/degrade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusSeed seeds the degraded corpus of the read-rate tests.
const corpusSeed = 169

// corpusPerClass is the number of images of each class the test reads.
const corpusPerClass = 6

// outcome is what reading one sample gave.
type outcome struct {
	class string
	ok    bool
}

// forCorpus generates n samples of every class and calls read on each, on
// every core; it returns the samples read per class, in class order.
func forCorpus(t *testing.T, n int, read func(degrade.Sample) bool) ([]degrade.Class, map[string]int) {
	classes := degrade.Classes()
	type job struct {
		class degrade.Class
		i     int
	}
	jobs := make(chan job)
	results := make(chan outcome)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				s, err := j.class.Sample(corpusSeed, j.i)
				require.NoError(t, err)
				results <- outcome{j.class.Name, read(s)}
			}
		})
	}
	go func() {
		for _, cl := range classes {
			for i := range n {
				jobs <- job{cl, i}
			}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	counts := map[string]int{}
	for o := range results {
		if o.ok {
			counts[o.class]++
		}
	}
	return classes, counts
}

// minRead is the share of each class's images the scanner must read: every
// image, but five in six of the cards bent round a cylinder.
func minRead(cl degrade.Class) float64 {
	if strings.HasPrefix(cl.Name, "cylinder") {
		return 5.0 / 6
	}
	return 1
}

// TestCorpusReadRates reads the degraded corpus and checks the read rate
// of every class against its threshold.
func TestCorpusReadRates(t *testing.T) {
	n := corpusPerClass
	if testing.Short() || testsupport.Race {
		n = 2 // the whole corpus is read without the race detector
	}
	classes, read := forCorpus(t, n, func(s degrade.Sample) bool {
		text, err := Image(s.Image)
		return err == nil && text == s.Text
	})
	var table strings.Builder
	total := 0
	for _, cl := range classes {
		fmt.Fprintf(&table, "%-28s %d/%d\n", cl.Name, read[cl.Name], n)
		total += read[cl.Name]
		assert.GreaterOrEqual(t, float64(read[cl.Name])+1e-9, minRead(cl)*float64(n), cl.Name)
	}
	fmt.Fprintf(&table, "%-28s %d/%d\n", "all", total, n*len(classes))
	t.Log("\n" + table.String())
}
