package main

import (
	"image"
	"image/color"
	"math"
)

// drawPortrait draws a w×h head-and-shoulders portrait: a graded backdrop,
// shoulders, a face with hair, eyes, brows, a nose and a mouth. It stands
// in for the photo an issuer takes at the counter.
func drawPortrait(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	fw, fh := float64(w), float64(h)
	in := func(x, y, cx, cy, rx, ry float64) bool {
		dx, dy := (x-cx)/rx, (y-cy)/ry
		return dx*dx+dy*dy <= 1
	}
	skin := color.RGBA{224, 172, 138, 255}
	for y := range h {
		for x := range w {
			fx, fy := float64(x), float64(y)
			c := color.RGBA{uint8(150 + 60*y/h), uint8(180 + 40*y/h), 220, 255} // backdrop
			switch {
			case in(fx, fy, fw*0.5, fh*1.08, fw*0.48, fh*0.3):
				c = color.RGBA{40, 60, 110, 255} // shoulders, a dark jacket
			case in(fx, fy, fw*0.5, fh*0.72, fw*0.1, fh*0.12):
				c = skin // neck
			}
			if in(fx, fy, fw*0.5, fh*0.36, fw*0.3, fh*0.3) && fy < fh*0.3 {
				c = color.RGBA{45, 30, 25, 255} // hair
			}
			if in(fx, fy, fw*0.5, fh*0.42, fw*0.25, fh*0.26) && fy > fh*0.22 {
				c = faceColour(fx/fw, fy/fh, skin)
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// faceColour is the colour of the face at (u, v), in fractions of the
// picture: the features over shaded skin.
func faceColour(u, v float64, skin color.RGBA) color.RGBA {
	eye := func(cu float64) bool { return math.Hypot((u-cu)/0.045, (v-0.39)/0.02) <= 1 }
	switch {
	case eye(0.41) || eye(0.59):
		return color.RGBA{35, 25, 20, 255}
	case math.Abs(v-0.35) < 0.008 && (math.Abs(u-0.41) < 0.05 || math.Abs(u-0.59) < 0.05):
		return color.RGBA{60, 40, 30, 255} // brows
	case math.Abs(u-0.5) < 0.012 && v > 0.41 && v < 0.49:
		return color.RGBA{196, 142, 112, 255} // nose
	case math.Hypot((u-0.5)/0.07, (v-0.56)/0.015) <= 1:
		return color.RGBA{170, 70, 70, 255} // mouth
	}
	shade := 1 - 0.25*math.Abs(u-0.5)/0.25 // darker towards the edges
	return color.RGBA{uint8(float64(skin.R) * shade), uint8(float64(skin.G) * shade), uint8(float64(skin.B) * shade), 255}
}
