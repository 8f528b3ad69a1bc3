package claim169test_test

import (
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169test"
	"github.com/idqr/claim169/cose"
)

func ExampleVectors() {
	for _, v := range claim169test.Vectors()[8:12] {
		fmt.Printf("%s: %v\n", v.Name, v.Want)
	}
	// Output:
	// golden/09-zero-values-present: accepted
	// golden/10-expired: refused (expired at validity)
	// golden/11-not-yet-valid: refused (not_yet_valid at validity)
	// golden/12-deviations-spec-style: accepted
}

// A service that wraps the SDK's Decoder runs every vector through its own
// configuration.
func ExampleRun() {
	var t *testing.T // the *testing.T of func TestConformance(t *testing.T)

	claim169test.Run(t, func(v claim169test.Vector) (*claim169.Result, error) {
		dec, err := v.NewDecoder() // the vector's keys and clock
		if err != nil {
			return nil, err
		}
		return dec.Decode(v.Text)
	})
}

// verifierService stands for the verifier service under test: POST
// /verify with the QR text, the decode output or {"error", "stage"}.
func verifierService(dec *claim169.Decoder) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /verify", func(w http.ResponseWriter, r *http.Request) {
		text, _ := io.ReadAll(io.LimitReader(r.Body, claim169.DefaultMaxTextLength))
		w.Header().Set("Content-Type", "application/json")
		res, err := dec.Decode(string(text))
		var e *claim169.Error
		if errors.As(err, &e) {
			w.WriteHeader(http.StatusUnprocessableEntity)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": claim169test.ErrorName(err), "stage": string(e.Stage)})
			return
		}
		_ = json.NewEncoder(w).Encode(record.FromResult(res))
	})
	return mux
}

// Testing a verifier's HTTP handler: the adapter posts each vector to the
// handler built for it (with httptest) and maps the response back. In the
// service's test: claim169test.Run(t, verify).
func ExampleHTTP() {
	verify := claim169test.HTTP{Handler: func(v claim169test.Vector) (http.Handler, error) {
		dec, err := v.NewDecoder() // or: write v.Keys to the files the service loads
		if err != nil {
			return nil, err
		}
		return verifierService(dec), nil
	}}.Verify

	for _, name := range []string{"golden/01-minimal", "golden/15-wrong-key"} {
		v, _ := claim169test.Lookup(name)
		res, err := verify(v)
		if err != nil {
			fmt.Println(name, "refused:", claim169test.ErrorName(err))
			continue
		}
		fmt.Println(name, res.Verification, res.Identity.FullName)
	}
	// Output:
	// golden/01-minimal verified Alice Example
	// golden/15-wrong-key refused: verification_failed
}

// issuingService stands for the issuing service under test, which signs
// with the signer it is configured with.
func issuingService(signer crypto.Signer) func(id *claim169.Identity) (string, error) {
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer, KeyID: []byte("test-key")})
	return func(id *claim169.Identity) (string, error) {
		if err != nil {
			return "", err
		}
		e, err := enc.Encode(id, claim169test.Claims())
		if err != nil {
			return "", err
		}
		return e.Text, nil
	}
}

// A golden-file test of an issuing service: configured with the kit's
// deterministic signer, it issues the same text on every run, which the
// test compares with the file a former run wrote (rewritten under an
// -update flag).
func ExampleSigner() {
	issue := issuingService(claim169test.Signer(cose.ES256))
	golden := filepath.Join(os.TempDir(), "claim169test-example.golden")
	defer os.Remove(golden)

	for run := range 2 {
		text, err := issue(&claim169.Identity{ID: "ID-1", FullName: "Test Person"})
		if err != nil {
			fmt.Println(err)
			return
		}
		want, err := os.ReadFile(golden)
		if errors.Is(err, os.ErrNotExist) { // the first run, or -update
			_ = os.WriteFile(golden, []byte(text), 0o600)
			fmt.Println("run", run, "wrote the golden file")
			continue
		}
		fmt.Println("run", run, "matches the golden file:", text == string(want))
	}
	// Output:
	// run 0 wrote the golden file
	// run 1 matches the golden file: true
}

// Negative tests: each way to spoil a credential, and what a verifier that
// trusts the issuer must answer.
func ExampleIssuer_Tamper() {
	issuer, _ := claim169test.NewIssuer(claim169test.IssuerOptions{Algorithm: cose.ES256})
	dec, _ := claim169.NewDecoder(issuer.DecoderOptions())
	id := &claim169.Identity{ID: "ID-1", FullName: "Test Person"}
	for _, how := range claim169test.Tampers() {
		text, _ := issuer.Tamper(id, nil, how)
		_, err := dec.Decode(text)
		fmt.Printf("%s: %s, want %v\n", how, claim169test.ErrorName(err), how.Want())
	}
	// Output:
	// flip-signature: verification_failed, want refused (verification_failed at verify)
	// change-claim: verification_failed, want refused (verification_failed at verify)
	// other-key: verification_failed, want refused (verification_failed at verify)
	// expire: expired, want refused (expired at validity)
	// not-yet-valid: not_yet_valid, want refused (not_yet_valid at validity)
}

func ExampleIssuer() {
	issuer, _ := claim169test.NewIssuer(claim169test.IssuerOptions{Algorithm: cose.PS256})
	id := &claim169.Identity{ID: "ID-1", FullName: "Test Person"}
	a, _ := issuer.Issue(id, nil)
	b, _ := issuer.Issue(id, nil)
	fmt.Println(a.Text == b.Text)

	dec, _ := claim169.NewDecoder(issuer.DecoderOptions())
	res, _ := dec.Decode(a.Text)
	fmt.Println(res.Verification, res.Algorithm, res.Identity.FullName)
	// Output:
	// true
	// verified PS256 Test Person
}
