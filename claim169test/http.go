package claim169test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// HTTP is a verifier behind an HTTP handler, for [Run]: its Verify method
// POSTs a vector's QR text as text/plain to the handler built for the
// vector and maps the response back to what the SDK would return.
//
// A 200 response is read as the claim169 command's decode output
// ([record.Output]: "claim169", "cwt", "verification", "algorithm",
// "warnings", "encryption"; other members are ignored) into a Result. Any
// other status is a refusal whose JSON body names the error and the stage,
// {"error": "expired", "stage": "validity"}: the error name is mapped to a
// sentinel by Errors, and the stage, when the body has one, is reported as
// a *claim169.Error's, so that Run compares it.
type HTTP struct {
	// Handler returns the handler under test configured for v: with v's
	// keys (written to the files the service loads, say), decryption keys
	// and clock.
	Handler func(v Vector) (http.Handler, error)
	// Path is the path of the verify endpoint; "" means "/verify".
	Path string
	// Errors maps the "error" member of a refusal to the facade's
	// sentinel; nil means the stable names of ErrorByName
	// ("verification_failed", "expired", …).
	Errors map[string]error
}

// Verify runs the handler on v; it is a [Verifier].
func (h HTTP) Verify(v Vector) (*claim169.Result, error) {
	handler, err := h.Handler(v)
	if err != nil {
		return nil, fmt.Errorf("claim169test: building the handler for %s: %w", v.Name, err)
	}
	p := h.Path
	if p == "" {
		p = "/verify"
	}
	req := httptest.NewRequest(http.MethodPost, p, strings.NewReader(v.Text))
	req.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	if rec.Code == http.StatusOK {
		return resultFromJSON(rec.Body.Bytes())
	}
	return nil, h.refusal(rec.Code, rec.Body.Bytes())
}

// resultFromJSON reads the decode output of a 200 response.
func resultFromJSON(body []byte) (*claim169.Result, error) {
	var out record.Output
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("claim169test: a 200 response that is not the decode output: %w", err)
	}
	res := &claim169.Result{Identity: out.Identity, Verification: out.Verification, Warnings: out.Warnings}
	if out.Claims != nil {
		res.Claims = (*cwt.Claims)(out.Claims)
	}
	if out.Algorithm != "" {
		res.Algorithm, _ = cose.ParseAlgorithm(out.Algorithm)
	}
	if out.Encryption != nil {
		res.Encrypted = true
		res.EncryptionAlgorithm, _ = cose.ParseAlgorithm(out.Encryption.Algorithm)
	}
	return res, nil
}

// refusal maps a refusal response to an error.
func (h HTTP) refusal(status int, body []byte) error {
	var b struct {
		Error string `json:"error"`
		Stage string `json:"stage"`
	}
	if err := json.Unmarshal(body, &b); err != nil {
		return fmt.Errorf("claim169test: HTTP %d without a JSON error body", status)
	}
	sentinel := ErrorByName(b.Error)
	if h.Errors != nil {
		sentinel = h.Errors[b.Error]
	}
	cause := fmt.Errorf("HTTP %d, error %q", status, b.Error)
	if sentinel == nil {
		return fmt.Errorf("claim169test: %w, which names no sentinel", cause)
	}
	if b.Stage == "" {
		return fmt.Errorf("%w (%w)", sentinel, cause)
	}
	return &claim169.Error{Stage: claim169.Stage(b.Stage), Kind: sentinel, Err: cause}
}
