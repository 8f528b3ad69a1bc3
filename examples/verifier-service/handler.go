package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"mime"
	"net/http"
	"runtime"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/internal/service"
	"github.com/idqr/claim169/qr/scan"
)

// Request limits.
const (
	// maxTextBody bounds a text/plain body: the decoder's text limit and a
	// CRLF.
	maxTextBody = claim169.DefaultMaxTextLength + 2
	// maxImageBody bounds a multipart body: the largest image scan.Reader
	// reads and 64 KiB of multipart framing and other fields.
	maxImageBody = scan.MaxBytes + 64<<10
	// maxParts bounds the multipart parts read before the image.
	maxParts = 8
	// scanWait bounds how long a request waits for one of the image scans
	// in flight to end before it is refused with 503 and Retry-After.
	scanWait = 5 * time.Second
)

// imageScans returns how many image scans run at once: half the CPUs, at
// least one. Reading, decoding and scanning an image takes up to a second
// of CPU and 256 MiB (package qr/scan), so uploads cost the service at
// most that many times 256 MiB, however many arrive together; the others
// wait for their turn, their bodies unread, up to scanWait.
func imageScans() int { return max(1, runtime.NumCPU()/2) }

// errBusy refuses an image when every scan slot stayed taken for the wait.
var errBusy = errors.New("verifier-service: every image scan slot is taken")

// handler serves POST /verify.
type handler struct {
	dec *claim169.Decoder
	log *log.Logger
	// scans holds a token for each image scan in flight: its capacity
	// bounds them, and so the memory images take.
	scans chan struct{}
	// scanWait bounds the wait for a token.
	scanWait time.Duration
}

func newHandler(dec *claim169.Decoder, logger *log.Logger) http.Handler {
	h := &handler{dec: dec, log: logger, scans: make(chan struct{}, imageScans()), scanWait: scanWait}
	return h.routes()
}

// routes returns the service's routes, served by h.
func (h *handler) routes() http.Handler {
	return service.NewMux("/verify", h.verify)
}

// errorBody is the JSON of a refusal. It never holds identity data.
type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	Stage   string `json:"stage,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// requestError is a refused request, before any decoding.
type requestError struct {
	status int
	body   errorBody
}

func (e *requestError) Error() string { return e.body.Message }

func (h *handler) verify(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, &requestError{http.StatusMethodNotAllowed, errorBody{Error: "method_not_allowed", Message: "use POST"}})
		return
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var (
		text string
		err  error
	)
	switch mediaType {
	case "text/plain":
		text, err = readText(w, r)
	case "multipart/form-data":
		text, err = h.scanImage(w, r)
	default:
		err = &requestError{http.StatusUnsupportedMediaType, errorBody{Error: "unsupported_media_type", Message: "send text/plain or multipart/form-data"}}
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	res, err := h.dec.Decode(text)
	if err != nil {
		h.fail(w, err)
		return
	}
	// The claim169 command's output shape.
	writeJSON(w, http.StatusOK, record.FromResult(res))
}

// readText reads a text/plain body. The decoder removes one trailing
// newline (LF or CRLF) and nothing else.
func readText(w http.ResponseWriter, r *http.Request) (string, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxTextBody))
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// scanImage reads the QR text from the "image" field of a multipart body.
func (h *handler) scanImage(w http.ResponseWriter, r *http.Request) (string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImageBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", &requestError{http.StatusBadRequest, errorBody{Error: "malformed_request", Message: "invalid multipart body"}}
	}
	for range maxParts {
		part, err := mr.NextPart()
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return "", err
			}
			break
		}
		if part.FormName() == "image" {
			return h.scan(r.Context(), part)
		}
	}
	return "", &requestError{http.StatusBadRequest, errorBody{Error: "malformed_request", Message: `no "image" field`}}
}

// scan reads the QR text in the image img once a scan slot is free: the
// image is read from the body only then. It waits at most h.scanWait.
func (h *handler) scan(ctx context.Context, img io.Reader) (string, error) {
	wait := time.NewTimer(h.scanWait)
	defer wait.Stop()
	select {
	case h.scans <- struct{}{}:
		defer func() { <-h.scans }()
	case <-wait.C:
		return "", errBusy
	case <-ctx.Done():
		return "", ctx.Err()
	}
	return scan.Reader(img)
}

// fail writes the error response for err and logs err, whose message holds
// no identity data.
func (h *handler) fail(w http.ResponseWriter, err error) {
	status, body := classify(err)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	if status >= http.StatusInternalServerError {
		h.log.Printf("verify: %v", err)
	} else {
		h.log.Printf("verify refused (%d %s): %v", status, body.Error, err)
	}
	writeJSON(w, status, body)
}

// classify maps err to a status and a body made of fixed strings only.
func classify(err error) (int, errorBody) {
	var re *requestError
	if errors.As(err, &re) {
		return re.status, re.body
	}
	if errors.Is(err, errBusy) {
		return http.StatusServiceUnavailable, errorBody{Error: "busy", Message: "too many images are being scanned; retry later"}
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) || errors.Is(err, scan.ErrTooLarge) {
		return http.StatusRequestEntityTooLarge, errorBody{Error: "too_large", Message: "the request exceeds a size limit"}
	}
	if errors.Is(err, scan.ErrNotFound) || errors.Is(err, scan.ErrImage) {
		return http.StatusBadRequest, errorBody{Error: "no_qr_code", Message: "no readable QR code in the image"}
	}
	var ce *claim169.Error
	if !errors.As(err, &ce) {
		return http.StatusInternalServerError, errorBody{Error: "internal", Message: "internal error"}
	}
	body := errorBody{Stage: string(ce.Stage)}
	if ce.Kind != nil {
		body.Message = ce.Kind.Error()
	}
	for _, o := range outcomes {
		if errors.Is(err, o.kind) {
			body.Error = o.code
			if o.kind == claim169.ErrVerification {
				body.Reason = verificationReason(err)
			}
			return o.status, body
		}
	}
	body.Error = "malformed"
	return http.StatusBadRequest, body
}

// outcomes are the answers to a failed decode, by the sentinel it wraps, in
// the order they are tried; any other decode error is "malformed".
var outcomes = []struct {
	kind   error
	code   string
	status int
}{
	{claim169.ErrExpired, "expired", http.StatusUnprocessableEntity},
	{claim169.ErrNotYetValid, "not_yet_valid", http.StatusUnprocessableEntity},
	{claim169.ErrVerification, "verification_failed", http.StatusForbidden},
	{claim169.ErrDecryption, "decryption_failed", http.StatusForbidden},
	{claim169.ErrRevoked, "revoked", http.StatusForbidden},
	{claim169.ErrTooLarge, "too_large", http.StatusRequestEntityTooLarge},
}

// verificationReason names why a verification failed.
func verificationReason(err error) string {
	switch {
	case errors.Is(err, trust.ErrUntrustedChain):
		return "untrusted_certificate_chain"
	case errors.Is(err, trust.ErrUnknownIssuer):
		return "unknown_issuer"
	case errors.Is(err, claim169.ErrUnknownKey):
		return "unknown_key"
	}
	return "invalid_signature"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
