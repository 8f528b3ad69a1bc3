package main

import (
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// output is the JSON the decode and inspect commands print.
type output struct {
	Claim169     json.RawMessage `json:"claim169"`
	CWT          json.RawMessage `json:"cwt"`
	Verification string          `json:"verification"`
	Algorithm    string          `json:"algorithm,omitempty"`
	KID          string          `json:"kid,omitempty"`
	Warnings     []string        `json:"warnings"`
	Encryption   *encryptionInfo `json:"encryption,omitempty"`
	// inspect only
	Headers      *headerInfo `json:"headers,omitempty"`
	Certificates []certInfo  `json:"certificates,omitempty"`
}

type encryptionInfo struct {
	Algorithm string `json:"algorithm"`
	KID       string `json:"kid,omitempty"`
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

func newOutput(res *claim169.Result, inspect bool) (*output, error) {
	id, err := res.Identity.MarshalJSON()
	if err != nil {
		return nil, err
	}
	c, err := claim169.ClaimsJSON(res.Claims)
	if err != nil {
		return nil, err
	}
	out := &output{
		Claim169:     id,
		CWT:          c,
		Verification: string(res.Verification),
		Warnings:     res.Warnings,
		KID:          kidString(res.KeyID),
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if res.Sign1 != nil && res.Algorithm != 0 {
		out.Algorithm = res.Algorithm.String()
	}
	if res.Encrypted {
		out.Encryption = &encryptionInfo{Algorithm: res.EncryptionAlgorithm.String()}
		if res.Encrypt0 != nil {
			out.Encryption.KID = kidString(res.Encrypt0.KeyID())
		}
	}
	if inspect {
		out.Headers, out.Certificates = describeHeaders(res)
	}
	return out, nil
}

// kidString shows a key ID as text when it is printable UTF-8, else as hex.
func kidString(kid []byte) string {
	if len(kid) == 0 {
		return ""
	}
	if utf8.Valid(kid) {
		printable := true
		for _, r := range string(kid) {
			if !unicode.IsPrint(r) {
				printable = false
				break
			}
		}
		if printable {
			return string(kid)
		}
	}
	return hex.EncodeToString(kid)
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
