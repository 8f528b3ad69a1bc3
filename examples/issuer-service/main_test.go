package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"log"
	"math"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/service"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
	"github.com/idqr/claim169/qr/scan"
)

// testRecord is what a caller sends: the identity only.
const testRecord = `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","gender":1}}`

// testIssuer is the -issuer of the test services.
const testIssuer = "https://id.example.org"

// newService starts the service on loopback with a key of its own, written
// to a file as an operator would, and the flags args.
func newService(t *testing.T, args ...string) (*httptest.Server, ed25519.PublicKey) {
	t.Helper()
	priv := ts.NewEd25519Key()
	pemKey, err := keys.MarshalPrivatePEM(priv)
	require.NoError(t, err)
	return keyService(t, pemKey, nil, append([]string{"-kid", "svc-1", "-issuer", testIssuer}, args...)...), priv.Public().(ed25519.PublicKey)
}

// keyService starts the service on loopback with the private key keyPEM,
// loaded from a file as an operator's key would be, the clock now (nil:
// time.Now) and the flags args.
func keyService(t *testing.T, keyPEM []byte, now func() time.Time, args ...string) *httptest.Server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "issuer.key.pem")
	require.NoError(t, os.WriteFile(path, keyPEM, 0o600))
	c, err := parseFlags(append([]string{"-key", path}, args...), io.Discard)
	require.NoError(t, err)
	c.now = now
	h, err := setup(c, log.New(io.Discard, "", 0))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func post(t *testing.T, url string, body func() (string, io.Reader)) (*http.Response, []byte) {
	t.Helper()
	contentType, r := body()
	resp, err := http.Post(url+"/issue", contentType, r)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, data
}

// verifyPNG scans the PNG of an answer, checks it against the headers,
// and verifies the credential with pub.
func verifyPNG(t *testing.T, resp *http.Response, body []byte, pub crypto.PublicKey, level qr.Level) *claim169.Result {
	t.Helper()
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Equal(t, "image/png", resp.Header.Get("Content-Type"))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	img, err := png.Decode(bytes.NewReader(body))
	require.NoError(t, err)
	text, err := scan.Image(img)
	require.NoError(t, err)
	assert.Equal(t, text, resp.Header.Get("X-Claim169-Text"), "the header holds the text exactly")
	plan, err := qr.Plan(text, level)
	require.NoError(t, err)
	assert.Equal(t, strconv.Itoa(plan.Version), resp.Header.Get("X-QR-Version"))
	assert.Equal(t, level.String(), resp.Header.Get("X-QR-ECC"))
	side := (plan.Modules + 2*render.QuietZone) * render.DefaultModuleSize
	assert.Equal(t, image.Rect(0, 0, side, side), img.Bounds())
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{pub}})
	require.NoError(t, err)
	res, err := dec.Decode(text)
	require.NoError(t, err)
	assert.Equal(t, claim169.Verified, res.Verification)
	return res
}

func TestIssueJSON(t *testing.T) {
	srv, pub := newService(t, "-ecc", "Q")
	resp, body := post(t, srv.URL, body("application/json", testRecord))
	res := verifyPNG(t, resp, body, pub, qr.Q)
	assert.Equal(t, "svc-1", string(res.KeyID))
	assert.Empty(t, res.Warnings)
	want, err := record.Parse([]byte(testRecord))
	require.NoError(t, err)
	got, err := json.Marshal(record.Record{Identity: res.Identity})
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(got))
	// The claims are the service's: its issuer, issued now, five years.
	assert.Equal(t, testIssuer, res.Claims.Issuer)
	require.NotNil(t, res.Claims.IssuedAt)
	assert.WithinDuration(t, time.Now(), res.Claims.IssuedAt.Time(), time.Minute)
	require.NotNil(t, res.Claims.ExpiresAt)
	assert.Equal(t, time.Duration(5*365*24)*time.Hour, res.Claims.ExpiresAt.Time().Sub(res.Claims.IssuedAt.Time()))
}

// photoJPEG draws a width x height portrait-like picture as a JPEG.
func photoJPEG(t *testing.T, width, height int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		for x := range width {
			dx, dy := float64(x-width/2)/float64(width/4), float64(y-height/2)/float64(height/3)
			p := img.Pix[img.PixOffset(x, y):]
			p[0], p[1], p[2], p[3] = uint8(60+120*y/height), 90, 160, 0xff
			if dx*dx+dy*dy < 1 {
				p[0], p[1], p[2] = 220, 180, uint8(150+30*dy)
			}
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}))
	return b.Bytes()
}

// form returns a multipart body with the fields given, in order: "photo"
// as a file, the others as text.
func form(t *testing.T, fields ...[2]string) func() (string, io.Reader) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		var w io.Writer
		var err error
		if f[0] == "photo" {
			w, err = mw.CreateFormFile("photo", "portrait.jpg")
		} else {
			w, err = mw.CreateFormField(f[0])
		}
		require.NoError(t, err)
		_, err = io.WriteString(w, f[1])
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return func() (string, io.Reader) { return mw.FormDataContentType(), bytes.NewReader(b.Bytes()) }
}

