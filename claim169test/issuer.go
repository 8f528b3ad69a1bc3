package claim169test

import (
	"crypto"
	"fmt"
	"slices"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// now is the issuer's clock, 2026-01-01T00:00:00Z.
var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Now returns the kit's fixed clock, 2026-01-01T00:00:00Z: the issuing time
// of the credentials an Issuer issues with the default claims, and the
// clock to verify them with (claim169.DecoderOptions.Now = Now).
func Now() time.Time { return now }

// Claims returns the claims an Issuer issues with when given none: issuer
// "https://issuer.example", issued at Now, valid for ten years from Now.
// Every call returns a new value.
func Claims() *cwt.Claims {
	iat, exp := cwt.NumericDate(now.Unix()), cwt.NumericDate(now.AddDate(10, 0, 0).Unix())
	return &cwt.Claims{Issuer: "https://issuer.example", IssuedAt: &iat, ExpiresAt: &exp}
}

// IssuerOptions configures an Issuer. The zero value issues EdDSA
// credentials without a kid.
type IssuerOptions struct {
	// Algorithm is the signature algorithm, one of [Algorithms]; 0 means
	// EdDSA.
	Algorithm cose.Algorithm
	// KeyID is written as the kid header: protected by default,
	// unprotected when KeyIDUnprotected is set.
	KeyID            []byte
	KeyIDUnprotected bool
	// CWTTag wraps the COSE message in the CWT tag 61; Untagged omits the
	// COSE tag 18.
	CWTTag   bool
	Untagged bool
}

// Issuer issues credentials for tests, signed with the kit's test key of
// its algorithm: the same identity and claims give the same QR text, byte
// for byte, on every call and every run. It is safe for concurrent use.
type Issuer struct {
	opts IssuerOptions
	enc  *claim169.Encoder
}

// NewIssuer returns an Issuer. An algorithm without a test key is refused.
func NewIssuer(opts IssuerOptions) (*Issuer, error) {
	if opts.Algorithm == 0 {
		opts.Algorithm = cose.EdDSA
	}
	enc, err := opts.encoder(false)
	if err != nil {
		return nil, err
	}
	return &Issuer{opts: opts, enc: enc}, nil
}

// encoder returns an encoder of these options with the test key, or with
// the other test key of the algorithm.
func (o IssuerOptions) encoder(other bool) (*claim169.Encoder, error) {
	if !slices.Contains(algorithms, o.Algorithm) {
		return nil, fmt.Errorf("claim169test: no test key for %v", o.Algorithm)
	}
	signer := Signer(o.Algorithm)
	if other {
		signer = otherSigner(o.Algorithm)
	}
	return claim169.NewEncoder(claim169.EncoderOptions{
		Signer: signer, Algorithm: o.Algorithm, KeyID: o.KeyID, KeyIDUnprotected: o.KeyIDUnprotected,
		CWTTag: o.CWTTag, Untagged: o.Untagged, Rand: Rand(),
	})
}

// Issue signs id with claims (Claims() when nil) and returns the
// credential, its QR text and the output of every stage.
func (is *Issuer) Issue(id *claim169.Identity, claims *cwt.Claims) (*claim169.Encoded, error) {
	if claims == nil {
		claims = Claims()
	}
	return is.enc.Encode(id, claims)
}

// Algorithm returns the issuer's signature algorithm.
func (is *Issuer) Algorithm() cose.Algorithm { return is.opts.Algorithm }

// PublicKey returns the key that verifies the issuer's credentials.
func (is *Issuer) PublicKey() crypto.PublicKey { return Signer(is.opts.Algorithm).Public() }

// DecoderOptions returns the options of a claim169.Decoder that verifies
// the issuer's credentials: its public key and the clock Now.
func (is *Issuer) DecoderOptions() claim169.DecoderOptions {
	return claim169.DecoderOptions{Keys: []crypto.PublicKey{is.PublicKey()}, Now: Now}
}
