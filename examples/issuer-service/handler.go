package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math"
	"mime"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/bounded"
	"github.com/idqr/claim169/internal/service"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

// Request limits.
const (
	// maxBody bounds a whole request body: a phone photo and the record.
	maxBody = 8 << 20
	// maxRecordBytes bounds the JSON record, biometrics included.
	maxRecordBytes = 1 << 20
	// maxParts bounds the parts of a multipart body: "record" and "photo".
	maxParts = 2
)

// handler serves POST /issue.
type handler struct {
	enc        *claim169.Encoder
	issuer     string
	validity   time.Duration
	now        func() time.Time
	level      qr.Level
	module     int
	photoBytes int
	photoField string
	log        *log.Logger
	// work bounds the concurrent photo fittings, signatures and
	// renderings, which are CPU-bound.
	work chan struct{}
}

func newHandler(enc *claim169.Encoder, c config, logger *log.Logger) http.Handler {
	h := &handler{enc: enc, issuer: c.issuer, validity: c.validity, now: c.now,
		level: c.level, module: c.module, photoBytes: c.photoBytes,
		photoField: c.photoField, log: logger, work: make(chan struct{}, runtime.NumCPU())}
	if h.now == nil {
		h.now = time.Now
	}
	return service.NewMux("/issue", h.issue)
}

// errorBody is the JSON of a refusal. It never holds identity data: the
// size fields are set for a credential over the QR budget only.
type errorBody struct {
	Error      string  `json:"error"`
	Message    string  `json:"message"`
	Characters int     `json:"characters,omitempty"`
	Version    int     `json:"version,omitempty"` // 0: beyond version 40
	ECC        string  `json:"ecc,omitempty"`
	MaxVersion int     `json:"maxVersion,omitempty"`
	Shares     []share `json:"shares,omitempty"`
}

// share is the part of the identity one field takes, in a refusal: its
// JSON name, its size in bytes and its percentage of the identity, to one
// decimal.
type share struct {
	Field   string  `json:"field"`
	Bytes   int     `json:"bytes"`
	Percent float64 `json:"percent"`
}

// sharesOf returns the JSON form of the shares of a claim169.SizeError.
func sharesOf(in []claim169.Share) []share {
	out := make([]share, len(in))
	for i, s := range in {
		out[i] = share{Field: s.Field, Bytes: s.Bytes, Percent: math.Round(s.Percent*10) / 10}
	}
	return out
}

// requestError is a refused request.
type requestError struct {
	status int
	body   errorBody
}

func (e *requestError) Error() string { return e.body.Error + ": " + e.body.Message }

func badRequest(code, message string) error {
	return &requestError{http.StatusBadRequest, errorBody{Error: code, Message: message}}
}

func (h *handler) issue(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		h.fail(w, &requestError{http.StatusMethodNotAllowed, errorBody{Error: "method_not_allowed", Message: "use POST"}})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	rec, photo, err := h.read(r)
	if err == nil {
		err = h.setClaims(rec)
	}
	if err == nil {
		err = h.acquire(r.Context())
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	defer func() { <-h.work }()
	if photo != nil {
		err = h.addPhoto(rec.Identity, photo)
	}
	var out *rendered
	if err == nil {
		out, err = h.render(rec)
	}
	if err != nil {
		h.fail(w, err)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "image/png")
	hdr.Set("Content-Length", strconv.Itoa(len(out.png)))
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("X-Claim169-Text", out.text)
	hdr.Set("X-QR-Version", strconv.Itoa(out.layout.Version))
	hdr.Set("X-QR-ECC", out.layout.Level.String())
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out.png)
}

// setClaims sets the CWT claims of rec from the service's configuration:
// the issuer, issued now, expiring after the validity. The caller sends
// the identity only: a record with claims of its own is refused, so that
// no caller can choose the issuer or the validity of a credential.
func (h *handler) setClaims(rec *record.Record) error {
	if rec.Claims != nil {
		if b, err := json.Marshal((*record.Claims)(rec.Claims)); err != nil || string(b) != "{}" {
			return badRequest("claims_not_allowed", `the service sets the CWT claims (issuer, issuedAt, expiresAt): send only "claim169"`)
		}
	}
	now := h.now()
	rec.Claims = &cwt.Claims{Issuer: h.issuer, IssuedAt: cwt.NewNumericDate(now),
		ExpiresAt: cwt.NewNumericDate(now.Add(h.validity))}
	return nil
}