func TestIssuePhoto(t *testing.T) {
	photo := string(photoJPEG(t, 2400, 1800))
	require.Greater(t, len(photo), 100_000)
	for _, field := range []string{"face", "photo"} {
		t.Run(field, func(t *testing.T) {
			srv, pub := newService(t, "-photo-field", field, "-max-version", "25")
			// The photo comes first: the order of the fields does not matter.
			resp, data := post(t, srv.URL, form(t, [2]string{"photo", photo}, [2]string{"record", testRecord}))
			res := verifyPNG(t, resp, data, pub, qr.M)
			if field == "photo" {
				// Keys 16 and 17 are deprecated since specification 1.2.1: the decoder says so.
				require.Len(t, res.Warnings, 1, "the JPEG is declared as JPEG")
				assert.Contains(t, res.Warnings[0], "deprecated")
			} else {
				assert.Empty(t, res.Warnings, "the JPEG is declared as JPEG")
			}
			jpegData := res.Identity.Photo
			if field == "face" {
				require.Len(t, res.Identity.Face, 1)
				face := res.Identity.Face[0]
				assert.Equal(t, biometrics.FormatImage, *face.Format)
				assert.Equal(t, biometrics.ImageJPEG, *face.SubFormat)
				jpegData = face.Data
			} else {
				assert.Equal(t, claim169.PhotoJPEG, res.Identity.PhotoFormat)
			}
			assert.LessOrEqual(t, len(jpegData), 600)
			img, err := jpeg.Decode(bytes.NewReader(jpegData))
			require.NoError(t, err)
			assert.InDelta(t, 0.75, float64(img.Bounds().Dx())/float64(img.Bounds().Dy()), 0.02, "cropped to a 3:4 portrait")
			assert.Equal(t, "Janardhan BS", res.Identity.FullName)
		})
	}
}

// errorOf decodes a JSON refusal.
func errorOf(t *testing.T, resp *http.Response, data []byte) map[string]any {
	t.Helper()
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m), string(data))
	return m
}

func TestIssueRefusals(t *testing.T) {
	srv, _ := newService(t)
	const secret = "SECRET-VALUE-77"
	withFace := `{"claim169":{"fullName":"` + secret + `","face":[{"data":"AA==","format":1}]}}`
	tests := []struct {
		name   string
		body   func() (string, io.Reader)
		status int
		code   string
	}{
		{"gender as text", body("application/json", `{"claim169":{"gender":"`+secret+`"}}`), 400, "bad_record"},
		{"unknown field", body("application/json", `{"claim169":{"fullname":"`+secret+`"}}`), 400, "bad_record"},
		{"bad base64", body("application/json", `{"claim169":{"photo":"`+secret+`!"}}`), 400, "bad_record"},
		{"not JSON", body("application/json", `{"claim169":{"fullName":`+secret+`}}`), 400, "bad_record"},
		{"no identity", body("application/json", `{"cwt":{"issuer":"`+secret+`"}}`), 400, "bad_record"},
		{"claims of the caller", body("application/json", `{"claim169":{"id":"1"},"cwt":{"issuer":"`+secret+`"}}`), 400, "claims_not_allowed"},
		{"expiry of the caller", body("application/json", `{"claim169":{"id":"1"},"cwt":{"expiresAt":4102444800}}`), 400, "claims_not_allowed"},
		{"record too large", body("application/json", `{"claim169":{"fullName":"`+strings.Repeat("A", maxRecordBytes)+`"}}`), 413, "too_large"},
		{"body too large", body("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\n"+strings.Repeat("A", maxBody)), 413, "too_large"},
		{"text/plain", body("text/plain", testRecord), 415, "unsupported_media_type"},
		{"no content type", body("", testRecord), 415, "unsupported_media_type"},
		{"not an image", form(t, [2]string{"record", testRecord}, [2]string{"photo", secret}), 400, "bad_photo"},
		{"no record", form(t, [2]string{"photo", string(photoJPEG(t, 64, 48))}), 400, "malformed_request"},
		{"bad record in form", form(t, [2]string{"record", `{"claim169":{"gender":"` + secret + `"}}`}), 400, "bad_record"},
		{"two records", form(t, [2]string{"record", testRecord}, [2]string{"record", testRecord}), 400, "malformed_request"},
		{"unknown field in form", form(t, [2]string{"record", testRecord}, [2]string{"note", secret}), 400, "malformed_request"},
		{"face twice", form(t, [2]string{"record", withFace}, [2]string{"photo", string(photoJPEG(t, 64, 48))}), 400, "photo_conflict"},
		{"broken multipart", body("multipart/form-data; boundary=x", secret), 400, "malformed_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, data := post(t, srv.URL, tt.body)
			assert.Equal(t, tt.status, resp.StatusCode, string(data))
			assert.Equal(t, tt.code, errorOf(t, resp, data)["error"])
			assert.NotContains(t, string(data), secret)
			assert.NotContains(t, string(data), "Janardhan")
		})
	}
	resp, err := http.Get(srv.URL + "/issue")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
	assert.Equal(t, http.MethodPost, resp.Header.Get("Allow"))
}

