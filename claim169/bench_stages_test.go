package claim169

// Benchmarks of the reject paths and of each stage of the pipeline.

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"testing"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan"
)

// BenchmarkDecodeReject measures the reject paths of a verifying decoder:
// each must cost no more than an accepted credential.
func BenchmarkDecodeReject(b *testing.B) {
	c := newBenchCredential(b)
	dec := benchDecoder(b, c)
	forged := bytes.Clone(c.stages.COSE)
	forged[len(forged)-1] ^= 1 // the last byte of the signature
	// A zlib bomb close to the text limit: about 5 KB of compressed zeros
	// that would inflate to 5 MiB.
	bomb := qrText(make([]byte, 5<<20))
	if len(bomb) > DefaultMaxTextLength {
		b.Fatalf("bomb of %d characters is above the text limit", len(bomb))
	}
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	otherDec, err := NewDecoder(DecoderOptions{Keys: toKeys(other.Public())})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		dec  *Decoder
		text string
		want error
	}{
		{"forged signature", dec, qrText(forged), ErrVerification},
		{"unknown key", otherDec, c.text, ErrVerification},
		{"zlib bomb", dec, bomb, ErrTooLarge},
		{"text too long", dec, c.text + string(make([]byte, DefaultMaxTextLength)), ErrTooLarge},
		{"not base45", dec, "~" + c.text, ErrMalformed},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.dec.Decode(bc.text); !errors.Is(err, bc.want) {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchStage is one stage of a stage benchmark: run is the call timed, or
// setup returns it; both are given the stage's own sub-benchmark.
type benchStage struct {
	name  string
	run   func(b *testing.B)
	setup func(b *testing.B) func()
}

// runStages times each stage in a sub-benchmark, with its allocations.
func runStages(b *testing.B, stages []benchStage) {
	for _, s := range stages {
		b.Run(s.name, func(b *testing.B) {
			f := func() { s.run(b) }
			if s.setup != nil {
				f = s.setup(b)
			}
			b.ReportAllocs()
			for b.Loop() {
				f()
			}
		})
	}
}

func BenchmarkInspect(b *testing.B) {
	c := newBenchCredential(b)
	dec, err := NewDecoder(DecoderOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dec.Inspect(c.text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeStages(b *testing.B) {
	c := newBenchCredential(b)
	runStages(b, []benchStage{
		{name: "base45", run: func(*testing.B) { _, _ = base45.DecodeString(c.text) }},
		{name: "inflate", run: func(*testing.B) { _, _ = compress.Inflate(c.stages.Compressed, 0) }},
		{name: "cose", run: func(*testing.B) { _, _ = cose.ParseSign1(c.stages.COSE) }},
		{name: "cwt", run: func(*testing.B) { _, _, _ = cwt.Parse(c.stages.CWT) }},
		{name: "identity", run: func(*testing.B) { _, _, _ = ParseIdentity(c.stages.Claim169) }},
		{name: "verify", setup: func(b *testing.B) func() {
			s1, err := cose.ParseSign1(c.stages.COSE)
			if err != nil {
				b.Fatal(err)
			}
			pub := c.priv.Public()
			return func() {
				if err := s1.Verify(pub, nil); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{name: "qr-scan", setup: func(b *testing.B) func() {
			code, err := render.New(c.text, render.Options{ModuleSize: 4})
			if err != nil {
				b.Fatal(err)
			}
			img := code.Image()
			return func() {
				if text, err := scan.Image(img); err != nil || text != c.text {
					b.Fatal("not read back", err)
				}
			}
		}},
	})
}

// BenchmarkEncodeStages times each stage of BenchmarkEncodeSign.
func BenchmarkEncodeStages(b *testing.B) {
	c := newBenchCredential(b)
	opts := cose.SignOptions{KeyID: []byte("k-1101")}
	runStages(b, []benchStage{
		{name: "identity", run: func(b *testing.B) {
			if _, err := c.id.MarshalCBOR(); err != nil {
				b.Fatal(err)
			}
		}},
		{name: "cwt", setup: func(b *testing.B) func() {
			claims, _, err := cwt.Parse(c.stages.CWT)
			if err != nil {
				b.Fatal(err)
			}
			return func() {
				if _, err := claims.MarshalCBOR(); err != nil {
					b.Fatal(err)
				}
			}
		}},
		{name: "cose", run: func(b *testing.B) {
			if _, err := cose.Sign(nil, c.priv, c.stages.CWT, opts); err != nil {
				b.Fatal(err)
			}
		}},
		{name: "deflate", run: func(*testing.B) { _ = compress.Deflate(c.stages.COSE) }},
		{name: "base45", run: func(*testing.B) { _ = base45.EncodeToString(c.stages.Compressed) }},
		{name: "qr-render", run: func(b *testing.B) {
			code, err := render.New(c.text, render.Options{ModuleSize: 4})
			if err != nil {
				b.Fatal(err)
			}
			if err := code.WritePNG(io.Discard); err != nil {
				b.Fatal(err)
			}
		}},
	})
}
