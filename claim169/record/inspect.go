package record

import (
	"crypto/x509"
	"encoding/json"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// Headers shows the COSE headers of a credential for debugging: each
// parameter in CBOR diagnostic notation (byte strings in hex), keyed by its
// label ("1 (alg)": "-8"). Nothing in it is verified.
type Headers struct {
	CWTTag             bool              `json:"cwtTag"` // an outer CWT tag 61
	Protected          map[string]string `json:"protected"`
	Unprotected        map[string]string `json:"unprotected"`
	EncryptProtected   map[string]string `json:"encryptProtected,omitempty"`
	EncryptUnprotected map[string]string `json:"encryptUnprotected,omitempty"`
}

// MarshalJSON writes h with <, > and & escaped, as encoding/json does by
// default, whatever the encoder's setting.
func (h *Headers) MarshalJSON() ([]byte, error) {
	type plain Headers
	return json.Marshal((*plain)(h))
}

// Certificate describes a certificate a credential carries, unverified.
type Certificate struct {
	Header    string    `json:"header"` // x5chain or x5bag
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	Serial    string    `json:"serial"` // hex
	NotBefore time.Time `json:"notBefore"`
	NotAfter  time.Time `json:"notAfter"`
	// Error says why the certificate could not be read; the other fields
	// but Header are then empty.
	Error string `json:"error,omitempty"`
}

// MarshalJSON writes c with <, > and & escaped, as encoding/json does by
// default, whatever the encoder's setting.
func (c Certificate) MarshalJSON() ([]byte, error) {
	type plain Certificate
	return json.Marshal(plain(c))
}

// describeHeaders describes the headers of res's COSE messages and the
// certificates in the COSE_Sign1's x5chain and x5bag, protected first.
func describeHeaders(res *claim169.Result) (*Headers, []Certificate) {
	h := &Headers{CWTTag: res.CWTTagged, Protected: map[string]string{}, Unprotected: map[string]string{}}
	var certs []Certificate
	if s := res.Sign1; s != nil {
		h.Protected, h.Unprotected = diagParams(&s.Protected), diagParams(&s.Unprotected)
		for _, hd := range []*cose.Headers{&s.Protected, &s.Unprotected} {
			certs = append(certs, describeCerts("x5chain", hd.X5Chain())...)
			certs = append(certs, describeCerts("x5bag", hd.X5Bag())...)
		}
	}
	if e := res.Encrypt0; e != nil {
		h.EncryptProtected, h.EncryptUnprotected = diagParams(&e.Protected), diagParams(&e.Unprotected)
	}
	return h, certs
}

var diagMode, _ = cbor.DiagOptions{ByteStringEncoding: cbor.ByteStringBase16Encoding}.DiagMode()

func diagParams(h *cose.Headers) map[string]string {
	out := make(map[string]string, h.Len())
	for _, p := range h.Params() {
		d, err := diagMode.Diagnose(p.Value)
		if err != nil {
			d = "<" + err.Error() + ">"
		}
		out[p.Label.String()] = d
	}
	return out
}

func describeCerts(header string, ders [][]byte) []Certificate {
	out := make([]Certificate, 0, len(ders))
	for _, der := range ders {
		c := Certificate{Header: header}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			c.Error = "not a valid X.509 certificate"
		} else {
			c.Subject, c.Issuer = cert.Subject.String(), cert.Issuer.String()
			c.Serial = cert.SerialNumber.Text(16)
			c.NotBefore, c.NotAfter = cert.NotBefore.UTC(), cert.NotAfter.UTC()
		}
		out = append(out, c)
	}
	return out
}
