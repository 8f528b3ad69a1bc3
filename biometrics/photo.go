package biometrics

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"io"
)

// Limits and defaults of photo fitting.
const (
	// MaxPhotoInputBytes bounds the encoded image FitPhotoReader reads.
	MaxPhotoInputBytes = 32 << 20
	// MaxPhotoPixels bounds the width times the height of an input
	// picture, checked from the header before decoding: 40 megapixels.
	MaxPhotoPixels = 40_000_000
	// MaxPhotoAspect bounds how elongated the output is: a picture whose
	// longer side exceeds MaxPhotoAspect times the shorter is cropped about
	// its centre to that ratio.
	MaxPhotoAspect = 4
	// MaxPhotoBudget is the largest byte budget accepted: 1 MiB, far above
	// what a QR code holds.
	MaxPhotoBudget = 1 << 20
	// MaxPhotoWidth is the largest output width accepted.
	MaxPhotoWidth = 1024
	// AutoPhotoWidth is the widest output tried when PhotoOptions.Width is
	// zero.
	AutoPhotoWidth = 256
	// DefaultPhotoMinWidth is the narrowest output tried when
	// PhotoOptions.MinWidth is zero: narrower, a face is not recognisable.
	DefaultPhotoMinWidth = 24
)

// JPEG qualities (image/jpeg's scale of 1 to 100) FitPhoto searches.
const (
	// PhotoQualityFloor is the lowest quality FitPhoto accepts while any
	// width still fits: below it, JPEG blocks smear the features.
	PhotoQualityFloor = 30
	// PhotoQualityMax is the highest quality tried: above it, bytes grow
	// with no visible gain at these sizes.
	PhotoQualityMax = 90
)

// PhotoOptions configures [FitPhoto].
type PhotoOptions struct {
	// MaxBytes is the byte budget of the JPEG, required: 1..MaxPhotoBudget.
	// A Claim 169 card photo typically gets 400 to 700 bytes.
	MaxBytes int
	// Width is the largest output width in pixels, up to MaxPhotoWidth;
	// zero means AutoPhotoWidth. The picture is never enlarged.
	Width int
	// MinWidth is the smallest output width tried; zero means
	// DefaultPhotoMinWidth. A narrower source keeps its width.
	MinWidth int
	// Gray writes a one-component greyscale JPEG, which spends the whole
	// budget on luminance.
	Gray bool
	// Crop cuts the picture to a centred 3:4 portrait before resizing, the
	// shape of an identity photo.
	Crop bool
}

// FitPhotoReader decodes a JPEG, PNG, GIF (first frame) or WebP image and
// fits it with [FitPhoto]. It reads at most [MaxPhotoInputBytes] and checks
// the dimensions in the header against [MaxPhotoPixels] before decoding, so
// a small file that declares a huge picture is refused with
// [ErrImageTooLarge] without allocating it. Input that is not such an image
// returns [ErrImageFormat]. EXIF orientation is not applied.
func FitPhotoReader(r io.Reader, opts PhotoOptions) ([]byte, error) {
	if _, err := opts.resolve(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxPhotoInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("biometrics: reading image: %w", err)
	}
	if len(data) > MaxPhotoInputBytes {
		return nil, fmt.Errorf("%w: over %d bytes", ErrImageTooLarge, MaxPhotoInputBytes)
	}
	img, err := decodePhoto(data)
	if err != nil {
		return nil, err
	}
	return FitPhoto(img, opts)
}

// FitPhoto makes a baseline JPEG of img of at most opts.MaxBytes bytes, the
// best picture it can find within the budget, for the photograph of a
// Claim 169 identity (key 16, format 1) or a face Biometrics entry.
//
// The picture is composited on white (transparency), optionally cropped to
// a 3:4 portrait, cropped to at most [MaxPhotoAspect]:1, reduced once with
// Catmull-Rom filtering, then searched over:
//
//  1. the widest width, from Width (or [AutoPhotoWidth], never more than
//     the source) down to MinWidth, that fits at [PhotoQualityFloor] — a
//     binary search, since the size grows with the width;
//  2. the highest quality, up to [PhotoQualityMax], that fits at that
//     width — a binary search again.
//
// A larger picture at moderate quality shows a face better than a
// thumbnail at high quality, so width comes first; the floor is given up
// (down to quality 1) only when no width fits at it. The JPEG is encoded by
// image/jpeg and its Huffman tables are then rebuilt for the picture's own
// symbols (ITU-T T.81 Annex K.2), which saves about 300 bytes of the
// standard tables — most of a 600-byte budget. It carries no metadata.
//
// FitPhoto returns [ErrBudget] when even MinWidth at quality 1 does not
// fit, [ErrPhotoOptions] for options out of range and [ErrImageTooLarge]
// for a picture over [MaxPhotoPixels]. It is deterministic: the same
// picture and options give the same bytes.
func FitPhoto(img image.Image, opts PhotoOptions) ([]byte, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if img == nil {
		return nil, fmt.Errorf("%w: nil image", ErrImageFormat)
	}
	b := img.Bounds()
	if err := checkPhotoPixels(b.Dx(), b.Dy()); err != nil {
		return nil, err
	}
	src := limitAspect(b)
	if o.Crop {
		src = portrait(src)
	}
	maxW := min(o.Width, src.Dx())
	minW := min(o.MinWidth, maxW)
	p := newPhotoEncoder(img, src, maxW, o.Gray)
	for _, floor := range []int{PhotoQualityFloor, 1} {
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
			return nil, fmt.Errorf("biometrics: fitted JPEG does not decode: %w", err)
		}
		return data, nil
	}
	return nil, fmt.Errorf("%w: %d bytes", ErrBudget, o.MaxBytes)
}

// resolve checks the options and fills in the defaults.
func (o PhotoOptions) resolve() (PhotoOptions, error) {
	switch {
	case o.MaxBytes <= 0:
		return o, fmt.Errorf("%w: MaxBytes is required", ErrPhotoOptions)
	case o.MaxBytes > MaxPhotoBudget:
		return o, fmt.Errorf("%w: MaxBytes over %d", ErrPhotoOptions, MaxPhotoBudget)
	case o.Width < 0 || o.Width > MaxPhotoWidth:
		return o, fmt.Errorf("%w: Width outside 0..%d", ErrPhotoOptions, MaxPhotoWidth)
	case o.MinWidth < 0 || o.MinWidth > MaxPhotoWidth:
		return o, fmt.Errorf("%w: MinWidth outside 0..%d", ErrPhotoOptions, MaxPhotoWidth)
	case o.Width > 0 && o.MinWidth > o.Width:
		return o, fmt.Errorf("%w: MinWidth above Width", ErrPhotoOptions)
	}
	if o.Width == 0 {
		o.Width = AutoPhotoWidth
	}
	if o.MinWidth == 0 {
		o.MinWidth = DefaultPhotoMinWidth
	}
	return o, nil
}

// widest returns the largest width in minW..maxW whose JPEG at quality q
// fits the budget, and that JPEG; nil data when not even minW fits.
func (p *photoEncoder) widest(minW, maxW, q, budget int) (int, []byte, error) {
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
// q..PhotoQualityMax that fits the budget; data, at quality q, fits.
func (p *photoEncoder) best(w, q int, data []byte, budget int) ([]byte, error) {
	lo, hi := q, max(q, PhotoQualityMax)
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
