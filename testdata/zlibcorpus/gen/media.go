package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"

	"github.com/idqr/claim169/biometrics/photo"
)

// portrait draws a synthetic identity photograph: a graded background, a
// face, hair, eyes and a mouth, with sensor noise.
func portrait(r *rand.Rand, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := [3]int{r.IntN(256), r.IntN(256), r.IntN(256)}
	skin := [3]int{120 + r.IntN(130), 80 + r.IntN(110), 50 + r.IntN(100)}
	hair := [3]int{r.IntN(90), r.IntN(70), r.IntN(60)}
	cx, cy := w/2+r.IntN(w/8+1)-w/16, h/2+r.IntN(h/8+1)-h/16
	rx, ry := w/4+r.IntN(w/8+1), h/3+r.IntN(h/8+1)
	noise := 2 + r.IntN(14)
	for y := range h {
		for x := range w {
			c := bg
			for i := range c {
				c[i] += (y - h/2) * 40 / h
			}
			dx, dy := float64(x-cx)/float64(rx), float64(y-cy)/float64(ry)
			switch d := dx*dx + dy*dy; {
			case d < 1 && dy < -0.55:
				c = hair
			case d < 1:
				c = skin
				for i := range c {
					c[i] -= int(d * 40)
				}
				if isEye(dx, dy) || (dy > 0.45 && dy < 0.55 && dx > -0.3 && dx < 0.3) {
					c = [3]int{40, 20, 20}
				}
			case d < 1.3 && dy < 0:
				c = hair
			}
			img.Set(x, y, color.RGBA{clamp(c[0] + r.IntN(2*noise+1) - noise), clamp(c[1] + r.IntN(2*noise+1) - noise),
				clamp(c[2] + r.IntN(2*noise+1) - noise), 255})
		}
	}
	return img
}

func isEye(dx, dy float64) bool {
	ex := dx - 0.35
	if dx < 0 {
		ex = dx + 0.35
	}
	ey := dy + 0.15
	return ex*ex/0.02+ey*ey/0.005 < 1
}

func clamp(v int) uint8 { return uint8(max(0, min(255, v))) }

// facePhoto returns a JPEG portrait: fitted by package photo into a budget
// (what an issuer using this SDK prints) or written by image/jpeg at a fixed
// quality with its standard tables (what other issuers print).
func facePhoto(r *rand.Rand) ([]byte, string) {
	w := 48 + 8*r.IntN(25)
	img := portrait(r, w, w*4/3)
	if r.IntN(3) > 0 {
		budget := 150 + r.IntN(1100)
		out, err := photo.Fit(img, photo.Options{MaxBytes: budget, Gray: r.IntN(3) == 0, Crop: r.IntN(2) == 0})
		if err == nil {
			return out, "fit"
		}
	}
	small := portrait(r, 32+4*r.IntN(10), 40+4*r.IntN(12))
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 10 + r.IntN(50)}); err != nil {
		panic(err)
	}
	return buf.Bytes(), "jpeg"
}

// minutiae returns an ISO/IEC 19794-2-like fingerprint template: a header
// and 6-byte minutia records with random positions and angles.
func minutiae(r *rand.Rand) []byte {
	n := 10 + r.IntN(40)
	out := []byte("FMR\x00 20\x00")
	out = binary.BigEndian.AppendUint32(out, uint32(28+6*n))
	out = append(out, 0, 0, 1, 0x2c, 1, 0x90, 0, 197, 0, 197, 1, 0)
	out = append(out, byte(r.IntN(10)), byte(r.IntN(3)), byte(60+r.IntN(40)), byte(n))
	for range n {
		x, y := uint16(r.IntN(300))|uint16(r.IntN(4))<<14, uint16(r.IntN(400))
		out = binary.BigEndian.AppendUint16(out, x)
		out = binary.BigEndian.AppendUint16(out, y)
		out = append(out, byte(r.IntN(256)), byte(30+r.IntN(70)))
	}
	return append(out, 0, 0)
}

// randomBytes returns n random bytes: a hash, a key, an opaque blob.
func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}