// body returns a request body of the content type given.
func body(contentType, s string) func() (string, io.Reader) {
	return func() (string, io.Reader) { return contentType, strings.NewReader(s) }
}

// A credential over the QR budget is refused with the shares of its
// fields, by name and size only.
func TestIssueOverBudget(t *testing.T) {
	srv, _ := newService(t, "-ecc", "Q", "-max-version", "10")
	photo := ts.Random(1000, 1)
	record := `{"claim169":{"id":"3918592438","fullName":"Janardhan BS","photo":"` +
		base64.StdEncoding.EncodeToString(photo) + `"}}`
	resp, data := post(t, srv.URL, body("application/json", record))
	require.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode, string(data))
	var body struct {
		Error      string `json:"error"`
		Characters int    `json:"characters"`
		Version    int    `json:"version"`
		ECC        string `json:"ecc"`
		MaxVersion int    `json:"maxVersion"`
		Shares     []struct {
			Field   string  `json:"field"`
			Bytes   int     `json:"bytes"`
			Percent float64 `json:"percent"`
		} `json:"shares"`
	}
	require.NoError(t, json.Unmarshal(data, &body))
	// The JSON names, and percentages to one decimal.
	assert.Regexp(t, `"shares":\[\{"field":"photo","bytes":\d+,"percent":\d+(\.\d)?\}`, string(data))
	assert.NotContains(t, string(data), `"Field"`)
	for _, s := range body.Shares {
		assert.InDelta(t, s.Percent, math.Round(s.Percent*10)/10, 1e-9, "one decimal")
	}
	assert.Equal(t, "too_large_for_qr", body.Error)
	assert.Equal(t, "Q", body.ECC)
	assert.Equal(t, 10, body.MaxVersion)
	assert.Greater(t, body.Version, 10)
	assert.Greater(t, body.Characters, qr.MaxCharacters(10, qr.Q))
	require.NotEmpty(t, body.Shares)
	assert.Equal(t, "photo", body.Shares[0].Field)
	assert.Greater(t, body.Shares[0].Bytes, 1000)
	assert.NotContains(t, string(data), "Janardhan")
	assert.NotContains(t, string(data), "3918592438")
	assert.NotContains(t, string(data), base64.StdEncoding.EncodeToString(photo)[:16])
}

func TestFlags(t *testing.T) {
	c, err := parseFlags([]string{"-issuer", testIssuer}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, config{Flags: service.Flags{Addr: "127.0.0.1:8081", Drain: 10 * time.Second}, issuer: testIssuer, validity: 5 * 365 * 24 * time.Hour,
		level: qr.M, maxVersion: 25, photoBytes: 600, photoField: "face", module: render.DefaultModuleSize}, c)
	_, err = parseFlags(nil, io.Discard)
	assert.ErrorContains(t, err, "-issuer is required")
	for _, args := range [][]string{
		{"-validity-days", "0"}, {"-drain", "0s"},
		{"-ecc", "X"}, {"-max-version", "41"}, {"-max-version", "-1"}, {"-photo-bytes", "0"},
		{"-photo-field", "iris"}, {"-module", "0"}, {"-module", "33"}, {"extra"}, {"-nope"},
	} {
		_, err := parseFlags(append([]string{"-issuer", testIssuer}, args...), io.Discard)
		assert.Error(t, err, "%v", args)
	}
	_, err = setup(config{key: filepath.Join(t.TempDir(), "none")}, log.New(io.Discard, "", 0))
	assert.Error(t, err)
}

// syncBuffer is the log destination of a running service.
type syncBuffer = ts.LogBuffer

// Without -key the service runs out of the box: it generates a key, logs
// its public JWK, and issues credentials that verify with that JWK.
func TestRunWithGeneratedKey(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-kid", "dev", "-issuer", testIssuer}, &logs)
	}()
	url := logs.ListeningURL(t)
	jwk := regexp.MustCompile(`public key \(JWK\): (\{.*\})`).FindStringSubmatch(logs.String())
	require.NotNil(t, jwk, logs.String())
	k, err := keys.ParsePublicJWK([]byte(jwk[1]))
	require.NoError(t, err)
	assert.Equal(t, "dev", k.KeyID)

	resp, body := post(t, url, body("application/json", testRecord))
	res := verifyPNG(t, resp, body, k.Public, qr.M)
	assert.Equal(t, "dev", string(res.KeyID))

	cancel()
	require.NoError(t, <-done)
	assert.NotContains(t, logs.String(), "Janardhan", "no identity data in the log")
	assert.Error(t, run(context.Background(), []string{"-addr", "256.0.0.1:1", "-issuer", testIssuer}, io.Discard))
}
