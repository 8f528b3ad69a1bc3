package photo

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"

	xdraw "golang.org/x/image/draw"

	"github.com/idqr/claim169/internal/imagedec"
)

// limitAspect crops r about its centre so that its longer side is at most
// MaxAspect times the shorter.
func limitAspect(r image.Rectangle) image.Rectangle {
	w, h := r.Dx(), r.Dy()
	switch {
	case w > MaxAspect*h:
		return centred(r, MaxAspect*h, h)
	case h > MaxAspect*w:
		return centred(r, w, MaxAspect*w)
	}
	return r
}

// portrait crops r about its centre to the 3:4 shape of an identity photo.
func portrait(r image.Rectangle) image.Rectangle {
	w, h := r.Dx(), r.Dy()
	if 4*w > 3*h {
		return centred(r, max(1, 3*h/4), h)
	}
	return centred(r, w, max(1, 4*w/3))
}

// centred returns the w×h rectangle at the centre of r.
func centred(r image.Rectangle, w, h int) image.Rectangle {
	x := r.Min.X + (r.Dx()-w)/2
	y := r.Min.Y + (r.Dy()-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// encoder encodes the picture at the widths and qualities the search
// asks for. The source is reduced once, by averaging blocks when it is
// more than twice as wide and then with Catmull-Rom filtering, to a
// working copy at most twice the widest output, and that copy is halved
// again and again (averaging 2×2 pixels) into a pyramid: each width is then
// resized from the smallest level at least twice as wide, a small resize.
type encoder struct {
	levels []*image.RGBA // widest first
	gray   bool
	scaled map[int]image.Image // by width
}

func newEncoder(img image.Image, src image.Rectangle, maxW int, gray bool) *encoder {
	w, h := src.Dx(), src.Dy()
	if ww := 2 * maxW; w > ww {
		w, h = ww, max(1, (h*ww+w/2)/w)
	}
	if k := src.Dx() / w; k >= 2 {
		// A large picture is shrunk first, by averaging k×k blocks, to
		// between w and 2w wide: the filter below then costs in proportion
		// to that, not to the source.
		shrunk := imagedec.Shrink(img, src, k)
		img, src = shrunk, shrunk.Rect
	}
	work := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(work, work.Rect, image.White, image.Point{}, draw.Src)
	xdraw.CatmullRom.Scale(work, work.Rect, img, src, xdraw.Over, nil)
	levels := []*image.RGBA{work}
	for l := work; l.Rect.Dx() >= 4*DefaultMinWidth && l.Rect.Dy() >= 2; {
		l = halve(l)
		levels = append(levels, l)
	}
	return &encoder{levels: levels, gray: gray, scaled: map[int]image.Image{}}
}

// halve returns m at half its size, each pixel the mean of four.
func halve(m *image.RGBA) *image.RGBA {
	w, h := m.Rect.Dx()/2, m.Rect.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i, j := m.PixOffset(2*x, 2*y), m.PixOffset(2*x, 2*y+1)
			for c := range 4 {
				sum := int(m.Pix[i+c]) + int(m.Pix[i+4+c]) + int(m.Pix[j+c]) + int(m.Pix[j+4+c])
				out.Pix[out.PixOffset(x, y)+c] = uint8((sum + 2) / 4)
			}
		}
	}
	return out
}

// encode returns the optimized JPEG of the picture at width w and quality q.
func (p *encoder) encode(w, q int) ([]byte, error) {
	img, ok := p.scaled[w]
	if !ok {
		img = p.resize(w)
		p.scaled[w] = img
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, fmt.Errorf("photo: encoding JPEG: %w", err)
	}
	out, err := optimizeHuffman(buf.Bytes())
	if err != nil {
		// The rewriter refuses what it cannot prove equivalent; the
		// standard tables are then kept.
		return buf.Bytes(), nil
	}
	return out, nil
}

// resize scales the picture to width w, keeping the working copy's aspect
// ratio, from the smallest pyramid level at least twice as wide.
func (p *encoder) resize(w int) image.Image {
	work := p.levels[0]
	sw, sh := work.Rect.Dx(), work.Rect.Dy()
	h := max(1, (sh*w+sw/2)/sw)
	src := work
	for _, l := range p.levels[1:] {
		if l.Rect.Dx() >= 2*w {
			src = l
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == sw && h == sh {
		copy(dst.Pix, work.Pix)
	} else {
		xdraw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, xdraw.Src, nil)
	}
	if p.gray {
		return toGrayImage(dst)
	}
	return dst
}

// toGrayImage converts an opaque RGBA picture to grey with the luma weights
// of color.GrayModel.
func toGrayImage(m *image.RGBA) *image.Gray {
	g := image.NewGray(m.Rect)
	for i := range g.Pix {
		r, gr, b := uint32(m.Pix[4*i]), uint32(m.Pix[4*i+1]), uint32(m.Pix[4*i+2])
		g.Pix[i] = uint8((19595*r + 38470*gr + 7471*b + 1<<15) >> 16)
	}
	return g
}
