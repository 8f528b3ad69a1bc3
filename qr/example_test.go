package qr_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/idqr/claim169/qr"
)

// A Claim 169 credential is zlib-compressed COSE in Base45; its length
// decides the code's version.
func ExamplePlan() {
	text := strings.Repeat("NCFOXN%TS3DH0 ", 60) // 840 Base45 characters
	p, err := qr.Plan(text, qr.M)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("version %d (%d×%d modules), %d of %d characters, %d left\n",
		p.Version, p.Modules, p.Modules, p.Characters, p.Capacity, p.Remaining)
	// Output:
	// version 19 (93×93 modules), 840 of 909 characters, 69 left
}

// Digits take fewer bits in numeric segments: 500 digits need version 10 at
// M, where 500 alphanumeric characters need version 14. Plan finds the
// segments that take the fewest bits, here one numeric segment, and a
// mixed text takes numeric segments only for its longer runs of digits.
func ExamplePlan_digits() {
	for _, text := range []string{
		strings.Repeat("7", 500),
		strings.Repeat("A", 500),
		strings.Repeat("A", 250) + strings.Repeat("7", 250),
	} {
		p, err := qr.Plan(text, qr.M)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("version %d, %v, segments %d, bits %d of %d\n",
			p.Version, p.Mode, p.Segments, p.Bits, p.CapacityBits)
	}
	// Output:
	// version 10, numeric, segments 1, bits 1683 of 1728
	// version 14, alphanumeric, segments 1, bits 2765 of 2920
	// version 12, mixed, segments 2, bits 2240 of 2320
}

func ExampleMaxCharacters() {
	for _, l := range []qr.Level{qr.L, qr.M, qr.Q, qr.H} {
		fmt.Printf("%v: %d\n", l, qr.MaxCharacters(40, l))
	}
	// Output:
	// L: 4296
	// M: 3391
	// Q: 2420
	// H: 1852
}

func ExampleParseLevel() {
	l, err := qr.ParseLevel("q")
	fmt.Println(l, err)
	_, err = qr.ParseLevel("X")
	fmt.Println(err)
	// Output:
	// Q <nil>
	// qr: invalid error correction level: want L, M, Q or H
}

func ExampleNew() {
	c, err := qr.New("HC1:NCFOXN%TS3DH0", qr.Options{Level: qr.Q, ModuleSize: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", c.Layout())
	fmt.Println("image:", c.Image().Bounds().Size())
	// Output:
	// {Version:2 Level:Q Mode:alphanumeric Modules:25 Characters:17 Capacity:29 Remaining:12 Segments:1 Bits:107 CapacityBits:176}
	// image: (132,132)
}

func ExampleNew_notAlphanumeric() {
	_, err := qr.New("lower case", qr.Options{})
	fmt.Println(err)
	// Output:
	// qr: character outside the QR alphanumeric set at offset 0
}

// Scan returns the text exactly, spaces at either end included.
func ExampleScan() {
	c, err := qr.New(" 6BF OXN ", qr.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	text, err := qr.Scan(c.Image())
	fmt.Printf("%q %v\n", text, err)
	// Output:
	// " 6BF OXN " <nil>
}

func ExampleScanReader() {
	c, err := qr.New("NCFOXN%TS3DH0", qr.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var png bytes.Buffer
	if err := c.WritePNG(&png); err != nil {
		fmt.Println(err)
		return
	}
	text, err := qr.ScanReader(&png)
	fmt.Println(text, err)
	// Output:
	// NCFOXN%TS3DH0 <nil>
}

func ExampleCode_WriteSVG() {
	c, err := qr.New("SVG", qr.Options{ModuleSize: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	var svg strings.Builder
	if err := c.WriteSVG(&svg); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.SplitN(svg.String(), "\n", 3)[1])
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 29 29" width="290" height="290" shape-rendering="crispEdges">
}

// For a terminal with light text on a dark background, invert the code.
func ExampleCode_Terminal() {
	c, err := qr.New("169", qr.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(c.Terminal(true))
	// Output:
	// █████████████████████████████
	// █████████████████████████████
	// ████ ▄▄▄▄▄ █▀ ▄▄▀█ ▄▄▄▄▄ ████
	// ████ █   █ ██▀█▄ █ █   █ ████
	// ████ █▄▄▄█ █▄██ ▄█ █▄▄▄█ ████
	// ████▄▄▄▄▄▄▄█▄█ █▄█▄▄▄▄▄▄▄████
	// ████▄▀ ▀ ▀▄▀█▀▀▀▄▀█▀▄▀█▄█████
	// ████▀▄▄▄▀ ▄▄▄   ▀ ▄ ▀▀▄▀▀████
	// ████▄▄█▄▄█▄█▀ ▀▄█▄ ▄██ ▀█████
	// ████ ▄▄▄▄▄ ██▄▀█▄█▀█▄█▀ █████
	// ████ █   █ █▄  ▀▄▀▄▀▄▀▄▀▄████
	// ████ █▄▄▄█ █▄█▀ ▀ ▄ ▀ ▄█▄████
	// ████▄▄▄▄▄▄▄█▄▄▄▄█▄▄▄█▄▄█▄████
	// █████████████████████████████
	// ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
}
