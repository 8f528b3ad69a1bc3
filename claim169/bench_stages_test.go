package claim169

// Benchmarks of the reject paths and of each stage of the pipeline.

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"testing"
	"time"

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
	dec, err := NewDecoder(DecoderOptions{Keys: toKeys(c.priv.Public()), Now: func() time.Time { return time.Unix(1760000000, 0) }})
	if err != nil {
		b.Fatal(err)
	}
	forged := bytes.Clone(c.stages.COSE)
	forged[len(forged)-1] ^= 1 // the last byte of the signature
	// A zlib bomb close to the text limit: about 5 KB of compressed zeros
	// that would inflate to 5 MiB.
	bomb := base45.EncodeToString(compress.Deflate(make([]byte, 5<<20)))
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
		{"forged signature", dec, base45.EncodeToString(compress.Deflate(forged)), ErrVerification},
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
	b.Run("base45", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = base45.DecodeString(c.text)
		}
	})
	b.Run("inflate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = compress.Inflate(c.stages.Compressed, 0)
		}
	})
	b.Run("cose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = cose.ParseSign1(c.stages.COSE)
		}
	})
	b.Run("cwt", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _, _ = cwt.Parse(c.stages.CWT)
		}
	})
	b.Run("identity", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _, _ = ParseIdentity(c.stages.Claim169)
		}
	})
	b.Run("verify", func(b *testing.B) {
		s1, err := cose.ParseSign1(c.stages.COSE)
		if err != nil {
			b.Fatal(err)
		}
		pub := c.priv.Public()
		b.ReportAllocs()
		for b.Loop() {
			if err := s1.Verify(pub, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("qr-scan", func(b *testing.B) {
		code, err := render.New(c.text, render.Options{ModuleSize: 4})
		if err != nil {
			b.Fatal(err)
		}
		img := code.Image()
		b.ReportAllocs()
		for b.Loop() {
			if text, err := scan.Image(img); err != nil || text != c.text {
				b.Fatal("not read back", err)
			}
		}
	})
}

// BenchmarkEncodeStages times each stage of BenchmarkEncodeSign.
func BenchmarkEncodeStages(b *testing.B) {
	c := newBenchCredential(b)
	b.Run("identity", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.id.MarshalCBOR(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cwt", func(b *testing.B) {
		claims, _, err := cwt.Parse(c.stages.CWT)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := claims.MarshalCBOR(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cose", func(b *testing.B) {
		opts := cose.SignOptions{KeyID: []byte("k-1101")}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := cose.Sign(nil, c.priv, c.stages.CWT, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deflate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = compress.Deflate(c.stages.COSE)
		}
	})
	b.Run("base45", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = base45.EncodeToString(c.stages.Compressed)
		}
	})
	b.Run("qr-render", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			code, err := render.New(c.text, render.Options{ModuleSize: 4})
			if err != nil {
				b.Fatal(err)
			}
			if err := code.WritePNG(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	})
}
