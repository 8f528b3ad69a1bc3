package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"github.com/idqr/claim169/internal/imagedec"
	"github.com/idqr/claim169/internal/magic"
)

// Limits and defaults of photo fitting.
const (
	// MaxInputBytes bounds the encoded image FitReader reads: 16 MiB, above
	// any phone photo (decoding a JPEG costs in proportion to its bytes).
	MaxInputBytes = imagedec.MaxBytes
	// MaxPixels bounds the width times the height of an input picture,
	// checked from the header before decoding: 16 megapixels, a
	// 4608×3456 phone photo. With the decoder's own bounds on memory (128
	// MiB), on the CPU time of decoding (400 ms, estimated from the header)
	// and on the scans of a progressive JPEG (32), any picture within it is
	// decoded and fitted in under a second of CPU and 256 MiB.
	MaxPixels = imagedec.MaxPixels
	// MaxAspect bounds how elongated the output is: a picture whose longer
	// side exceeds MaxAspect times the shorter is cropped about its centre
	// to that ratio.
	MaxAspect = 4
	// MaxBudget is the largest byte budget accepted: 1 MiB, far above what
	// a QR code holds.
	MaxBudget = 1 << 20
	// MaxWidth is the largest output width accepted.
	MaxWidth = 1024
	// AutoWidth is the widest output tried when Options.Width is zero.
	AutoWidth = 256
	// DefaultMinWidth is the narrowest output tried when Options.MinWidth
	// is zero: narrower, a face is not recognisable.
	DefaultMinWidth = 24
)

// JPEG qualities (image/jpeg's scale of 1 to 100) Fit searches.
const (
	// QualityFloor is the lowest quality Fit accepts while any width still
	// fits: below it, JPEG blocks smear the features.
	QualityFloor = 30
	// QualityMax is the highest quality tried: above it, bytes grow with
	// no visible gain at these sizes.
	QualityMax = 90
)

// images reads the pictures FitReader accepts.
var images = imagedec.Config{
	Prefix:      "photo",
	MaxBytes:    MaxInputBytes,
	MaxPixels:   MaxPixels,
	Formats:     []magic.Type{magic.JPEG, magic.PNG, magic.GIF, magic.WebP},
	ErrFormat:   ErrImage,
	ErrTooLarge: ErrTooLarge,
	ErrEmpty:    ErrImage,
}

// Options configures [Fit].
type Options struct {
	// MaxBytes is the byte budget of the JPEG, required: 1..MaxBudget.
	// A Claim 169 card photo typically gets 400 to 700 bytes.
	MaxBytes int
	// Width is the largest output width in pixels, up to MaxWidth;
	// zero means AutoWidth. The picture is never enlarged.
	Width int
	// MinWidth is the smallest output width tried; zero means
	// DefaultMinWidth. A narrower source keeps its width.
	MinWidth int
	// Gray writes a one-component greyscale JPEG, which spends the whole
	// budget on luminance.
	Gray bool
	// Crop cuts the picture to a centred 3:4 portrait before resizing, the
	// shape of an identity photo.
	Crop bool
}

// FitReader decodes a JPEG, PNG, GIF (first frame) or WebP image and fits
// it with [Fit]. It reads at most [MaxInputBytes] and checks the header
// before decoding: the dimensions against [MaxPixels], the memory and CPU
// time decoding would take and the scans of a JPEG against the image
// decoder's bounds (see the package documentation), so a small file that
// declares a huge or costly picture is refused with [ErrTooLarge] without
// allocating it. Input that is not such an image returns [ErrImage]. EXIF
// orientation is not applied.
func FitReader(r io.Reader, opts Options) ([]byte, error) {
	if _, err := opts.resolve(); err != nil {
		return nil, err
	}
	img, err := images.Read(r)
	if err != nil {
		return nil, err
	}
	return Fit(img, opts)
}

