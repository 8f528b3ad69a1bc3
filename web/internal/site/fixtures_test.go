package site_test

import (
	"bytes"
	"compress/zlib"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/qr/render"
)

// fixtures are the credentials and files the browser tests use, signed by
// one Ed25519 issuer.
type fixtures struct {
	key    ed25519.PrivateKey
	pubPEM string
	jwk    string // the public JWK, with kid and alg

	valid, tampered, expired string // QR texts
	withCert                 string // QR text with an x5chain certificate
	face                     []byte // a PNG of a drawn face, to upload
	facePath, qrPath         string // files: the face PNG, a PNG of valid's code
	cameraPath               string // a Y4M video of valid's code for the fake camera
}

func newFixtures(t *testing.T) *fixtures {
	t.Helper()
	dir := t.TempDir()
	f := &fixtures{key: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))}
	pem, err := keys.MarshalPublicPEM(f.key.Public())
	require.NoError(t, err)
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "issuer-2026", Public: f.key.Public()})
	require.NoError(t, err)
	f.pubPEM, f.jwk = string(pem), string(jwk)

	f.face = facePNG(t)
	jpeg, err := photo.FitReader(bytes.NewReader(f.face), photo.Options{MaxBytes: 600, Crop: true})
	require.NoError(t, err)
	id := &claim169.Identity{ID: "3918592438", FullName: "Janardhan BS", DateOfBirth: "19880412",
		Gender: claim169.GenderMale, Address: "New House, Near Metro Line, Bengaluru, KA",
		Nationality: "IND", Photo: jpeg, PhotoFormat: claim169.PhotoJPEG}
	now := time.Now()
	f.valid = f.encode(t, id, now.Add(365*24*time.Hour), nil)
	f.expired = f.encode(t, id, now.Add(-24*time.Hour), nil)
	f.tampered = f.tamper(t, id, now.Add(365*24*time.Hour))
	f.withCert = f.encode(t, &claim169.Identity{ID: "1001", FullName: "Ada Lovelace"}, now.Add(time.Hour), f.certificate(t))

	f.facePath = filepath.Join(dir, "face.png")
	require.NoError(t, os.WriteFile(f.facePath, f.face, 0o644))
	small := f.encode(t, &claim169.Identity{ID: "3918592438", FullName: "Janardhan BS"}, now.Add(time.Hour), nil)
	code, err := render.New(f.valid, render.Options{ModuleSize: 3})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, code.WritePNG(&b))
	f.qrPath = filepath.Join(dir, "card.png")
	require.NoError(t, os.WriteFile(f.qrPath, b.Bytes(), 0o644))
	f.cameraPath = filepath.Join(dir, "camera.y4m")
	require.NoError(t, os.WriteFile(f.cameraPath, y4m(t, small), 0o644))
	return f
}

func (f *fixtures) encoder(t *testing.T, certs [][]byte) *claim169.Encoder {
	t.Helper()
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: f.key, KeyID: []byte("issuer-2026"), CertificateChain: certs})
	require.NoError(t, err)
	return enc
}

func claims(exp time.Time) *cwt.Claims {
	return &cwt.Claims{Issuer: "https://id.example.org", IssuedAt: cwt.NewNumericDate(exp.Add(-2 * 365 * 24 * time.Hour)),
		ExpiresAt: cwt.NewNumericDate(exp)}
}

func (f *fixtures) encode(t *testing.T, id *claim169.Identity, exp time.Time, certs [][]byte) string {
	t.Helper()
	out, err := f.encoder(t, certs).Encode(id, claims(exp))
	require.NoError(t, err)
	return out.Text
}

// tamper issues the identity, then changes one byte of the signature and
// compresses and encodes the message again.
func (f *fixtures) tamper(t *testing.T, id *claim169.Identity, exp time.Time) string {
	t.Helper()
	out, err := f.encoder(t, nil).Encode(id, claims(exp))
	require.NoError(t, err)
	msg := bytes.Clone(out.Stages.COSE)
	msg[len(msg)-1] ^= 0x01 // the signature is the message's last item
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, err = w.Write(msg)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return base45.EncodeToString(z.Bytes())
}

// certificate returns a self-signed certificate of the issuer's key.
func (f *fixtures) certificate(t *testing.T) [][]byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(169), Subject: pkix.Name{CommonName: "Example ID issuer", Country: []string{"IN"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(365 * 24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, f.key.Public(), f.key)
	require.NoError(t, err)
	return [][]byte{der}
}

// facePNG draws a face: a light background, shoulders, a head with eyes
// and a mouth.
func facePNG(t *testing.T) []byte {
	t.Helper()
	const w, h = 300, 400
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	inEllipse := func(x, y, cx, cy, rx, ry int) bool {
		dx, dy := float64(x-cx)/float64(rx), float64(y-cy)/float64(ry)
		return dx*dx+dy*dy <= 1
	}
	for y := range h {
		for x := range w {
			c := color.NRGBA{214, 226, 238, 255} // background
			switch {
			case inEllipse(x, y, 150, 420, 150, 110):
				c = color.NRGBA{40, 60, 110, 255} // shoulders
			case inEllipse(x, y, 150, 110, 82, 60) && y < 110:
				c = color.NRGBA{50, 35, 25, 255} // hair
			case inEllipse(x, y, 150, 170, 75, 100):
				c = color.NRGBA{224, 172, 138, 255} // face
				if inEllipse(x, y, 122, 150, 10, 7) || inEllipse(x, y, 178, 150, 10, 7) {
					c = color.NRGBA{30, 30, 40, 255} // eyes
				}
				if inEllipse(x, y, 150, 220, 26, 8) && y > 218 {
					c = color.NRGBA{160, 60, 60, 255} // mouth
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

// y4m returns a two-second 640×480 YUV4MPEG2 video of the QR code of text,
// the input Chromium's fake camera plays in a loop.
func y4m(t *testing.T, text string) []byte {
	t.Helper()
	const w, h, fps = 640, 480, 10
	code, err := render.New(text, render.Options{ModuleSize: 1})
	require.NoError(t, err)
	scale := (h - 40) / code.Size()
	x0, y0 := (w-code.Size()*scale)/2, (h-code.Size()*scale)/2
	luma := make([]byte, w*h)
	for y := range h {
		for x := range w {
			luma[y*w+x] = 235
			mx, my := (x-x0)/scale, (y-y0)/scale
			if x >= x0 && y >= y0 && mx < code.Size() && my < code.Size() && code.Dark(mx, my) {
				luma[y*w+x] = 16
			}
		}
	}
	chroma := bytes.Repeat([]byte{128}, w*h/4)
	var b bytes.Buffer
	fmt.Fprintf(&b, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", w, h, fps)
	for range 2 * fps {
		b.WriteString("FRAME\n")
		b.Write(luma)
		b.Write(chroma)
		b.Write(chroma)
	}
	return b.Bytes()
}
