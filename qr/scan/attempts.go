package scan

import (
	"image"
	"sync"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode/detector"
)

// Sizes at which Image also tries a rescaled image: a smaller side of at
// least minHalveSide pixels is halved (averaging away noise and blur), a
// larger side of at most maxDoubleSide pixels is doubled (small codes).
const (
	minHalveSide  = 200
	maxDoubleSide = 1000
)

// scanner holds the state of one scan: the grey image, what has been
// derived from it, and the budget.
type scanner struct {
	gray   *image.Gray
	budget budget
}

func newScanner(g *image.Gray) *scanner {
	s := &scanner{gray: g}
	s.budget.pixels += int64(len(g.Pix))
	return s
}

// located is a binarized image and the finder patterns found in it; f is
// nil when the search gave up (see maxFinderCenters).
type located struct {
	m *gozxing.BitMatrix
	f *detector.FinderPatternFinder
}

// source is a grey image and one binarization of it, each made once, when
// an attempt first needs it.
type source struct {
	gray func() *image.Gray
	bin  func() located
}

// image returns a grey image derived from another once, counting its pixels.
func (s *scanner) image(make func() *image.Gray) func() *image.Gray {
	return sync.OnceValue(func() *image.Gray {
		g := make()
		s.budget.pixels += int64(len(g.Pix))
		return g
	})
}

// source returns the binarization bin of the grey image gray, and the
// finder patterns located in it, made once.
func (s *scanner) source(gray func() *image.Gray, bin func(*image.Gray) *gozxing.BitMatrix) source {
	return source{gray, sync.OnceValue(func() located {
		g := gray()
		s.budget.pixels += int64(len(g.Pix))
		m := bin(g)
		if m == nil {
			return located{}
		}
		f, ok := locate(m)
		if !ok {
			return located{m: m}
		}
		return located{m, f}
	})}
}

// Binarizations of a grey image.
func hybrid(g *image.Gray) *gozxing.BitMatrix {
	m, err := gozxing.NewHybridBinarizer(luminance(g)).GetBlackMatrix()
	if err != nil {
		return nil
	}
	return m
}

func global(g *image.Gray) *gozxing.BitMatrix {
	m, err := gozxing.NewGlobalHistgramBinarizer(luminance(g)).GetBlackMatrix()
	if err != nil {
		return nil
	}
	return m
}

// threshold turns an image of black and white pixels, such as Otsu's,
// into a matrix as it is.
func threshold(g *image.Gray) *gozxing.BitMatrix {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	m, err := gozxing.NewBitMatrix(w, h)
	if err != nil {
		return nil
	}
	for y := range h {
		for x, p := range g.Pix[y*g.Stride:][:w] {
			if p < 128 {
				m.Set(x, y)
			}
		}
	}
	return m
}

// adaptiveWith returns the adaptive binarization with the window a.
func adaptiveWith(a adaptiveWindow) func(*image.Gray) *gozxing.BitMatrix {
	return func(g *image.Gray) *gozxing.BitMatrix { return adaptive(g, a) }
}

// attempts lists, cheapest and likeliest first, the reads Image tries.
func (s *scanner) attempts() []func() (string, bool) {
	same := func() *image.Gray { return s.gray }
	otsu := s.image(func() *image.Gray { return binarize(s.gray) })
	negative := s.image(func() *image.Gray { return invertGray(s.gray) })
	plain := s.source(same, hybrid)
	otsuBin := s.source(otsu, threshold)
	// The local grid samples the grey image, not Otsu's black and white.
	otsuGrey := source{same, otsuBin.bin}
	list := []func() (string, bool){
		s.detect(plain),
		s.local(plain),
		s.local(s.source(same, adaptiveWith(adaptiveWindows[0]))),
		s.local(s.source(same, adaptiveWith(adaptiveWindows[1]))),
		s.detect(s.source(same, global)),
		s.detect(otsuBin),
		s.local(otsuGrey),
		s.grid(plain),
		s.grid(otsuBin),
		s.pure(plain),
	}
	neg := s.source(negative, hybrid)
	list = append(list, s.detect(neg), s.local(neg))
	// gozxing finds finder patterns along rows; turned a quarter, the
	// image has its columns searched.
	turned := s.source(s.image(func() *image.Gray { return rotate90(s.gray) }), hybrid)
	list = append(list, s.detect(turned), s.local(turned))
	w, h := s.gray.Rect.Dx(), s.gray.Rect.Dy()
	if min(w, h) >= minHalveSide {
		half := s.image(func() *image.Gray { return halve(s.gray) })
		list = append(list, s.detect(s.source(half, hybrid)), s.detect(s.source(half, global)))
	}
	if max(w, h) <= maxDoubleSide {
		twice := s.source(s.image(func() *image.Gray { return double(s.gray) }), hybrid)
		list = append(list, s.detect(twice), s.grid(twice), s.local(twice))
	}
	return list
}

// detect reads the code at gozxing's best finder patterns.
func (s *scanner) detect(src source) func() (string, bool) {
	return func() (string, bool) {
		l := src.bin()
		if l.f == nil {
			return "", false
		}
		return decodeDetected(l, &s.budget)
	}
}

// grid reads the code at each plausible dimension of gozxing's transform.
func (s *scanner) grid(src source) func() (string, bool) {
	return func() (string, bool) {
		l := src.bin()
		if l.f == nil {
			return "", false
		}
		return decodeGrid(l, &s.budget)
	}
}

// local reads the code through the local grid.
func (s *scanner) local(src source) func() (string, bool) {
	return func() (string, bool) {
		l := src.bin()
		if l.f == nil {
			return "", false
		}
		return decodeLocal(l, src.gray(), &s.budget)
	}
}

// pure reads the binarization of src as a clean, upright code, as ZXing's
// PURE_BARCODE pass does (see pureBits): it reads the code's corners, not
// its finder patterns, so it has no search to bound.
func (s *scanner) pure(src source) func() (string, bool) {
	return func() (string, bool) {
		l := src.bin()
		if l.m == nil {
			return "", false
		}
		bits := pureBits(l.m)
		if bits == nil {
			return "", false
		}
		return decodeBits(bits, &s.budget)
	}
}

// guard runs one attempt. A panic inside gozxing, which a hostile image
// must not turn into a crash, counts as a failed attempt.
func (s *scanner) guard(attempt func() (string, bool)) (text string, ok bool) {
	defer func() {
		if recover() != nil {
			text, ok = "", false
		}
	}()
	return attempt()
}
