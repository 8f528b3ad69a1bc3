package claim169

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// Verification says whether a credential's signature was checked.
type Verification string

const (
	// Verified means the COSE_Sign1 signature was checked with a key the
	// decoder was configured to trust.
	Verified Verification = "verified"
	// Skipped means the signature was not checked: [Decoder.DecodeUnverified]
	// or [Decoder.Inspect]. The content must not be trusted.
	Skipped Verification = "skipped"
)

// Result is a decoded credential. A failed verification never yields a
// Result.
type Result struct {
	Identity     *Identity
	Claims       *cwt.Claims
	Verification Verification
	// Algorithm is the signature algorithm from the protected header (0 when
	// the credential is an unsigned CWT, accepted only unverified).
	Algorithm cose.Algorithm
	// KeyID is the kid of the COSE_Sign1, from the protected header or else
	// the unprotected one.
	KeyID []byte
	// Warnings name the tolerated deviations and oddities met while
	// decoding; they never contain identity data.
	Warnings []string

	// Encrypted reports a COSE_Encrypt0 around the signed message, and
	// EncryptionAlgorithm its content-encryption algorithm.
	Encrypted           bool
	EncryptionAlgorithm cose.Algorithm
	// CWTTagged reports an outer CWT tag 61.
	CWTTagged bool

	// Sign1 and Encrypt0 are the parsed COSE messages (Encrypt0 is nil
	// unless Encrypted; Sign1 is nil for an unsigned CWT), for callers that
	// need their headers, such as certificates in x5chain.
	Sign1    *cose.Sign1
	Encrypt0 *cose.Encrypt0
}

// resultJSON is the JSON form of a Result, as the claim169 command prints
// it.
type resultJSON struct {
	Identity     json.RawMessage `json:"claim169"`
	Claims       json.RawMessage `json:"cwt"`
	Verification Verification    `json:"verification"`
	Algorithm    string          `json:"algorithm,omitempty"`
	KeyID        string          `json:"kid,omitempty"`
	Warnings     []string        `json:"warnings"`
	Encryption   *encryptionJSON `json:"encryption,omitempty"`
}

type encryptionJSON struct {
	Algorithm string `json:"algorithm"`
	KeyID     string `json:"kid,omitempty"`
}

// MarshalJSON writes the result in the form the claim169 command prints:
// {"claim169", "cwt", "verification", "algorithm", "kid", "warnings"}, and
// "encryption" for an encrypted credential. The kid is shown by KeyIDString.
func (r *Result) MarshalJSON() ([]byte, error) {
	id := r.Identity
	if id == nil {
		id = new(Identity)
	}
	idJSON, err := id.MarshalJSON()
	if err != nil {
		return nil, err
	}
	claims, err := ClaimsJSON(r.Claims)
	if err != nil {
		return nil, err
	}
	out := resultJSON{Identity: idJSON, Claims: claims, Verification: r.Verification,
		KeyID: KeyIDString(r.KeyID), Warnings: r.Warnings}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if r.Sign1 != nil && r.Algorithm != 0 {
		out.Algorithm = r.Algorithm.String()
	}
	if r.Encrypted {
		out.Encryption = &encryptionJSON{Algorithm: r.EncryptionAlgorithm.String()}
		if r.Encrypt0 != nil {
			out.Encryption.KeyID = KeyIDString(r.Encrypt0.KeyID())
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// KeyIDString shows a key ID as text when it is printable UTF-8, and as hex
// otherwise; "" for none.
func KeyIDString(kid []byte) string {
	if len(kid) == 0 {
		return ""
	}
	if utf8.Valid(kid) && strings.IndexFunc(string(kid), func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return string(kid)
	}
	return hex.EncodeToString(kid)
}
