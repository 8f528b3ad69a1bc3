package biometrics_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"github.com/idqr/claim169/biometrics"
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

func ExampleFitPhoto() {
	data, err := biometrics.FitPhoto(portrait(), biometrics.PhotoOptions{MaxBytes: 600, Crop: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	fmt.Println("fits:", len(data) <= 600, "decodes:", err == nil)
	b := img.Bounds()
	fmt.Println("portrait:", b.Dy() > b.Dx(), "at least the minimum width:", b.Dx() >= biometrics.DefaultPhotoMinWidth)
	// Output:
	// fits: true decodes: true
	// portrait: true at least the minimum width: true
}

func ExampleFitPhoto_budget() {
	_, err := biometrics.FitPhoto(portrait(), biometrics.PhotoOptions{MaxBytes: 50})
	fmt.Println(err)
	// Output:
	// biometrics: photo does not fit the byte budget: 50 bytes
}

func ExampleFitPhotoReader() {
	var in bytes.Buffer
	if err := png.Encode(&in, portrait()); err != nil {
		fmt.Println(err)
		return
	}
	data, err := biometrics.FitPhotoReader(&in, biometrics.PhotoOptions{MaxBytes: 400, Gray: true})
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

func ExampleSniff() {
	wav := []byte("RIFF\x24\x08\x00\x00WAVEfmt ")
	f, s, ok := biometrics.Sniff(wav)
	fmt.Println(f, s.Name(f), ok)
	_, _, ok = biometrics.Sniff([]byte("FMR\x00 20\x00")) // an ISO 19794-2 template
	fmt.Println(ok)
	// Output:
	// sound WAV true
	// false
}

func ExampleCheckDeclared() {
	pngData := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	fmt.Println(biometrics.CheckDeclared(pngData, biometrics.FormatImage.Ptr(), biometrics.ImageJPEG.Ptr()))
	fmt.Printf("%q\n", biometrics.CheckDeclared(pngData, biometrics.FormatImage.Ptr(), biometrics.ImagePNG.Ptr()))
	// Output:
	// biometrics: data looks like PNG image but is declared as JPEG image
	// ""
}

func ExampleCheckPhoto() {
	webp := []byte("RIFF\x8a\x09\x00\x00WEBPVP8 ")
	fmt.Println(biometrics.CheckPhoto(webp, 1)) // key 17 says 1, JPEG
	fmt.Printf("%q\n", biometrics.CheckPhoto(webp, 4))
	// Output:
	// biometrics: photo looks like WEBP image but is declared as JPEG
	// ""
}
