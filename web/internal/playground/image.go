package playground

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan"
)

// QROptions are the options of RenderQR: the error correction level
// (empty means M), the module size in pixels (0 means
// render.DefaultModuleSize) and whether to add a PNG.
type QROptions struct {
	ECC    string `json:"ecc"`
	Module int    `json:"module"`
	PNG    bool   `json:"png"`
}

// Rendered is the JSON of RenderQR: the code as an SVG document, as a PNG
// (base64) when asked, and its figures.
type Rendered struct {
	SVG string        `json:"svg"`
	PNG []byte        `json:"png,omitempty"`
	QR  record.QRInfo `json:"qr"`
}

// RenderQR draws the QR text as render.New does and returns its Rendered
// JSON, or the JSON of the failure.
func RenderQR(text string, optsJSON []byte) []byte {
	var o QROptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	level, err := parseLevel(o.ECC)
	if err != nil {
		return failure(err)
	}
	code, err := render.New(text, render.Options{Level: level, ModuleSize: o.Module})
	if err != nil {
		return failure(inputErr(stageQR, err))
	}
	var svg bytes.Buffer
	if err := code.WriteSVG(&svg); err != nil {
		return failure(inputErr(stageQR, err))
	}
	out := Rendered{SVG: svg.String(), QR: record.NewQRInfo(code.Layout())}
	if o.PNG {
		var png bytes.Buffer
		if err := code.WritePNG(&png); err != nil {
			return failure(inputErr(stageQR, err))
		}
		out.PNG = png.Bytes()
	}
	return result(out)
}

// Scanned is the JSON of a text read from an image.
type Scanned struct {
	Text string `json:"text"`
}

// ScanFile reads the QR text in an encoded PNG, JPEG or GIF image (an
// uploaded file) with scan.Reader and returns {"text"}, or the JSON of the
// failure at the stage "image".
func ScanFile(data []byte) []byte {
	text, err := scan.Reader(bytes.NewReader(data))
	if err != nil {
		return failure(inputErr(stageImage, err))
	}
	return result(Scanned{Text: text})
}

// ScanPixels reads the QR text in a picture of width × height pixels given
// as non-premultiplied RGBA bytes, four a pixel, row by row (the data of a
// browser's ImageData: a camera frame or an image drawn on a canvas), and
// returns {"text"}, or the JSON of the failure.
func ScanPixels(pix []byte, width, height int) []byte {
	img, err := pixels(pix, width, height)
	if err != nil {
		return failure(err)
	}
	text, err := scan.Image(img)
	if err != nil {
		return failure(inputErr(stageImage, err))
	}
	return result(Scanned{Text: text})
}

// pixels wraps RGBA bytes as an image, checking its dimensions against
// scan.MaxPixels and the length of the bytes.
func pixels(pix []byte, width, height int) (image.Image, error) {
	if width <= 0 || height <= 0 {
		return nil, inputErr(stageImage, scan.ErrImage)
	}
	if width > scan.MaxPixels/height {
		return nil, inputErr(stageImage, scan.ErrTooLarge)
	}
	if len(pix) != 4*width*height {
		return nil, inputErr(stageImage, fmt.Errorf("%w: %d bytes of pixels for %d×%d", scan.ErrImage, len(pix), width, height))
	}
	return &image.NRGBA{Pix: pix, Stride: 4 * width, Rect: image.Rect(0, 0, width, height)}, nil
}

// PhotoOptions are the options of FitPhoto, those of photo.Options.
type PhotoOptions struct {
	MaxBytes int  `json:"maxBytes"`
	Width    int  `json:"width"`
	MinWidth int  `json:"minWidth"`
	Gray     bool `json:"gray"`
	Crop     bool `json:"crop"`
}

// Fitted is the JSON of FitPhoto: the JPEG (base64, as the identity's
// photo field holds it, with photoFormat 1), its size and dimensions.
type Fitted struct {
	JPEG   []byte `json:"jpeg"`
	Bytes  int    `json:"bytes"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// FitPhoto makes a face JPEG within the byte budget of the options from an
// encoded JPEG, PNG, GIF or WebP picture with photo.FitReader and returns
// its Fitted JSON, or the JSON of the failure at the stage "photo" (exit
// 1 for options out of range).
func FitPhoto(data []byte, optsJSON []byte) []byte {
	var o PhotoOptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	out, err := photo.FitReader(bytes.NewReader(data), photo.Options{MaxBytes: o.MaxBytes, Width: o.Width,
		MinWidth: o.MinWidth, Gray: o.Gray, Crop: o.Crop})
	if errors.Is(err, photo.ErrOptions) {
		return failure(usageErr("photo: %w", err))
	}
	if err != nil {
		return failure(inputErr(stagePhoto, err))
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		return failure(inputErr(stagePhoto, err))
	}
	return result(Fitted{JPEG: out, Bytes: len(out), Width: cfg.Width, Height: cfg.Height})
}
