package compress

import (
	"encoding/hex"
	"os"
	"testing"
)

func benchSrc() []byte {
	h, _ := os.ReadFile("/tmp/bench_cose.hex")
	src, _ := hex.DecodeString(string(h))
	return src
}

func BenchmarkZZScan(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	for b.Loop() {
		e.m.reset(len(src))
		e.m.scan(src)
	}
}

func BenchmarkZZLazy(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	for b.Loop() {
		e.lazy(src)
	}
}

func BenchmarkZZSweep(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	b.Logf("tokens %d", len(e.lazyToks))
	for b.Loop() {
		e.stride = max(1, len(e.lazyToks)/sweepPoints)
		e.fwd, e.bwd = resize(e.fwd, len(e.lazyToks)/e.stride+1), resize(e.bwd, len(e.lazyToks)/e.stride+1)
		e.sweep(0, len(e.lazyToks), false, false)
	}
}

func BenchmarkZZBuild(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	e.hist.count(e.lazyToks)
	for b.Loop() {
		e.code.build(&e.hist, &e.hf)
	}
}

func BenchmarkZZBuildSmall(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	e.hist.count(e.lazyToks[:150])
	for b.Loop() {
		e.code.build(&e.hist, &e.hf)
	}
}

func BenchmarkZZDP(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	e.hist.count(e.lazyToks[:150])
	e.cm.fromHistogram(&e.hist)
	for b.Loop() {
		e.trial = e.optimal(src, 0, 160, &e.cm, e.trial[:0])
	}
}

func BenchmarkZZCost(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	e.hist.count(e.lazyToks[:150])
	for b.Loop() {
		e.cm.fromHistogram(&e.hist)
	}
}

func BenchmarkZZCount(b *testing.B) {
	src := benchSrc()
	e := new(encoder)
	e.m.reset(len(src))
	e.m.scan(src)
	e.lazy(src)
	for b.Loop() {
		e.hist.count(e.lazyToks)
	}
}