// acquire waits for a work slot; the caller releases it.
func (h *handler) acquire(ctx context.Context) error {
	select {
	case h.work <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// read reads the record, and the photo of a multipart body, if any.
func (h *handler) read(r *http.Request) (*record.Record, []byte, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		rec, err := parseRecord(r.Body)
		return rec, nil, err
	case "multipart/form-data":
		return readForm(r)
	}
	return nil, nil, &requestError{http.StatusUnsupportedMediaType, errorBody{Error: "unsupported_media_type",
		Message: "send application/json or multipart/form-data"}}
}

// readForm reads the "record" and "photo" fields of a multipart body.
func readForm(r *http.Request) (*record.Record, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, badRequest("malformed_request", "invalid multipart body")
	}
	var rec *record.Record
	var photo []byte
	for i := 0; ; i++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, bodyError(err, "invalid multipart body")
		}
		if i == maxParts {
			return nil, nil, badRequest("malformed_request", `send only the "record" and "photo" fields`)
		}
		switch name := part.FormName(); {
		case name == "record" && rec == nil:
			if rec, err = parseRecord(part); err != nil {
				return nil, nil, err
			}
		case name == "photo" && photo == nil:
			// The body limit bounds the photo; photo.FitReader checks the rest.
			if photo, err = io.ReadAll(part); err != nil {
				return nil, nil, bodyError(err, "cannot read the photo")
			}
		default:
			return nil, nil, badRequest("malformed_request", `send the "record" field and at most one "photo" file`)
		}
	}
	if rec == nil {
		return nil, nil, badRequest("malformed_request", `no "record" field`)
	}
	return rec, photo, nil
}

// bodyError is a 413 when err is the body limit, else a 400 with message.
func bodyError(err error, message string) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return badRequest("malformed_request", message)
}

// parseRecord reads one JSON record of at most maxRecordBytes. The
// messages of record.Parse name fields and offsets, never values, so they
// are passed on.
func parseRecord(r io.Reader) (*record.Record, error) {
	data, err := bounded.ReadAll(r, maxRecordBytes)
	switch {
	case errors.Is(err, bounded.ErrTooLarge):
		return nil, &requestError{http.StatusRequestEntityTooLarge, errorBody{Error: "too_large",
			Message: fmt.Sprintf("the record exceeds %d bytes", maxRecordBytes)}}
	case err != nil:
		return nil, bodyError(err, "cannot read the record")
	}
	rec, err := record.Parse(data)
	if err != nil {
		return nil, badRequest("bad_record", err.Error())
	}
	return rec, nil
}

// addPhoto fits the uploaded picture into the byte budget and sets it as
// the face biometric or the photograph of id, refusing to replace one it
// holds.
func (h *handler) addPhoto(id *claim169.Identity, upload []byte) error {
	key := claim169.FieldFace
	if h.photoField == "photo" {
		key = claim169.FieldPhoto
	}
	if id.Has(key) {
		return badRequest("photo_conflict", fmt.Sprintf("the record already has %s; send the photo once", h.photoField))
	}
	jpeg, err := photo.FitReader(bytes.NewReader(upload),
		photo.Options{MaxBytes: h.photoBytes, Crop: true})
	if err != nil {
		return err
	}
	if key == claim169.FieldPhoto {
		id.Photo, id.PhotoFormat = jpeg, claim169.PhotoJPEG
		return nil
	}
	id.Face = []biometrics.Biometric{{Data: jpeg,
		Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}}
	return nil
}

// rendered is a signed credential: its QR text, and its code as a PNG.
type rendered struct {
	text   string
	layout qr.Layout
	png    []byte
}

// render signs rec and draws its QR code as a PNG.
func (h *handler) render(rec *record.Record) (*rendered, error) {
	encoded, err := h.enc.Encode(rec.Identity, rec.Claims)
	if err != nil {
		return nil, err
	}
	text := encoded.Text
	code, err := render.New(text, render.Options{Level: h.level, ModuleSize: h.module})
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := code.WritePNG(&b); err != nil {
		return nil, err
	}
	return &rendered{text: text, layout: code.Layout(), png: b.Bytes()}, nil
}

// fail writes the error response for err and logs err, whose message holds
// no identity data.
func (h *handler) fail(w http.ResponseWriter, err error) {
	status, body := classify(err)
	if status >= http.StatusInternalServerError {
		h.log.Printf("issue: %v", err)
	} else {
		h.log.Printf("issue refused (%d %s): %v", status, body.Error, err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// classify maps err to a status and a body without identity data.
func classify(err error) (int, errorBody) {
	var re *requestError
	if errors.As(err, &re) {
		return re.status, re.body
	}
	var size *claim169.SizeError
	if errors.As(err, &size) {
		return http.StatusUnprocessableEntity, errorBody{Error: "too_large_for_qr",
			Message:    "the credential does not fit the QR budget; shrink the largest fields",
			Characters: size.Characters, Version: size.Version, ECC: size.Level.String(),
			MaxVersion: size.Budget.MaxVersion, Shares: sharesOf(size.Shares)}
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge), errors.Is(err, photo.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, errorBody{Error: "too_large", Message: "the request exceeds a size limit"}
	case errors.Is(err, photo.ErrImage):
		return http.StatusBadRequest, errorBody{Error: "bad_photo", Message: "the photo is not a decodable JPEG, PNG, GIF or WebP image"}
	case errors.Is(err, photo.ErrBudget):
		return http.StatusUnprocessableEntity, errorBody{Error: "photo_budget", Message: "the photo does not fit the byte budget"}
	case errors.Is(err, qr.ErrTooLong):
		return http.StatusUnprocessableEntity, errorBody{Error: "too_large_for_qr", Message: "the credential does not fit a version-40 QR code"}
	case errors.Is(err, claim169.ErrMalformed):
		// The facade's messages name stages and fields, never values.
		return http.StatusBadRequest, errorBody{Error: "bad_record", Message: err.Error()}
	}
	return http.StatusInternalServerError, errorBody{Error: "internal", Message: "internal error"}
}
