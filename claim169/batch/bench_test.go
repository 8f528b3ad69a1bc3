package batch_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/idqr/claim169/claim169/batch"
)

func BenchmarkEncodeBatch(b *testing.B) {
	enc := batchEncoder(b)
	items := jsonItems(256)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		for _, ordered := range []bool{false, true} {
			b.Run(fmt.Sprintf("workers=%d/ordered=%v", workers, ordered), func(b *testing.B) {
				b.ReportAllocs()
				ctx := context.Background()
				for b.Loop() {
					for r := range batch.Encode(ctx, enc, feed(ctx, items), batch.Options{Workers: workers, Ordered: ordered}) {
						if r.Err != nil {
							b.Fatal(r.Err)
						}
					}
				}
				b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
