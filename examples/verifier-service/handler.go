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
)

// handler serves POST /verify.
type handler struct {
	dec *claim169.Decoder
	log *log.Logger
	// scans bounds the concurrent image scans, which are CPU-bound.
	scans chan struct{}
}

func newHandler(dec *claim169.Decoder, logger *log.Logger) http.Handler {
	h := &handler{dec: dec, log: logger, scans: make(chan struct{}, runtime.NumCPU())}
	mux := http.NewServeMux()
	mux.HandleFunc("/verify", h.verify)
	mux.HandleFunc("/healthz", service.Health)
	return mux
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

// scan reads the QR text in the image img once a scan slot is free.
func (h *handler) scan(ctx context.Context, img io.Reader) (string, error) {
	select {
	case h.scans <- struct{}{}:
		defer func() { <-h.scans }()
	case <-ctx.Done():
		return "", ctx.Err()
	}
	return scan.Reader(img)
}

// fail writes the error response for err and logs err, whose message holds
// no identity data.
func (h *handler) fail(w http.ResponseWriter, err error) {
	status, body := classify(err)
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
	switch {
	case errors.Is(err, claim169.ErrExpired):
		body.Error = "expired"
		return http.StatusUnprocessableEntity, body
	case errors.Is(err, claim169.ErrNotYetValid):
		body.Error = "not_yet_valid"
		return http.StatusUnprocessableEntity, body
	case errors.Is(err, claim169.ErrVerification):
		body.Error, body.Reason = "verification_failed", verificationReason(err)
		return http.StatusForbidden, body
	case errors.Is(err, claim169.ErrDecryption):
		body.Error = "decryption_failed"
		return http.StatusForbidden, body
	case errors.Is(err, claim169.ErrRevoked):
		body.Error = "revoked"
		return http.StatusForbidden, body
	case errors.Is(err, claim169.ErrTooLarge):
		body.Error = "too_large"
		return http.StatusRequestEntityTooLarge, body
	}
	body.Error = "malformed"
	return http.StatusBadRequest, body
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
