package main

import (
	"bytes"
	"image/jpeg"
	"os"

	"github.com/idqr/claim169/biometrics/photo"
)

const photoExample = `  claim169 photo --max-bytes 600 --in portrait.jpg --out face.jpg
  claim169 photo --max-bytes 400 --gray --width 96 --in scan.png --out face.jpg
  # then put face.jpg (base64) in the record: "face":[{"data":"...","format":0,"subFormat":1}]`

// photoInfo is what the photo command prints.
type photoInfo struct {
	Bytes  int  `json:"bytes"`
	Width  int  `json:"width"`
	Height int  `json:"height"`
	Gray   bool `json:"gray"`
}

func runPhoto(e *env, args []string) error {
	fs := newFlagSet(e, "photo", "--max-bytes N --in IMAGE --out OUT.jpg [--width W] [--gray] [--crop]", photoExample)
	maxBytes := fs.Int("max-bytes", 0, "byte `BUDGET` of the JPEG (required)")
	in := fs.String("in", "", "source image `FILE`: JPEG, PNG, GIF or WebP (required)")
	out := fs.String("out", "", "output JPEG `FILE` (required)")
	width := fs.Int("width", 0, "largest output width in `PIXELS` (default: automatic)")
	gray := fs.Bool("gray", false, "encode in grayscale, which fits a larger picture")
	crop := fs.Bool("crop", false, "crop to a centred 3:4 portrait first")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *maxBytes <= 0 || *in == "" || *out == "" {
		return usagef("photo: --max-bytes, --in and --out are required")
	}
	f, err := os.Open(*in)
	if err != nil {
		return &ioError{"--in", err}
	}
	defer f.Close()
	data, err := photo.FitReader(f, photo.Options{MaxBytes: *maxBytes, Width: *width, Gray: *gray, Crop: *crop})
	if err != nil {
		return &inputError{"photo", err}
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return &inputError{"photo", err}
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return &ioError{"--out", err}
	}
	return printJSON(e, photoInfo{Bytes: len(data), Width: cfg.Width, Height: cfg.Height, Gray: *gray})
}
