package photo_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"github.com/idqr/claim169/biometrics/photo"
)

// portrait draws a 480×640 picture: a light background, a face-coloured
// oval and two eyes.
func portrait() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 480, 640))
	for y := range 640 {
		for x := range 480 {
			dx, dy := float64(x-240)/150, float64(y-300)/210
			c := color.RGBA{uint8(200 - y/8), uint8(210 - y/10), 230, 0xff}
			if dx*dx+dy*dy < 1 {
				c = color.RGBA{225, 185, 155, 0xff}
			}
			if ex, ey := float64(abs(x-240)-60)/18, float64(y-250)/10; ex*ex+ey*ey < 1 {
				c = color.RGBA{40, 35, 30, 0xff}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func abs(v int) int { return max(v, -v) }

func ExampleFit() {
	data, err := photo.Fit(portrait(), photo.Options{MaxBytes: 600, Crop: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	fmt.Println("fits:", len(data) <= 600, "decodes:", err == nil)
	b := img.Bounds()
	fmt.Println("portrait:", b.Dy() > b.Dx(), "at least the minimum width:", b.Dx() >= photo.DefaultMinWidth)
	// Output:
	// fits: true decodes: true
	// portrait: true at least the minimum width: true
}

func ExampleFit_budget() {
	_, err := photo.Fit(portrait(), photo.Options{MaxBytes: 50})
	fmt.Println(err)
	// Output:
	// photo: picture does not fit the byte budget: 50 bytes
}

func ExampleFitReader() {
	var in bytes.Buffer
	if err := png.Encode(&in, portrait()); err != nil {
		fmt.Println(err)
		return
	}
	data, err := photo.FitReader(&in, photo.Options{MaxBytes: 400, Gray: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	_, gray := img.(*image.Gray)
	fmt.Println("fits:", len(data) <= 400, "decodes:", err == nil, "grey:", gray)
	// Output:
	// fits: true decodes: true grey: true
}