// Fit makes a baseline JPEG of img of at most opts.MaxBytes bytes, the
// best picture it can find within the budget, for the photograph of a
// Claim 169 identity (key 16, format 1) or a face Biometrics entry.
//
// The picture is composited on white (transparency), optionally cropped to
// a 3:4 portrait, cropped to at most [MaxAspect]:1, reduced once (by
// averaging blocks of pixels when it is over twice the working size, then
// with Catmull-Rom filtering), then searched over:
//
//  1. the widest width, from Width (or [AutoWidth], never more than the
//     source) down to MinWidth, that fits at [QualityFloor] — a binary
//     search, since the size grows with the width;
//  2. the highest quality, up to [QualityMax], that fits at that width —
//     a binary search again.
//
// A larger picture at moderate quality shows a face better than a
// thumbnail at high quality, so width comes first; the floor is given up
// (down to quality 1) only when no width fits at it. The JPEG is encoded by
// image/jpeg and its Huffman tables are then rebuilt for the picture's own
// symbols (ITU-T T.81 Annex K.2), which saves about 300 bytes of the
// standard tables — most of a 600-byte budget. It carries no metadata.
//
// Fit returns [ErrBudget] when even MinWidth at quality 1 does not fit,
// [ErrOptions] for options out of range and [ErrTooLarge] for a picture
// over [MaxPixels]. It is deterministic: the same picture and options give
// the same bytes.
func Fit(img image.Image, opts Options) ([]byte, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrImage)
	}
	b := img.Bounds()
	if err := images.CheckSize(b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	src := limitAspect(b)
	if o.Crop {
		src = portrait(src)
	}
	maxW := min(o.Width, src.Dx())
	minW := min(o.MinWidth, maxW)
	p := newEncoder(img, src, maxW, o.Gray)
	for _, floor := range []int{QualityFloor, 1} {
		w, data, err := p.widest(minW, maxW, floor, o.MaxBytes)
		if err != nil {
			return nil, err
		}
		if data == nil {
			continue
		}
		data, err = p.best(w, floor, data, o.MaxBytes)
		if err != nil {
			return nil, err
		}
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			// Unreachable: the encoder's output, with rebuilt tables.
			return nil, fmt.Errorf("photo: fitted JPEG does not decode: %w", err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%w: %d bytes", ErrBudget, o.MaxBytes)
}

// resolve checks the options and fills in the defaults.
func (o Options) resolve() (Options, error) {
	switch {
	case o.MaxBytes <= 0:
		return o, fmt.Errorf("%w: MaxBytes is required", ErrOptions)
	case o.MaxBytes > MaxBudget:
		return o, fmt.Errorf("%w: MaxBytes over %d", ErrOptions, MaxBudget)
	case o.Width < 0 || o.Width > MaxWidth:
		return o, fmt.Errorf("%w: Width outside 0..%d", ErrOptions, MaxWidth)
	case o.MinWidth < 0 || o.MinWidth > MaxWidth:
		return o, fmt.Errorf("%w: MinWidth outside 0..%d", ErrOptions, MaxWidth)
	case o.Width > 0 && o.MinWidth > o.Width:
		return o, fmt.Errorf("%w: MinWidth above Width", ErrOptions)
	}
	if o.Width == 0 {
		o.Width = AutoWidth
	}
	if o.MinWidth == 0 {
		o.MinWidth = DefaultMinWidth
	}
	return o, nil
}

// widest returns the largest width in minW..maxW whose JPEG at quality q
// fits the budget, and that JPEG; nil data when not even minW fits.
func (p *encoder) widest(minW, maxW, q, budget int) (int, []byte, error) {
	data, err := p.encode(minW, q)
	if err != nil || len(data) > budget {
		return 0, nil, err
	}
	lo, hi := minW, maxW // lo fits
	for lo < hi {
		mid := (lo + hi + 1) / 2
		d, err := p.encode(mid, q)
		if err != nil {
			return 0, nil, err
		}
		if len(d) <= budget {
			lo, data = mid, d
		} else {
			hi = mid - 1
		}
	}
	return lo, data, nil
}

// best returns the JPEG of width w at the highest quality in
// q..QualityMax that fits the budget; data, at quality q, fits.
func (p *encoder) best(w, q int, data []byte, budget int) ([]byte, error) {
	lo, hi := q, max(q, QualityMax)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		d, err := p.encode(w, mid)
		if err != nil {
			return nil, err
		}
		if len(d) <= budget {
			lo, data = mid, d
		} else {
			hi = mid - 1
		}
	}
	return data, nil
}
