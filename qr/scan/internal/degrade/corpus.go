package degrade

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

// Versions and levels of the corpus: the sizes of Claim 169 credentials
// with a photo or without.
const (
	MinVersion = 10
	MaxVersion = 30
)

// Sample is one image of the corpus and the text its code holds.
type Sample struct {
	Class   string
	Index   int
	Text    string
	Version int
	Level   qr.Level
	Image   *image.Gray
}

// Class is one kind of degradation.
type Class struct {
	// Name names the class in test and comparison output: "glare-small".
	Name string
	// Phone marks the classes of phone photos (perspective, glare, lens
	// distortion, a bent card), as opposed to the easy classes.
	Phone bool
	make  func(r *rand.Rand, c *code) *image.Gray
}

// Sample returns image i of the class for seed: a code of a version
// between MinVersion and MaxVersion, level L for even i and M for odd i,
// degraded. The same arguments give the same sample.
func (cl Class) Sample(seed uint64, i int) (Sample, error) {
	r := rand.New(rand.NewPCG(seed, hash(cl.Name)<<16|uint64(i)))
	level := qr.L
	if i%2 == 1 {
		level = qr.M
	}
	v := MinVersion + r.IntN(MaxVersion-MinVersion+1)
	text := credentialText(r, v, level)
	rc, err := render.New(text, render.Options{Level: level, ModuleSize: 1})
	if err != nil {
		return Sample{}, err
	}
	c := modules(rc.Image())
	return Sample{
		Class: cl.Name, Index: i, Text: text,
		Version: rc.Layout().Version, Level: level,
		Image: cl.make(r, c),
	}, nil
}

// credentialText returns random Base45 text that just overflows version
// v-1 at level l, so that it fills most of version v.
func credentialText(r *rand.Rand, v int, l qr.Level) string {
	lo, hi := qr.MaxCharacters(v-1, l)+1, qr.MaxCharacters(v, l)
	n := lo + r.IntN(hi-lo+1)
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// modules reads a code rendered at one pixel a module.
func modules(img image.Image) *code {
	b := img.Bounds()
	c := &code{side: b.Dx(), dark: make([]bool, b.Dx()*b.Dy())}
	for y := range b.Dy() {
		for x := range b.Dx() {
			c.dark[y*c.side+x] = color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y < 128
		}
	}
	return c
}

// hash is FNV-1a, to seed each class apart.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := range len(s) {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h & 0xffffffffffff
}

// between returns a uniform value in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 { return lo + r.Float64()*(hi-lo) }

// frame is the canvas of a photo: its side in pixels and its centre, with
// the code's centre placed up to off of the canvas side away from it.
type frame struct {
	side           int
	module, cx, cy float64
}

// newFrame sizes a canvas for c at the given module size, the card and a
// little table around it.
func newFrame(r *rand.Rand, c *code, module, off float64) frame {
	side := int(math.Ceil(float64(c.side+2*cardMargin) * module * 1.15))
	d := off * float64(side)
	return frame{
		side: side, module: module,
		cx: float64(side)/2 + between(r, -d, d),
		cy: float64(side)/2 + between(r, -d, d),
	}
}

// flat is the warp of the code lying flat, turned by deg degrees.
func (f frame) flat(c *code, deg float64) warp { return similarity(c.side, f.module, deg, f.cx, f.cy) }

// draw renders c through w on the frame's canvas.
func (f frame) draw(c *code, w warp) *image.Gray { return c.draw(f.side, f.side, w) }

// codeSide is the side of the code, quiet zone included, in pixels.
func (f frame) codeSide(c *code) float64 { return float64(c.side) * f.module }
