package imagetest

import (
	"image"
	"image/color"
	"math/rand/v2"
)

// Portrait draws a deterministic w×h picture like a face photo for a JPEG
// encoder's purposes: a graded background, an oval face with two eyes, and
// noise drawn from seed.
func Portrait(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 169))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := float64(w)/2, float64(h)*0.45
	rx, ry := float64(w)*0.3, float64(h)*0.35
	for y := range h {
		for x := range w {
			dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
			c := color.RGBA{uint8(40 + 150*x/max(1, w)), uint8(60 + 120*y/max(1, h)), 170, 0xff}
			if dx*dx+dy*dy < 1 { // the face
				c = color.RGBA{220, 180, 150, 0xff}
				if (dx+0.35)*(dx+0.35)+(dy+0.2)*(dy+0.2) < 0.01 || (dx-0.35)*(dx-0.35)+(dy+0.2)*(dy+0.2) < 0.01 {
					c = color.RGBA{30, 30, 40, 0xff} // eyes
				}
			}
			n := r.IntN(31) - 15
			c.R, c.G, c.B = clampAdd(c.R, n), clampAdd(c.G, n), clampAdd(c.B, n)
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func clampAdd(v uint8, d int) uint8 { return uint8(max(0, min(255, int(v)+d))) }
