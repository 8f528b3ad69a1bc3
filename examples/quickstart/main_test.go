package main

import (
	"bytes"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/qr/scan"
)

func TestQuickstart(t *testing.T) {
	dir := t.TempDir()
	pngPath, portraitPath := filepath.Join(dir, "card.png"), filepath.Join(dir, "portrait.jpg")
	var out bytes.Buffer
	require.NoError(t, run(&out, pngPath, portraitPath))
	s := out.String()
	assert.Contains(t, s, "Verification: verified (EdDSA")
	assert.Contains(t, s, "trusted as key")
	assert.Contains(t, s, `"fullName": "Janardhan BS"`)
	assert.Contains(t, s, "█", "the QR code is drawn")

	// The face is a real JPEG within its budget, not a stub.
	assert.Regexp(t, `with a (4\d\d|500)-byte face JPEG`, s)
	// The PNG holds the printed QR text.
	f, err := os.Open(pngPath)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	text, err := scan.Image(img)
	require.NoError(t, err)
	assert.Contains(t, s, text+"\n")
	assert.True(t, strings.HasPrefix(text, "NC") || len(text) > 500)
	// The portrait is a JPEG to try the command with.
	data, err := os.ReadFile(portraitPath)
	require.NoError(t, err)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	require.NoError(t, err)
	assert.Equal(t, 360, cfg.Width)
}
