package main

import (
	"crypto/x509"
	"encoding/json"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// inspectInfo is what inspect prints besides the result: the COSE headers
// and the certificates the credential carries, untrusted.
type inspectInfo struct {
	Headers      *headerInfo `json:"headers"`
	Certificates []certInfo  `json:"certificates,omitempty"`
}

// headerInfo shows the COSE headers as CBOR diagnostic notation, by label.
type headerInfo struct {
	CWTTag             bool              `json:"cwtTag"`
	Protected          map[string]string `json:"protected"`
	Unprotected        map[string]string `json:"unprotected"`
	EncryptProtected   map[string]string `json:"encryptProtected,omitempty"`
	EncryptUnprotected map[string]string `json:"encryptUnprotected,omitempty"`
}

// certInfo describes a certificate carried in the credential, untrusted.
type certInfo struct {
	Header    string    `json:"header"` // x5chain or x5bag
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	Serial    string    `json:"serial"`
	NotBefore time.Time `json:"notBefore"`
	NotAfter  time.Time `json:"notAfter"`
	Error     string    `json:"error,omitempty"`
}

// outputJSON is the JSON that decode and inspect print: the result in the
// contract's shape (claim169.Result's JSON), and for inspect the headers and
// certificates after it.
func outputJSON(res *claim169.Result, inspect bool) ([]byte, error) {
	base, err := res.MarshalJSON()
	if err != nil || !inspect {
		return base, err
	}
	var info inspectInfo
	info.Headers, info.Certificates = describeHeaders(res)
	extra, err := json.Marshal(info)
	if err != nil {
		return nil, err
	}
	// Splice {"claim169": ..., "warnings": [...]} and {"headers": ...}.
	return append(append(base[:len(base)-1:len(base)-1], ','), extra[1:]...), nil
}

func describeHeaders(res *claim169.Result) (*headerInfo, []certInfo) {
	h := &headerInfo{CWTTag: res.CWTTagged, Protected: map[string]string{}, Unprotected: map[string]string{}}
	var certs []certInfo
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

func describeCerts(header string, ders [][]byte) []certInfo {
	out := make([]certInfo, 0, len(ders))
	for _, der := range ders {
		ci := certInfo{Header: header}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			ci.Error = "not a valid X.509 certificate"
		} else {
			ci.Subject, ci.Issuer = cert.Subject.String(), cert.Issuer.String()
			ci.Serial = cert.SerialNumber.Text(16)
			ci.NotBefore, ci.NotAfter = cert.NotBefore.UTC(), cert.NotAfter.UTC()
		}
		out = append(out, ci)
	}
	return out
}
