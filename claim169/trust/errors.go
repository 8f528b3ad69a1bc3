package trust

import (
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/idqr/claim169/claim169"
)

// Errors of key resolution. Each matches [claim169.ErrUnknownKey] with
// errors.Is, and says which part of the credential found no key. None holds
// the issuer, the kid or any other value read from the credential.
var (
	// ErrUnknownIssuer reports a credential whose issuer (CWT iss) has no
	// key in the store, and no key is stored for [AnyIssuer] either.
	ErrUnknownIssuer = fmt.Errorf("trust: unknown issuer: %w", claim169.ErrUnknownKey)
	// ErrUnknownKeyID reports a credential whose kid names none of the keys
	// stored for its issuer (and the issuer has no key without a kid).
	ErrUnknownKeyID = fmt.Errorf("trust: unknown key id: %w", claim169.ErrUnknownKey)
	// ErrAlgorithmNotAllowed reports a credential whose kid (or, without a
	// kid, whose issuer) names only keys that cannot verify its algorithm:
	// another key type or curve, or a key restricted to another alg.
	ErrAlgorithmNotAllowed = fmt.Errorf("trust: no key for the algorithm: %w", claim169.ErrUnknownKey)
)

// ErrUntrustedChain reports a certificate chain (x5chain, or a certificate
// selected by x5t) that the store refuses. Every such error is a
// *[ChainError].
var ErrUntrustedChain = errors.New("trust: untrusted certificate chain")

// Errors of fetching key sets.
var (
	// ErrFetch reports a key set that could not be fetched: a network error
	// or timeout, an HTTP status other than 200, a body over
	// [MaxResponseSize], a body that is not a key set or holds no usable key.
	ErrFetch = errors.New("trust: fetching the key set failed")
	// ErrResponseTooLarge reports a key set response over [MaxResponseSize]
	// bytes. It comes wrapped with [ErrFetch].
	ErrResponseTooLarge = fmt.Errorf("trust: key set response over %d bytes", MaxResponseSize)
	// ErrStale reports a fetched key set that could not be refreshed before
	// its MaxStale bound: the store no longer serves it.
	ErrStale = errors.New("trust: the cached key set is past its staleness bound")
)

// ChainReason classifies why a certificate chain was refused.
type ChainReason int

// Reasons a certificate chain is refused.
const (
	// ChainMalformed: a certificate does not parse, or there are more than
	// [cose.MaxX509Certificates] in x5chain or in x5bag.
	ChainMalformed ChainReason = iota + 1
	// ChainUnknownAuthority: the chain does not lead to a trust anchor (an
	// unknown root, or a missing intermediate).
	ChainUnknownAuthority
	// ChainExpired: a certificate of the chain is past its NotAfter at the
	// verification time.
	ChainExpired
	// ChainNotYetValid: a certificate of the chain is before its NotBefore
	// at the verification time.
	ChainNotYetValid
	// ChainKeyUsage: the leaf has a KeyUsage extension without
	// digitalSignature.
	ChainKeyUsage
	// ChainExtKeyUsage: the chain does not allow the extended key usages the
	// store requires ([Options.ExtKeyUsages]).
	ChainExtKeyUsage
	// ChainInvalid: any other refusal by crypto/x509 (a CA that may not
	// sign certificates, a path length or name constraint, an unhandled
	// critical extension, an unsupported signature algorithm).
	ChainInvalid
)

var chainReasons = map[ChainReason]string{
	ChainMalformed:        "malformed certificate",
	ChainUnknownAuthority: "does not lead to a trust anchor",
	ChainExpired:          "certificate expired",
	ChainNotYetValid:      "certificate not yet valid",
	ChainKeyUsage:         "leaf key usage does not allow digital signatures",
	ChainExtKeyUsage:      "extended key usage not allowed",
	ChainInvalid:          "invalid certificate chain",
}

// String describes r in a few words.
func (r ChainReason) String() string {
	if s, ok := chainReasons[r]; ok {
		return s
	}
	return "unknown reason"
}

// ChainError is the error for a refused certificate chain. It matches
// [ErrUntrustedChain] with errors.Is, and unwraps to the crypto/x509 error
// behind it, if any (an x509.UnknownAuthorityError or
// x509.CertificateInvalidError, reachable with errors.As). Its message holds
// only the Reason, never certificate contents.
type ChainError struct {
	Reason ChainReason
	Err    error // the crypto/x509 error, or nil
}

func (e *ChainError) Error() string {
	return ErrUntrustedChain.Error() + ": " + e.Reason.String()
}

// Unwrap returns [ErrUntrustedChain] and the crypto/x509 error.
func (e *ChainError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUntrustedChain}
	}
	return []error{ErrUntrustedChain, e.Err}
}

// chainError classifies err, returned by x509.Certificate.Verify at time
// now.
func chainError(err error, now time.Time) *ChainError {
	var unknown x509.UnknownAuthorityError
	if errors.As(err, &unknown) {
		return &ChainError{Reason: ChainUnknownAuthority, Err: err}
	}
	var invalid x509.CertificateInvalidError
	if errors.As(err, &invalid) {
		switch invalid.Reason {
		case x509.Expired:
			if invalid.Cert != nil && now.Before(invalid.Cert.NotBefore) {
				return &ChainError{Reason: ChainNotYetValid, Err: err}
			}
			return &ChainError{Reason: ChainExpired, Err: err}
		case x509.IncompatibleUsage:
			return &ChainError{Reason: ChainExtKeyUsage, Err: err}
		}
	}
	return &ChainError{Reason: ChainInvalid, Err: err}
}
