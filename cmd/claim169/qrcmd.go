package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"

	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan"
)

const qrExample = `  claim169 encode --key issuer.key.pem --in record.json > qr.txt
  claim169 qr --ecc Q --png card.png --in qr.txt
  # {"version": 14, "ecc": "Q", "modules": 73, "characters": 512}`

func runQR(e *env, args []string) error {
	fs := newFlagSet(e, "qr", "[--ecc L|M|Q|H] [--png OUT.png] [--svg OUT.svg] [--terminal] [--in FILE]", qrExample)
	ecc := fs.String("ecc", "M", "error correction `LEVEL`: L, M, Q or H")
	png := fs.String("png", "", "write the QR code as a PNG `FILE`")
	svg := fs.String("svg", "", "write the QR code as an SVG `FILE`")
	module := fs.Int("module", render.DefaultModuleSize, "module size in `PIXELS` for --png and --svg")
	terminal := fs.Bool("terminal", false, "draw the QR code on stderr")
	in := fs.String("in", "", "read the QR text from `FILE` instead of stdin")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	level, err := qr.ParseLevel(*ecc)
	if err != nil {
		return usagef("qr: --ecc: want L, M, Q or H")
	}
	data, err := readFile(e, *in, maxTextInput, "QR text")
	if err != nil {
		return err
	}
	code, err := render.New(qrText(data), render.Options{Level: level, ModuleSize: *module})
	if err != nil {
		return &inputError{"qr", err}
	}
	if err := writeCode(code, *png, *svg); err != nil {
		return err
	}
	if *terminal {
		if _, err := e.stderr.Write([]byte(code.Terminal(true))); err != nil {
			return &ioError{"stderr", err}
		}
	}
	return printJSON(e, record.NewQRInfo(code.Layout()))
}

// writeCode writes the PNG and SVG files that are asked for.
func writeCode(code *render.Code, pngPath, svgPath string) error {
	if pngPath != "" {
		var b bytes.Buffer
		if err := code.WritePNG(&b); err != nil {
			return &ioError{"png", err}
		}
		if err := os.WriteFile(pngPath, b.Bytes(), 0o644); err != nil {
			return &ioError{"png", err}
		}
	}
	if svgPath != "" {
		var b bytes.Buffer
		if err := code.WriteSVG(&b); err != nil {
			return &ioError{"svg", err}
		}
		if err := os.WriteFile(svgPath, b.Bytes(), 0o644); err != nil {
			return &ioError{"svg", err}
		}
	}
	return nil
}

// printJSON prints v as the command prints every answer (record.Marshal):
// a decoded credential (record.FromResult's or record.Inspect's), a QR
// code's figures, a photo's, a discovered key set.
func printJSON(e *env, v any) error {
	data, err := record.Marshal(v)
	if err != nil {
		return &inputError{"output", err}
	}
	if _, err := e.stdout.Write(data); err != nil {
		return &ioError{"stdout", err}
	}
	return nil
}

// scanImage reads QR text from an image file: exactly what the code holds,
// spaces included.
func scanImage(path string) (string, error) {
	text, err := scan.File(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) { // missing or unreadable file
			return "", &ioError{"--image", err}
		}
		return "", &inputError{"image", err}
	}
	return text, nil
}
