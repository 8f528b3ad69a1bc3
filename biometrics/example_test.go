package biometrics_test

import (
	"fmt"

	"github.com/idqr/claim169/biometrics"
)

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
