package claim169

import (
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
// Result. Its JSON form, as the claim169 command prints it, is
// record.FromResult's (package claim169/record).
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
	// Compression is how the COSE message was compressed: CompressionZlib,
	// CompressionBrotli, or CompressionNone (read only with
	// DecoderOptions.AllowUncompressed).
	Compression Compression

	// Sign1 and Encrypt0 are the parsed COSE messages (Encrypt0 is nil
	// unless Encrypted; Sign1 is nil for an unsigned CWT), for callers that
	// need their headers, such as certificates in x5chain.
	Sign1    *cose.Sign1
	Encrypt0 *cose.Encrypt0
}
