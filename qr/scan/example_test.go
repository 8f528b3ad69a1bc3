package scan_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

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

func ExampleFile() {
	c, err := render.New("NCFOXN%TS3DH0", render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "scan")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "card.png")
	f, err := os.Create(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.WritePNG(f); err != nil {
		fmt.Println(err)
		return
	}
	if err := f.Close(); err != nil {
		fmt.Println(err)
		return
	}
	text, err := scan.File(path)
	fmt.Println(text, err)
	// Output:
	// NCFOXN%TS3DH0 <nil>
}
