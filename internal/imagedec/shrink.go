package imagedec

import (
	"image"
	"image/color"
)

// Shrink returns the rectangle r of img (within its bounds) reduced by the
// whole factor k ≥ 1: each pixel the mean of a k×k block of r, the blocks
// at the right and bottom edges the mean of what they cover. The result is
// an *image.RGBA whose bounds start at the origin, premultiplied, so that
// transparency averages as it composites. A YCbCr picture is averaged in
// YCbCr and converted once a block.
//
// It reads each pixel of r once, by the fastest accessor of img's type
// (YCbCr, Gray, RGBA and NRGBA directly, the 16-bit types by RGBA64At), a
// few nanoseconds a pixel. A caller that scales a large picture down, to
// fit a photo or to scan a code, shrinks it first: a resampling kernel
// applied to the whole picture widens with the reduction and costs tens of
// nanoseconds a pixel.
func Shrink(img image.Image, r image.Rectangle, k int) *image.RGBA {
	r = r.Intersect(img.Bounds())
	k = max(k, 1)
	out := image.NewRGBA(image.Rect(0, 0, (r.Dx()+k-1)/k, (r.Dy()+k-1)/k))
	sums := make([]uint32, 4*out.Rect.Dx())
	row := pixelRow(img)
	_, ycc := img.(*image.YCbCr)
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += k {
		rows := min(k, r.Max.Y-y0)
		clear(sums)
		for y := y0; y < y0+rows; y++ {
			row(sums, r.Min.X, r.Max.X, y, k)
		}
		o := out.Pix[out.PixOffset(0, (y0-r.Min.Y)/k):]
		for ox := range out.Rect.Dx() {
			n := uint32(rows * min(k, r.Max.X-r.Min.X-ox*k))
			s, p := sums[4*ox:4*ox+4], o[4*ox:4*ox+4]
			for c := range 4 {
				p[c] = uint8((s[c] + n/2) / n)
			}
			if ycc {
				p[0], p[1], p[2] = color.YCbCrToRGB(p[0], p[1], p[2])
			}
		}
	}
	return out
}

// rowAdder adds the pixels x0..x1 of row y to sums, by blocks of k
// pixels: four sums a block.
type rowAdder func(sums []uint32, x0, x1, y, k int)

// pixelRow returns the rowAdder of img: the premultiplied 8-bit RGBA of
// its pixels, or for a YCbCr picture their Y, Cb, Cr and an opaque alpha.
func pixelRow(img image.Image) rowAdder {
	switch m := img.(type) {
	case *image.YCbCr:
		return yccRow(m)
	case *image.Gray:
		return grayRow(m)
	case *image.RGBA:
		return rgbaRow(m.Pix, m.PixOffset, false)
	case *image.NRGBA:
		return rgbaRow(m.Pix, m.PixOffset, true)
	case image.RGBA64Image:
		return pointRow(func(x, y int) (r, g, b, a uint32) {
			c := m.RGBA64At(x, y)
			return uint32(c.R >> 8), uint32(c.G >> 8), uint32(c.B >> 8), uint32(c.A >> 8)
		})
	}
	return pointRow(func(x, y int) (r, g, b, a uint32) {
		r, g, b, a = img.At(x, y).RGBA()
		return r >> 8, g >> 8, b >> 8, a >> 8
	})
}

func yccRow(m *image.YCbCr) rowAdder {
	return func(sums []uint32, x0, x1, y, k int) {
		for i, xb := 0, x0; xb < x1; i, xb = i+4, xb+k {
			var yy, cb, cr uint32
			end := min(xb+k, x1)
			for x := xb; x < end; x++ {
				ci := m.COffset(x, y)
				yy, cb, cr = yy+uint32(m.Y[m.YOffset(x, y)]), cb+uint32(m.Cb[ci]), cr+uint32(m.Cr[ci])
			}
			sums[i], sums[i+1], sums[i+2], sums[i+3] = sums[i]+yy, sums[i+1]+cb, sums[i+2]+cr, sums[i+3]+0xff*uint32(end-xb)
		}
	}
}

func grayRow(m *image.Gray) rowAdder {
	return func(sums []uint32, x0, x1, y, k int) {
		p := m.Pix[m.PixOffset(x0, y):][:x1-x0]
		for i := 0; len(p) > 0; i += 4 {
			block := p[:min(k, len(p))]
			v := uint32(0)
			for _, q := range block {
				v += uint32(q)
			}
			sums[i], sums[i+1], sums[i+2], sums[i+3] = sums[i]+v, sums[i+1]+v, sums[i+2]+v, sums[i+3]+0xff*uint32(len(block))
			p = p[len(block):]
		}
	}
}

// rgbaRow reads pixels stored as RGBA bytes, premultiplied, or not when
// straight is set (NRGBA).
func rgbaRow(pix []byte, offset func(x, y int) int, straight bool) rowAdder {
	return func(sums []uint32, x0, x1, y, k int) {
		p := pix[offset(x0, y):][:4*(x1-x0)]
		for i := 0; len(p) > 0; i += 4 {
			block := p[:min(4*k, len(p))]
			var r, g, b, a uint32
			for j := 0; j < len(block); j += 4 {
				q := block[j : j+4 : j+4]
				qr, qg, qb, qa := uint32(q[0]), uint32(q[1]), uint32(q[2]), uint32(q[3])
				if straight {
					qr, qg, qb = (qr*qa+127)/255, (qg*qa+127)/255, (qb*qa+127)/255
				}
				r, g, b, a = r+qr, g+qg, b+qb, a+qa
			}
			sums[i], sums[i+1], sums[i+2], sums[i+3] = sums[i]+r, sums[i+1]+g, sums[i+2]+b, sums[i+3]+a
			p = p[len(block):]
		}
	}
}

// pointRow reads pixels one by one with px.
func pointRow(px func(x, y int) (r, g, b, a uint32)) rowAdder {
	return func(sums []uint32, x0, x1, y, k int) {
		for i, xb := 0, x0; xb < x1; i, xb = i+4, xb+k {
			var r, g, b, a uint32
			for x := xb; x < min(xb+k, x1); x++ {
				pr, pg, pb, pa := px(x, y)
				r, g, b, a = r+pr, g+pg, b+pb, a+pa
			}
			sums[i], sums[i+1], sums[i+2], sums[i+3] = sums[i]+r, sums[i+1]+g, sums[i+2]+b, sums[i+3]+a
		}
	}
}
