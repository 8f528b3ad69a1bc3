package render

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"io"
	"strings"
)

// Image draws the code with its quiet zone, each module a square of
// ModuleSize whole pixels, dark on white. The result is an *image.Paletted
// with two colours.
func (c *Code) Image() image.Image {
	n, s := c.Size(), c.moduleSize
	// Index 0 is light, index 1 dark; each image gets its own palette.
	palette := color.Palette{color.Gray{Y: 0xff}, color.Gray{Y: 0}}
	img := image.NewPaletted(image.Rect(0, 0, n*s, n*s), palette)
	width := n * s // the image's stride
	for y := range c.side {
		top := (y + QuietZone) * s * width
		line := img.Pix[top : top+width]
		row := c.row(y)
		for x := range c.side {
			if row[x/64]>>(x%64)&1 != 0 {
				px := line[(x+QuietZone)*s : (x+QuietZone+1)*s]
				for i := range px {
					px[i] = 1
				}
			}
		}
		for i := 1; i < s; i++ {
			copy(img.Pix[top+i*width:top+(i+1)*width], line)
		}
	}
	return img
}

// WritePNG writes [Code.Image] to w as a 1-bit grayscale PNG (PNG
// specification, ISO/IEC 15948), dark modules black on white.
func (c *Code) WritePNG(w io.Writer) error {
	b := pngPool.Get().(*pngBuffers)
	defer pngPool.Put(b)
	b.writePNG(c)
	if _, err := w.Write(b.out); err != nil {
		return fmt.Errorf("render: writing PNG: %w", err)
	}
	return nil
}

// WriteSVG writes the code to w as an SVG document: a white square the size
// of the code and its quiet zone, and one black path made of whole-module
// rectangles, drawn with shape-rendering="crispEdges". The view box counts
// modules; width and height are in pixels of ModuleSize.
func (c *Code) WriteSVG(w io.Writer) error {
	n := c.Size()
	px := n * c.moduleSize
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"+
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 %d %d\" "+
		"width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\">\n"+
		"<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
		n, n, px, px, n, n)
	for y := range n {
		for x := 0; x < n; {
			if !c.Dark(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < n && c.Dark(x+run, y) {
				run++
			}
			fmt.Fprintf(bw, "M%d %dh%dv1h-%dz", x, y, run, run)
			x += run
		}
	}
	bw.WriteString("\"/>\n</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: writing SVG: %w", err)
	}
	return nil
}

// Terminal returns the code as text for a terminal, quiet zone included:
// each character stands for two modules, one above the other, drawn with the
// half-block characters ▀ ▄ █ and space; each line ends with "\n".
//
// With invert false the glyphs draw the dark modules, which reads correctly
// on a light background (dark text). On the usual dark terminal, light text
// on a dark background, pass invert true: the glyphs then draw the light
// modules, so that the code still appears dark on light to a camera.
func (c *Code) Terminal(invert bool) string {
	n := c.Size()
	var b strings.Builder
	b.Grow((n + 1) / 2 * (n*len("█") + 1))
	ink := func(x, y int) bool { return c.Dark(x, y) != invert }
	for y := 0; y < n; y += 2 {
		for x := range n {
			// The side is odd: the last line has no lower half.
			top, bottom := ink(x, y), y+1 < n && ink(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
