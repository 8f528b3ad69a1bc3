package claim169

import (
	"errors"
	"strings"
)

// Sentinel errors for the decisions callers make. Every error the facade
// returns is an *[Error] that also matches exactly one of these with
// errors.Is. Messages never contain identity data, payload bytes or key
// material.
var (
	// ErrMalformed reports input that is not a well-formed credential at
	// some stage: Base45, zlib, COSE, CWT or the Claim 169 structure.
	ErrMalformed = errors.New("malformed input")
	// ErrTooLarge reports input or decompressed data above a limit.
	ErrTooLarge = errors.New("input exceeds a limit")
	// ErrVerification reports a missing or bad signature, an unknown key, an
	// algorithm mismatch, a refused critical header or an untrusted
	// certificate chain.
	ErrVerification = errors.New("verification failed")
	// ErrUnknownKey reports that no configured key matches the credential's
	// key ID or issuer. It also matches ErrVerification.
	ErrUnknownKey = errors.New("no key for this credential")
	// ErrTooManyCandidates reports a credential whose kid (or lack of one)
	// selects more keys than DecoderOptions.MaxCandidates (or a trust
	// Store's): it is refused rather than tried against each. It also
	// matches ErrVerification, not ErrUnknownKey.
	ErrTooManyCandidates = errors.New("the credential selects more candidate keys than allowed")
	// ErrExpired reports a credential past its expiry (CWT exp).
	ErrExpired = errors.New("credential expired")
	// ErrNotYetValid reports a credential before its not-before time (CWT
	// nbf).
	ErrNotYetValid = errors.New("credential not yet valid")
	// ErrDecryption reports a COSE_Encrypt0 that cannot be decrypted: a
	// wrong or missing key, or altered bytes.
	ErrDecryption = errors.New("decryption failed")
	// ErrRevoked reports a credential refused by the decoder's status check.
	ErrRevoked = errors.New("credential refused by the status check")
)

// Causes of ErrMalformed at StageDecompress that a caller may want to tell
// apart from corrupt data. Each comes inside an *Error whose Kind is
// ErrMalformed.
var (
	// ErrNotZlib reports a credential that is not compressed with zlib (it
	// does not start with the zlib magic number, so specification 1.2.2
	// reads it as Brotli), refused by DecoderOptions.ZlibOnly.
	ErrNotZlib = errors.New("the credential is not compressed with zlib, and only zlib is accepted")
	// ErrUncompressed reports an uncompressed COSE message, which no version
	// of the specification allows, refused unless
	// DecoderOptions.AllowUncompressed is set.
	ErrUncompressed = errors.New("the COSE message is not compressed (no zlib or Brotli); the specification requires compression")
)

// Stage names the step of the pipeline where an error occurred.
type Stage string

// Pipeline stages, in decoding order, then encoding-only stages.
const (
	StageInput      Stage = "input"      // the QR text itself (length, prefix)
	StageBase45     Stage = "base45"     // RFC 9285 decoding
	StageDecompress Stage = "decompress" // zlib (RFC 1950) or Brotli (RFC 7932)
	StageCOSE       Stage = "cose"       // COSE structure (Sign1, Encrypt0, tag 61)
	StageDecrypt    Stage = "decrypt"    // COSE_Encrypt0 decryption
	StageCWT        Stage = "cwt"        // CWT claims
	StageVerify     Stage = "verify"     // key resolution and signature
	StageValidity   Stage = "validity"   // exp and nbf against the clock
	StageStatus     Stage = "status"     // the caller's status check
	StageClaim169   Stage = "claim169"   // the identity map
	StageSign       Stage = "sign"       // building and signing the COSE_Sign1
	StageEncrypt    Stage = "encrypt"    // building the COSE_Encrypt0
	StageCompress   Stage = "compress"   // compressing the COSE message
	StageSizeLimit  Stage = "size"       // the encoder's QR size budget
)

// Error is the error the Encoder and Decoder return: the stage that failed,
// the sentinel that classifies the failure (one of ErrMalformed, ErrTooLarge,
// ErrVerification, ErrExpired, ErrNotYetValid, ErrDecryption, ErrRevoked, or
// nil for an encoding error), and the underlying cause. errors.Is matches the
// sentinel and anything the cause wraps; errors.As reaches the cause's types
// (for example *base45.CorruptInputError).
type Error struct {
	Stage Stage
	Kind  error
	Err   error
}

func (e *Error) Error() string {
	msg := string(e.Stage) + ": "
	if e.Err != nil {
		// Stage packages prefix their messages with their name, and this
		// package with "claim169: ": say each once.
		cause := strings.TrimPrefix(e.Err.Error(), msg)
		return msg + strings.TrimPrefix(cause, "claim169: ")
	}
	if e.Kind != nil {
		return msg + e.Kind.Error()
	}
	return msg + "failed"
}

// Unwrap returns the classifying sentinel and the cause.
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func stageErr(stage Stage, kind, err error) error {
	return &Error{Stage: stage, Kind: kind, Err: err}
}
