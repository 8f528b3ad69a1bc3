package scan_test

import (
	"bytes"
	"fmt"

	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan"
)

// Image returns the text exactly, spaces at either end included.
func ExampleImage() {
	c, err := render.New(" 6BF OXN ", render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := scan.Image(c.Image())
	fmt.Printf("%q %v\n", text, err)
	// Output:
	// " 6BF OXN " <nil>
}

func ExampleReader() {
	c, err := render.New("NCFOXN%TS3DH0", render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var png bytes.Buffer
	if err := c.WritePNG(&png); err != nil {
		fmt.Println(err)
		return
	}
	text, err := scan.Reader(&png)
	fmt.Println(text, err)
	// Output:
	// NCFOXN%TS3DH0 <nil>
}
