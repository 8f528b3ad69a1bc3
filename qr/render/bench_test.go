package render

import (
	"bytes"
	"io"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
	"github.com/skip2/go-qrcode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	rscqr "rsc.io/qr"

	"github.com/idqr/claim169/internal/benchtest"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/internal/qrtest"
	"github.com/idqr/claim169/qr/internal/zxtest"
)

// BenchmarkNew encodes a version-20 code: segments, data stream,
// Reed-Solomon blocks and the eight masks.
func BenchmarkNew(b *testing.B) {
	text := qrtest.Version20Text()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncoders encodes a typical credential (qrtest.CredentialText,
// 900 characters, version 19 at level M) with this package and with the
// other Go encoders: rsc.io/qr (one segment, fixed mask 0, no mask
// choice), go-qrcode (this package's renderer before it had its own
// encoder) and gozxing's encoder, both at the same version.
func BenchmarkEncoders(b *testing.B) {
	text := qrtest.CredentialText()
	c, err := New(text, Options{})
	if err != nil {
		b.Fatal(err)
	}
	v := c.Layout().Version
	encoders := []struct {
		name   string
		encode func() error
	}{
		{"ours", func() error { _, err := New(text, Options{}); return err }},
		{"rsc.io-qr", func() error { _, err := rscqr.Encode(text, rscqr.M); return err }},
		{"go-qrcode", func() error {
			q, err := qrcode.NewWithForcedVersion(text, v, qrcode.Medium)
			if err == nil {
				_ = q.Bitmap()
			}
			return err
		}},
		{"gozxing", func() error {
			_, err := encoder.Encoder_encode(text, zxtest.Level(qr.M), map[gozxing.EncodeHintType]any{gozxing.EncodeHintType_QR_VERSION: v})
			return err
		}},
	}
	for _, e := range encoders {
		b.Run(e.name, func(b *testing.B) {
			benchtest.Loop(b, func() {
				if err := e.encode(); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// newCode returns a call of New on text at the default options, which
// fails b on an error: the subject of the ratio benchmarks.
func newCode(b *testing.B, text string) func() {
	return func() {
		if _, err := New(text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewRatio times New and rsc.io/qr's Encode alternately on a
// typical credential and reports the ratio of their medians: the goal is
// at most 3, for New's optimal segments and choice among eight masks
// against rsc.io/qr's one segment and fixed mask.
func BenchmarkNewRatio(b *testing.B) {
	text := qrtest.CredentialText()
	benchtest.Ratio(b, newCode(b, text), func() {
		if _, err := rscqr.Encode(text, rscqr.M); err != nil {
			b.Fatal(err)
		}
	}, "ours", "rsc")
}

// BenchmarkNewBeforeRatio times New and what New did before this
// package's encoder alternately on a typical credential: the plan, then
// go-qrcode drawing the text at the planned version. It reports the ratio
// of their medians, after over before.
func BenchmarkNewBeforeRatio(b *testing.B) {
	text := qrtest.CredentialText()
	benchtest.Ratio(b, newCode(b, text), func() {
		p, err := qr.Plan(text, qr.M)
		if err != nil {
			b.Fatal(err)
		}
		q, err := qrcode.NewWithForcedVersion(text, p.Version, qrcode.Medium)
		if err != nil {
			b.Fatal(err)
		}
		_ = q.Bitmap()
	}, "after", "before")
}

func BenchmarkRenderPNG(b *testing.B) {
	text := qrtest.Version20Text()
	b.ReportAllocs()
	for b.Loop() {
		c, err := New(text, Options{ModuleSize: 4})
		if err != nil {
			b.Fatal(err)
		}
		if err := c.WritePNG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWritePNG writes the PNG of a version-20 code at the default
// module size (8 pixels), as batch issuance does for every card.
func BenchmarkWritePNG(b *testing.B) {
	c, err := New(qrtest.Version20Text(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := c.WritePNG(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "png-bytes")
}

// BenchmarkWritePNGRatio times WritePNG and the writer it replaced
// (png_old_test.go) alternately on the code of BenchmarkWritePNG and
// reports the ratio of their medians: the goal is at most 1/1.5.
func BenchmarkWritePNGRatio(b *testing.B) {
	c, err := New(qrtest.Version20Text(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	dark := oldModules(c)
	var buf bytes.Buffer
	benchtest.Ratio(b, func() {
		buf.Reset()
		if err := c.WritePNG(&buf); err != nil {
			b.Fatal(err)
		}
	}, func() {
		_ = oldEncodePNG(dark, c.moduleSize)
	}, "new", "old")
}

func BenchmarkWriteSVG(b *testing.B) {
	c, err := New(qrtest.Version20Text(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.WriteSVG(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAllocations holds the encoder to at most 20 allocations a code and
// the PNG writer to none but what the writer's pool makes now and then.
func TestAllocations(t *testing.T) {
	for _, tt := range []struct {
		name  string
		text  string
		level qr.Level
	}{
		{"credential", qrtest.CredentialText(), qr.M},
		{"version 40", qrtest.RandomText(qrtest.NewRand(40), qr.MaxCharacters(40, qr.L)), qr.L},
		{"many segments", qrtest.RunsText(qrtest.NewRand(41), 3000, 20, 40, false), qr.L},
	} {
		var c *Code
		objects, size := benchtest.MedianAllocations(func() {
			var err error
			c, err = New(tt.text, Options{Level: tt.level})
			require.NoError(t, err)
		})
		t.Logf("New, %s (version %d, %d segments): %d allocations, %d bytes",
			tt.name, c.Layout().Version, c.Layout().Segments, objects, size)
		assert.LessOrEqual(t, objects, uint64(20), "New, %s", tt.name)
		objects, size = benchtest.MedianAllocations(func() {
			require.NoError(t, c.WritePNG(io.Discard))
		})
		t.Logf("WritePNG, %s: %d allocations, %d bytes", tt.name, objects, size)
		assert.Zero(t, objects, "WritePNG, %s", tt.name)
	}
}
