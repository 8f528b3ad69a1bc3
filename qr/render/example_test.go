package render_test

import (
	"fmt"
	"strings"

	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

func ExampleNew() {
	c, err := render.New("HC1:NCFOXN%TS3DH0", render.Options{Level: qr.Q, ModuleSize: 4})
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
	_, err := render.New("lower case", render.Options{})
	fmt.Println(err)
	// Output:
	// qr: character outside the QR alphanumeric set at offset 0
}

func ExampleCode_WriteSVG() {
	c, err := render.New("SVG", render.Options{ModuleSize: 10})
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
	c, err := render.New("169", render.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(c.Terminal(true))
	// Output:
	// █████████████████████████████
	// █████████████████████████████
	// ████ ▄▄▄▄▄ ██▀█ ██ ▄▄▄▄▄ ████
	// ████ █   █ █  ▄ ▄█ █   █ ████
	// ████ █▄▄▄█ █ ▄▄▄ █ █▄▄▄█ ████
	// ████▄▄▄▄▄▄▄█ █ ▀ █▄▄▄▄▄▄▄████
	// ████ █   ▄▄██  █ █▄ ▄▄ ▀█████
	// █████ ██ ▄▄ █▀▀▄█▄█▀ █ █ ████
	// ████▄▄▄███▄█ ▀  ▀ ▀█▄▀▄█▄████
	// ████ ▄▄▄▄▄ █▀█ ▀ ▀ ▄█▀█▄▄████
	// ████ █   █ █ ▀▀█ ██ ██ ██████
	// ████ █▄▄▄█ █▄▄ ▄█▄█▀ ▄ ▀█████
	// ████▄▄▄▄▄▄▄█▄██▄█▄██▄▄▄██████
	// █████████████████████████████
	// ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
}
