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
	// ErrNoKeyID reports a credential without a kid whose issuer has only
	// keys with a kid, which are not tried for it unless
	// [Options].KidlessTriesAllKeys is set. It matches [ErrUnknownKeyID].
	ErrNoKeyID = fmt.Errorf("trust: the credential has no kid and every key of its issuer has one: %w", ErrUnknownKeyID)
	// ErrUnknownCertificate reports a credential whose protected x5t header
	// is the thumbprint of none of the certificates the store has for its
	// issuer.
	ErrUnknownCertificate = fmt.Errorf("trust: no trusted certificate has the x5t thumbprint: %w", claim169.ErrUnknownKey)
	// ErrAlgorithmNotAllowed reports a credential whose kid (or, without a
	// kid, whose issuer) names only keys that cannot verify its algorithm:
	// another key type or curve, or a key restricted to another alg.
	ErrAlgorithmNotAllowed = fmt.Errorf("trust: no key for the algorithm: %w", claim169.ErrUnknownKey)
)

// ErrTooManyCandidates reports a credential whose kid (or lack of one)
// selects more keys than [Options].MaxCandidates: it is refused rather than
// tried against each. It matches [claim169.ErrTooManyCandidates], as the
// decoder's own bound on its key sets does, and not
// [claim169.ErrUnknownKey].
var ErrTooManyCandidates = fmt.Errorf("trust: %w", claim169.ErrTooManyCandidates)

// ErrUntrustedChain reports a certificate chain (x5chain, or a certificate
// selected by x5t) that the store refuses. Every such error is a
// *[ChainError].
var ErrUntrustedChain = errors.New("trust: untrusted certificate chain")

// Errors of fetching key sets.
var (
	// ErrFetch reports a key set (or, for a [Discoverer], a document) that
	// could not be fetched: a network error or timeout, a refused redirect,
	// an HTTP status other than 200, a body over [MaxResponseSize]; for a
	// [Fetcher], also a body that is not a key set or holds no usable key.
	ErrFetch = errors.New("trust: fetching failed")
	// ErrResponseTooLarge reports a response (a key set, a DID document,
	// issuer metadata) over [MaxResponseSize] bytes. It comes wrapped with
	// [ErrFetch].
	ErrResponseTooLarge = fmt.Errorf("trust: response over %d bytes", MaxResponseSize)
	// ErrStale reports a fetched key set that could not be refreshed before
	// its MaxStale bound: the store no longer serves it.
	ErrStale = errors.New("trust: the cached key set is past its staleness bound")
	// ErrRedirect reports a redirect the fetch policy refuses: to a URL that
	// is not https (unless [FetcherOptions].AllowHTTP), or more than
	// [MaxRedirects]. It comes wrapped with [ErrFetch].
	ErrRedirect = errors.New("trust: redirect refused")
	// ErrContentType reports a discovery response whose Content-Type is not
	// JSON (application/json or application/*+json). It comes wrapped with
	// [ErrFetch].
	ErrContentType = errors.New("trust: the response is not JSON")
	// ErrPrivateAddress reports a discovery fetch to a loopback, private,
	// link-local or otherwise non-public address, refused unless
	// [DiscoveryOptions].AllowPrivateAddresses. It comes wrapped with
	// [ErrFetch].
	ErrPrivateAddress = errors.New("trust: the address is not a public one")
)

// Errors of issuer discovery ([Discoverer], [Store.AddIssuer]). A failed
// discovery wraps [ErrDiscovery] and the reason: one of these, or a fetch
// error wrapping [ErrFetch].
var (
	// ErrDiscovery reports that the keys of an issuer could not be
	// discovered.
	ErrDiscovery = errors.New("trust: discovering the issuer's keys failed")
	// ErrNotAllowed reports an issuer that is not on the discovery
	// allow-list ([DiscoveryOptions].Issuers): its keys are never looked
	// up.
	ErrNotAllowed = errors.New("trust: the issuer is not on the discovery allow-list")
	// ErrUnsupportedIssuer reports an issuer whose keys cannot be
	// discovered: not a did:key, did:jwk or did:web DID nor an https URL,
	// or one of them that is malformed (a did:key of an unsupported key
	// type, a did:web with a bad host, an https URL with a query).
	ErrUnsupportedIssuer = errors.New("trust: the issuer is not a DID or URL whose keys can be discovered")
	// ErrBadDocument reports a fetched DID document, issuer metadata or key
	// set that is not what the issuer's identifier calls for: invalid JSON,
	// a DID document for another DID, issuer metadata of another issuer, or
	// no usable key.
	ErrBadDocument = errors.New("trust: the issuer's document is not valid")
	// ErrKeyIDOtherDID reports a credential of a discovered DID issuer whose
	// kid is a DID URL of another DID: a key of one DID never speaks for
	// another.
	ErrKeyIDOtherDID = errors.New("trust: the kid is a DID URL of another DID than the issuer")
)

// ChainReason classifies why a certificate chain was refused.
type ChainReason int

// Reasons a certificate chain is refused.
const (
	// ChainMalformed: a certificate does not parse, or there are more than
	// [cose.MaxX509Certificates] in x5chain or in x5bag (or none in
	// x5chain).
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
	// ChainExtKeyUsage: the chain's extended key usages do not allow
	// signing credentials ([Options].ExtKeyUsages): a TLS server
	// certificate, say.
	ChainExtKeyUsage
	// ChainInvalid: any other refusal by crypto/x509 (a CA that may not
	// sign certificates, a path length or name constraint, an unhandled
	// critical extension, an unsupported signature algorithm), or a key
	// whose "x5c" certificate certifies another key.
	ChainInvalid
	// ChainTooLarge: more certificates in x5chain and x5bag (or a key's
	// "x5c") than [Options].MaxChainCertificates, or look-alike
	// certificates that would need more signature checks than that.
	ChainTooLarge
	// ChainUnsupportedKey: a certificate's key is of a type or size this
	// SDK does not verify (RSA over [Options].MaxRSABits or under
	// [cose.MinRSABits], a curve other than P-256, P-384 and P-521, DSA,
	// X25519). It is refused before crypto/x509 sees the chain.
	ChainUnsupportedKey
	// ChainWrongIssuer: the chain leads to an anchor that is not trusted
	// for the credential's issuer ([Store.AddAnchorsFor]).
	ChainWrongIssuer
)

var chainReasons = map[ChainReason]string{
	ChainMalformed:        "malformed certificate",
	ChainUnknownAuthority: "does not lead to a trust anchor",
	ChainExpired:          "certificate expired",
	ChainNotYetValid:      "certificate not yet valid",
	ChainKeyUsage:         "leaf key usage does not allow digital signatures",
	ChainExtKeyUsage:      "extended key usage not allowed",
	ChainInvalid:          "invalid certificate chain",
	ChainTooLarge:         "too many certificates",
	ChainUnsupportedKey:   "certificate key of an unsupported type or size",
	ChainWrongIssuer:      "the anchor is not trusted for the issuer",
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
