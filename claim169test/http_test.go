package claim169test_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169test"
)

// service is a verifier service's handler: POST /verify with the QR text;
// the decode output on success, else {"error", "stage"} with the names
// codes maps the sentinels to.
func service(dec *claim169.Decoder, codes func(error) string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /verify", func(w http.ResponseWriter, r *http.Request) {
		text, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		res, err := dec.Decode(string(text))
		if err != nil {
			var e *claim169.Error
			errors.As(err, &e)
			w.WriteHeader(http.StatusUnprocessableEntity)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": codes(err), "stage": string(e.Stage)})
			return
		}
		_ = json.NewEncoder(w).Encode(record.FromResult(res))
	})
	return mux
}

// handlerFor builds the service for a vector.
func handlerFor(codes func(error) string) func(v claim169test.Vector) (http.Handler, error) {
	return func(v claim169test.Vector) (http.Handler, error) {
		dec, err := v.NewDecoder()
		if err != nil {
			return nil, err
		}
		return service(dec, codes), nil
	}
}

func TestHTTPPasses(t *testing.T) {
	claim169test.Run(t, claim169test.HTTP{Handler: handlerFor(claim169test.ErrorName)}.Verify)
}

// A service with codes of its own maps them back with Errors.
func TestHTTPErrors(t *testing.T) {
	codes := map[error]string{claim169.ErrMalformed: "BAD", claim169.ErrVerification: "FORGED",
		claim169.ErrExpired: "OLD", claim169.ErrNotYetValid: "EARLY", claim169.ErrDecryption: "SEALED"}
	own := func(err error) string {
		for sentinel, code := range codes {
			if errors.Is(err, sentinel) {
				return code
			}
		}
		return "OTHER"
	}
	back := map[string]error{}
	for sentinel, code := range codes {
		back[code] = sentinel
	}
	claim169test.Run(t, claim169test.HTTP{Handler: handlerFor(own), Errors: back}.Verify)

	// Without the map, the codes name no sentinel: every refusal fails.
	r := newRecorder()
	claim169test.Run(r, claim169test.HTTP{Handler: handlerFor(own)}.Verify)
	assert.NotEmpty(t, r.failed["golden/10-expired"])
}

func TestHTTPVerify(t *testing.T) {
	v, ok := claim169test.Lookup("golden/10-expired")
	require.True(t, ok)
	respond := func(status int, body string) claim169test.HTTP {
		return claim169test.HTTP{Path: "/check", Handler: func(claim169test.Vector) (http.Handler, error) {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/check" || r.Header.Get("Content-Type") != "text/plain" {
					status, body = http.StatusNotFound, "{}"
				}
				w.WriteHeader(status)
				_, _ = io.WriteString(w, body)
			}), nil
		}}
	}
	_, err := respond(http.StatusForbidden, `{"error":"expired","stage":"validity"}`).Verify(v)
	require.ErrorIs(t, err, claim169.ErrExpired)
	var e *claim169.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, claim169.StageValidity, e.Stage)

	_, err = respond(http.StatusForbidden, `{"error":"expired"}`).Verify(v)
	require.ErrorIs(t, err, claim169.ErrExpired)
	assert.False(t, errors.As(err, &e), "no stage, no *claim169.Error")

	for name, h := range map[string]claim169test.HTTP{
		"unknown name":       respond(http.StatusForbidden, `{"error":"nope","stage":"verify"}`),
		"no JSON body":       respond(http.StatusInternalServerError, `oops`),
		"200 not the output": respond(http.StatusOK, `[]`),
		"200 bad identity":   respond(http.StatusOK, `{"claim169":{"nope":1}}`),
		"handler not built":  {Handler: func(claim169test.Vector) (http.Handler, error) { return nil, errors.New("no") }},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := h.Verify(v)
			require.Error(t, err)
			assert.Empty(t, claim169test.ErrorName(err), "matches no sentinel")
		})
	}

	res, err := respond(http.StatusOK, `{"claim169":{"id":"1"},"cwt":{"issuer":"i"},"verification":"verified",`+
		`"algorithm":"EdDSA","warnings":[],"encryption":{"algorithm":"A256GCM"},"extra":true}`).Verify(v)
	require.NoError(t, err)
	assert.Equal(t, "1", res.Identity.ID)
	assert.Equal(t, "i", res.Claims.Issuer)
	assert.Equal(t, claim169.Verified, res.Verification)
	assert.True(t, res.Encrypted)
	assert.Equal(t, "A256GCM", res.EncryptionAlgorithm.String())
	assert.Equal(t, "EdDSA", res.Algorithm.String())
}
