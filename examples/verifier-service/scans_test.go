package main

import (
	"bytes"
	"crypto"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/imagetest"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/qr/scan"
)

// scanService is a service whose handler is at hand, with slots image
// scans at once and a wait of wait for one, and the multipart body of a
// readable credential's image.
type scanService struct {
	h           *handler
	srv         *httptest.Server
	contentType string
	body        []byte
	image       []byte
}

func newScanService(t *testing.T, slots int, wait time.Duration) *scanService {
	t.Helper()
	priv := ts.NewEd25519Key()
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{priv.Public()}, Now: func() time.Time { return testNow }})
	require.NoError(t, err)
	h := &handler{dec: dec, log: log.New(io.Discard, "", 0), scans: make(chan struct{}, slots), scanWait: wait}
	srv := httptest.NewServer(h.routes())
	t.Cleanup(srv.Close)
	image := qrPNG(t, credential(t, claim169.EncoderOptions{Signer: priv}, &cwt.Claims{Issuer: "https://issuer.example"}))
	ct, body := multipartBody(t, "image", image)
	return &scanService{h: h, srv: srv, contentType: ct, body: body, image: image}
}

// post sends body and returns the status, the error code of a refusal and
// the Retry-After header.
func (s *scanService) post(t *testing.T, body io.Reader) (status int, code, retryAfter string) {
	t.Helper()
	resp, err := s.srv.Client().Post(s.srv.URL+"/verify", s.contentType, body)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	if resp.StatusCode != http.StatusOK {
		var e errorBody
		require.NoError(t, json.Unmarshal(data, &e))
		code = e.Error
	}
	return resp.StatusCode, code, resp.Header.Get("Retry-After")
}

// stalled starts an upload whose image stops after its first bytes until
// release is closed: the handler takes a scan slot and holds it, reading.
// The status arrives on the channel returned.
func (s *scanService) stalled(t *testing.T, release <-chan struct{}) <-chan int {
	split := bytes.Index(s.body, s.image) + 8 // the form up to the PNG signature
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write(s.body[:split])
		<-release
		_, _ = pw.Write(s.body[split:])
		_ = pw.Close()
	}()
	done := make(chan int, 1)
	go func() {
		resp, err := s.srv.Client().Post(s.srv.URL+"/verify", s.contentType, pr)
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	return done
}

// TestImageScansBounded holds every scan slot with uploads that stall,
// and checks that one more upload waits its time and is refused with 503
// and Retry-After, never scanned beside them; once they end, uploads are
// scanned again.
func TestImageScansBounded(t *testing.T) {
	for _, slots := range []int{1, 2} {
		s := newScanService(t, slots, 100*time.Millisecond)
		release := make(chan struct{})
		var held []<-chan int
		for range slots {
			held = append(held, s.stalled(t, release))
		}
		require.Eventually(t, func() bool { return len(s.h.scans) == slots }, 5*time.Second, time.Millisecond)

		start := time.Now()
		status, code, retry := s.post(t, bytes.NewReader(s.body))
		assert.Equal(t, http.StatusServiceUnavailable, status)
		assert.Equal(t, "busy", code)
		assert.Equal(t, "1", retry)
		assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond, "waited for a slot")
		assert.Len(t, s.h.scans, slots, "no scan beside the held ones")

		close(release)
		for _, done := range held {
			assert.Equal(t, http.StatusOK, <-done)
		}
		status, _, _ = s.post(t, bytes.NewReader(s.body))
		assert.Equal(t, http.StatusOK, status)
		assert.Empty(t, s.h.scans)
	}
}

// TestImageScanQueued checks that an upload that arrives while the slot
// is taken is scanned as soon as it is freed, within the wait.
func TestImageScanQueued(t *testing.T) {
	s := newScanService(t, 1, 5*time.Second)
	release := make(chan struct{})
	held := s.stalled(t, release)
	require.Eventually(t, func() bool { return len(s.h.scans) == 1 }, 5*time.Second, time.Millisecond)
	queued := make(chan int, 1)
	go func() {
		status, _, _ := s.post(t, bytes.NewReader(s.body))
		queued <- status
	}()
	time.Sleep(50 * time.Millisecond)
	close(release)
	assert.Equal(t, http.StatusOK, <-held)
	assert.Equal(t, http.StatusOK, <-queued)
}

// TestImageBodyLimits checks the limits of an upload: an image over
// scan.MaxBytes is refused with 413 having read no more than that, and an
// image the decoder would spend too long on (an estimate from its header)
// too, before it is decoded.
func TestImageBodyLimits(t *testing.T) {
	assert.GreaterOrEqual(t, imageScans(), 1)
	assert.Equal(t, scan.MaxBytes+64<<10, maxImageBody)
	s := newScanService(t, 1, time.Second)
	for name, image := range map[string]io.Reader{
		"over scan.MaxBytes": io.MultiReader(bytes.NewReader(s.image), io.LimitReader(imagetest.Zeros{}, scan.MaxBytes)),
		"costly to decode":   bytes.NewReader(imagetest.FilteredPNG(4000, 4000, 16, imagetest.RGBA, imagetest.FilterPaeth, false)),
	} {
		t.Run(name, func(t *testing.T) {
			ct, head := multipartBody(t, "image", nil)
			s.contentType = ct
			// The form's end follows the empty image: put the image before it.
			split := bytes.LastIndex(head, []byte("\r\n--"))
			status, code, _ := s.post(t, io.MultiReader(bytes.NewReader(head[:split]), image, bytes.NewReader(head[split:])))
			assert.Equal(t, http.StatusRequestEntityTooLarge, status)
			assert.Equal(t, "too_large", code)
		})
	}
}
