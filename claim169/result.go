package claim169

import (
	"crypto"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// Verification says whether a credential's signature was checked, and
// how it came out. The command's "verification" member shows it
// (docs/CLI.md).
type Verification string

const (
	// Verified means the COSE_Sign1 signature was checked with a key the
	// decoder was configured to trust; [Result].Trust says which way.
	Verified Verification = "verified"
	// Failed means configured keys were tried and none verified the
	// signature (or none applied to the credential). Only the calls that
	// ask for unverified output return it ([Decoder.DecodeUnverified]),
	// with the reason in a warning; [Decoder.Decode] returns an error
	// instead. The content must not be trusted.
	Failed Verification = "failed"
	// Skipped means no signature check was made: [Decoder.DecodeUnverified]
	// on a decoder without keys, or [Decoder.Inspect]. The content must
	// not be trusted.
	Skipped Verification = "skipped"
)

// Trust names the way the key that verified a credential is trusted. The
// command's "trust" member shows it (docs/CLI.md).
type Trust string

const (
	// TrustKey is a key configured on its own: one of [DecoderOptions].Keys,
	// a key a resolver returns without saying more, or a key added to a
	// trust store with its AddKey.
	TrustKey Trust = "key"
	// TrustKeySet is a key of a key set (a JWK Set), chosen by the
	// credential's kid: [DecoderOptions].KeySets, or a set loaded or
	// fetched into a trust store.
	TrustKeySet Trust = "keySet"
	// TrustChain is the leaf key of the certificate chain the credential
	// carries (x5chain), validated to a trust anchor.
	TrustChain Trust = "chain"
	// TrustCertificate is the key of a pinned certificate that the
	// credential's x5t header selects.
	TrustCertificate Trust = "certificate"
	// TrustDiscovered is a key found by issuer discovery for an
	// allow-listed issuer (trust.Store.AddIssuer): a verification method of
	// the issuer's DID, or a key of the JWK Set its metadata names.
	TrustDiscovered Trust = "discovered"
)

// Candidate is a verification key with the way it is trusted. A
// [KeyResolver] may return Candidate (or *Candidate) values among its keys
// so that [Result].Trust names the way; a bare key counts as [TrustKey].
// Candidate is not a key type of its own: only resolvers return it.
type Candidate struct {
	Public crypto.PublicKey
	Trust  Trust
}

// Result is a decoded credential. A failed verification yields a Result
// only from [Decoder.DecodeUnverified], marked [Failed]. Its JSON form, as the claim169 command prints it, is
// record.FromResult's (package claim169/record).
type Result struct {
	Identity     *Identity
	Claims       *cwt.Claims
	Verification Verification
	// Trust is the way the verifying key is trusted; empty unless Verified.
	Trust Trust
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
