package record

import (
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/idqr/claim169/claim169"
)

// Output is the JSON form of a decoded credential, as the claim169 command
// prints it: its members in this order, the identity in
// claim169.Identity's JSON form and the claims in Claims'. The command
// writes it with an encoding/json Encoder set to SetEscapeHTML(false) and
// a two-space indent; the identity, the claims, the headers and the
// certificates escape <, > and & in their own JSON whatever that setting.
type Output struct {
	Identity *claim169.Identity `json:"claim169"`
	Claims   *Claims            `json:"cwt"`
	// Verification is "verified", "failed" or "skipped"
	// (claim169.Verification).
	Verification claim169.Verification `json:"verification"`
	// Trust is how the verifying key is trusted: "key", "keySet", "chain"
	// or "certificate" (claim169.Trust); only when verified.
	Trust claim169.Trust `json:"trust,omitempty"`
	// Algorithm names the signature algorithm; empty for an unsigned CWT.
	Algorithm string `json:"algorithm,omitempty"`
	// KeyID is the signature's kid: as text when it is printable UTF-8,
	// else in hex.
	KeyID string `json:"kid,omitempty"`
	// Compression is how the credential was compressed: "zlib", "brotli"
	// (specification 1.2.2), or "none" for an uncompressed message read
	// with claim169.DecoderOptions.AllowUncompressed.
	Compression claim169.Compression `json:"compression,omitempty"`
	// Warnings is never null: [] when there is none.
	Warnings   []string    `json:"warnings"`
	Encryption *Encryption `json:"encryption,omitempty"`
	// Headers and Certificates are set by Inspect only.
	Headers      *Headers      `json:"headers,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
}

// Encryption describes the COSE_Encrypt0 around an encrypted credential.
type Encryption struct {
	Algorithm string `json:"algorithm"`
	// KeyID is the kid of the COSE_Encrypt0, shown as Output.KeyID is.
	KeyID string `json:"kid,omitempty"`
}

// FromResult returns the JSON form of res that the command's decode
// prints. The Output shares res's identity, claims and warnings.
func FromResult(res *claim169.Result) *Output {
	out := &Output{Identity: res.Identity, Claims: claimsOf(res.Claims), Verification: res.Verification,
		Trust: res.Trust, KeyID: keyIDString(res.KeyID), Compression: res.Compression, Warnings: res.Warnings}
	if out.Identity == nil {
		out.Identity = new(claim169.Identity)
	}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if res.Sign1 != nil && res.Algorithm != 0 {
		out.Algorithm = res.Algorithm.String()
	}
	if res.Encrypted {
		out.Encryption = &Encryption{Algorithm: res.EncryptionAlgorithm.String()}
		if res.Encrypt0 != nil {
			out.Encryption.KeyID = keyIDString(res.Encrypt0.KeyID())
		}
	}
	return out
}

// Inspect returns the JSON form of res that the command's inspect prints:
// FromResult's, with the COSE headers and the certificates the credential
// carries, none of them verified.
func Inspect(res *claim169.Result) *Output {
	out := FromResult(res)
	out.Headers, out.Certificates = describeHeaders(res)
	return out
}

// keyIDString shows a key ID as text when it is printable UTF-8, and as hex
// otherwise; "" for none.
func keyIDString(kid []byte) string {
	if len(kid) == 0 {
		return ""
	}
	if utf8.Valid(kid) && strings.IndexFunc(string(kid), func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return string(kid)
	}
	return hex.EncodeToString(kid)
}
