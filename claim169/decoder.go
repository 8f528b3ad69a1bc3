package claim169

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
)

// DefaultMaxTextLength is the default bound on the QR text a Decoder
// accepts: about twice what a version-40 QR code holds in alphanumeric mode
// (4296 characters), to leave room for prefixes.
const DefaultMaxTextLength = 8192

// DefaultMaxDecompressedSize is the default bound on the inflated payload
// of a credential: 16 KiB. A version-40 QR code carries at most 2953 bytes
// (2864 of zlib in Base45 text), and a genuine credential, whose photo does
// not compress, inflates to a few kilobytes. Everything after inflating
// costs in proportion to the payload (the signature's hash, the copies,
// and above all the JSON form, in which a text of characters JSON escapes
// grows sixfold), so the bound keeps any credential within a few normal
// decodes; 64 KiB, the bound of the bounded zlib reader, cost up to 80.
const DefaultMaxDecompressedSize = 16 << 10

// KeyQuery describes the credential a verification key is wanted for. Its
// fields are read from the credential before its signature is checked: use
// them to choose keys, never as proof of anything.
type KeyQuery struct {
	KeyID     []byte         // kid, protected header first, else unprotected
	Algorithm cose.Algorithm // alg from the protected header
	Issuer    string         // CWT iss
	// Certificates holds the DER certificates of the x5chain header (leaf
	// first), and Bag those of x5bag; both empty when absent.
	Certificates [][]byte
	Bag          [][]byte
	// Sign1 is the parsed message, for resolvers that need other headers.
	Sign1 *cose.Sign1
	// Now is the decoder's clock reading for this decode.
	Now time.Time
}

// KeyResolver returns the candidate verification keys for a credential,
// tried in turn. Returning no keys and a nil error means that no key is
// known for the credential; a returned error (for example an untrusted
// certificate chain) refuses it. Either way decoding fails with
// ErrVerification. ctx is the context of [Decoder.DecodeContext]: a resolver
// that looks keys up elsewhere should honour its cancellation and deadline.
type KeyResolver func(ctx context.Context, q KeyQuery) ([]crypto.PublicKey, error)

// StatusCheck decides whether a verified credential is still in good
// standing (a revocation or deny list); a non-nil error refuses it with
// [ErrRevoked]. ctx is the context of [Decoder.DecodeContext].
type StatusCheck func(ctx context.Context, s Status) error

// Status identifies a verified credential for the decoder's status check
// (a revocation or deny list).
type Status struct {
	CWTID    []byte // CWT cti, if any
	ID       string // Claim 169 key 1, if any
	Issuer   string // CWT iss
	KeyID    []byte // kid of the signature
	Claims   *cwt.Claims
	Identity *Identity
}

// DecoderOptions configures a Decoder. The zero value is safe: it verifies
// signatures (and so refuses everything until a key is configured), applies
// the time checks with the system clock and no skew, and uses the default
// limits.
type DecoderOptions struct {
	// Keys are static verification keys: ed25519.PublicKey, *ecdsa.PublicKey
	// or *rsa.PublicKey values, or keys.Key (or *keys.Key) values as the
	// cose/keys package parses them. A key without a key ID is tried for
	// every credential; a keys.Key with a KeyID only for credentials with
	// that kid (or without a kid, with KidlessTriesAllKeys), and one with an
	// Algorithm only for that algorithm. NewDecoder refuses a private key,
	// an unsupported key type or a weak key, naming which.
	Keys []crypto.PublicKey
	// KeySets are key sets (a JWK Set, say): their keys are chosen by the
	// credential's kid (exact matches first, then keys without a kid) and
	// the algorithm the key allows, as [keys.Select] chooses. A credential
	// without a kid is tried against the keys without a kid only, unless
	// KidlessTriesAllKeys is set. Certificates that come with a key (a JWK
	// "x5c") are not checked here: a key set given to the decoder is trusted
	// as it is (the trust package's Store checks them).
	KeySets []*keys.Set
	// KidlessTriesAllKeys makes a credential without a kid a candidate for
	// the keys of Keys and KeySets that have one ([keys.SelectAll]). Without
	// it, a credential without a kid is tried only against keys without a
	// kid, so that a forged one costs no more than a forged one with a kid.
	KidlessTriesAllKeys bool
	// Resolver, if set, supplies further candidate keys per credential
	// (by kid, algorithm, issuer or certificate chain).
	Resolver KeyResolver
	// Understood, if set, returns the header parameters beyond alg, crit,
	// content type and kid that the Resolver processes for the credential q
	// (x5chain and x5bag when it validates certificate chains, x5t when it
	// selects certificates by thumbprint), which the credential's crit header
	// may then name. A crit header naming any other parameter refuses the
	// credential (RFC 9052 §3.1) before any key is looked up: without
	// Understood, a crit naming x5chain, x5bag, x5t or x5u is refused. The
	// trust package's Store.Understood is one, to set with its Resolver.
	Understood func(q KeyQuery) []cose.HeaderLabel
	// DecryptionKeys decrypt a COSE_Encrypt0 around the signed message: the
	// keys of the message's algorithm are tried in turn. A key held by a
	// device can implement cose.AEAD.
	DecryptionKeys []cose.AEAD
	// Now is the clock for exp, nbf and iat checks; nil means time.Now.
	Now func() time.Time
	// Skew is the tolerance applied to exp, nbf and iat; it must not be
	// negative.
	Skew time.Duration
	// MaxTextLength bounds the QR text; 0 means DefaultMaxTextLength.
	MaxTextLength int
	// MaxDecompressedSize bounds the inflated payload; 0 means
	// DefaultMaxDecompressedSize (16 KiB).
	MaxDecompressedSize int
	// StatusCheck, if set, is called after a successful verification and
	// time check; a non-nil error refuses the credential with ErrRevoked.
	StatusCheck StatusCheck
}

// Decoder turns QR text back into an identity. Build it with NewDecoder; it
// is immutable and safe for concurrent use.
type Decoder struct {
	keys        []keys.Key
	sets        []*keys.Set
	kidlessAll  bool
	resolver    KeyResolver
	understood  func(KeyQuery) []cose.HeaderLabel
	decryption  []cose.AEAD
	now         func() time.Time
	skew        time.Duration
	maxText     int
	maxInflated int
	status      StatusCheck
}

// NewDecoder validates opts and returns a Decoder. Static keys must be of a
// supported type and not weak.
func NewDecoder(opts DecoderOptions) (*Decoder, error) {
	if opts.Skew < 0 {
		return nil, errors.New("claim169: negative clock skew")
	}
	if opts.MaxTextLength < 0 || opts.MaxDecompressedSize < 0 {
		return nil, errors.New("claim169: negative limit")
	}
	static := make([]keys.Key, len(opts.Keys))
	for i, k := range opts.Keys {
		var err error
		if static[i], err = verificationKey(k); err != nil {
			return nil, fmt.Errorf("claim169: verification key %d: %w", i, err)
		}
	}
	for i, set := range opts.KeySets {
		if set == nil {
			return nil, fmt.Errorf("claim169: key set %d is nil", i)
		}
	}
	for i, k := range opts.DecryptionKeys {
		if k == nil || !k.Algorithm().IsAEAD() {
			return nil, fmt.Errorf("claim169: decryption key %d: %w", i, cose.ErrUnsupportedAlgorithm)
		}
	}
	d := &Decoder{
		keys:        static,
		sets:        slices.Clone(opts.KeySets),
		kidlessAll:  opts.KidlessTriesAllKeys,
		resolver:    opts.Resolver,
		understood:  opts.Understood,
		decryption:  append([]cose.AEAD(nil), opts.DecryptionKeys...),
		now:         opts.Now,
		skew:        opts.Skew,
		maxText:     opts.MaxTextLength,
		maxInflated: opts.MaxDecompressedSize,
		status:      opts.StatusCheck,
	}
	if d.now == nil {
		d.now = time.Now
	}
	if d.maxText == 0 {
		d.maxText = DefaultMaxTextLength
	}
	if d.maxInflated == 0 {
		d.maxInflated = DefaultMaxDecompressedSize
	}
	return d, nil
}

// mode selects what a decode checks.
type mode int

const (
	modeVerify     mode = iota // signature, time, status
	modeUnverified             // time only
	modeInspect                // nothing
)

// Decode decodes and verifies a credential: Base45, zlib, an optional CWT
// tag 61, an optional COSE_Encrypt0 (decrypted with DecryptionKeys), the
// COSE_Sign1 (verified with Keys, KeySets or the Resolver), the CWT claims
// (exp and nbf checked against the clock), the status check, and the Claim
// 169 identity. Any failure returns a nil Result and an *Error. It is
// DecodeContext with a background context.
func (d *Decoder) Decode(text string) (*Result, error) {
	return d.decode(context.Background(), text, modeVerify)
}

// DecodeContext is Decode with a context, which the KeyResolver and the
// StatusCheck receive: cancelling ctx or passing its deadline abandons an
// online lookup they make. A context already done refuses the credential
// before its signature is checked.
func (d *Decoder) DecodeContext(ctx context.Context, text string) (*Result, error) {
	return d.decode(ctx, text, modeVerify)
}

// DecodeUnverified decodes a credential WITHOUT checking its signature; the
// time checks still apply. It also accepts an unsigned CWT inside a
// COSE_Encrypt0. The Result says Verification == Skipped. Use it only where
// authenticity does not matter, such as tests and tools.
func (d *Decoder) DecodeUnverified(text string) (*Result, error) {
	return d.decode(context.Background(), text, modeUnverified)
}

// Inspect decodes a credential for debugging: no signature check, no time
// checks (so expired credentials show), and never Verified.
func (d *Decoder) Inspect(text string) (*Result, error) {
	return d.decode(context.Background(), text, modeInspect)
}

func (d *Decoder) decode(ctx context.Context, text string, m mode) (*Result, error) {
	if len(text) > d.maxText {
		return nil, stageErr(StageInput, ErrTooLarge, fmt.Errorf("text of %d characters exceeds the limit of %d", len(text), d.maxText))
	}
	raw, err := base45.DecodeString(text)
	if err != nil {
		return nil, stageErr(StageBase45, ErrMalformed, err)
	}
	data, err := compress.Inflate(raw, d.maxInflated)
	if err != nil {
		if errors.Is(err, compress.ErrTooLarge) {
			return nil, stageErr(StageDecompress, ErrTooLarge, err)
		}
		return nil, stageErr(StageDecompress, ErrMalformed, err)
	}
	res := &Result{Verification: Skipped}
	payload, err := d.openMessage(data, res, m)
	if err != nil {
		return nil, err
	}
	claims, warnings, err := cwt.Parse(payload)
	if err != nil {
		return nil, stageErr(StageCWT, ErrMalformed, err)
	}
	res.Claims = claims
	res.Warnings = append(res.Warnings, warnings...)
	now := d.now()
	if m == modeVerify {
		if err := d.verify(ctx, res.Sign1, claims, now); err != nil {
			return nil, err
		}
		res.Verification = Verified
	}
	if m != modeInspect {
		w, err := claims.Validate(now, d.skew)
		if err != nil {
			kind := ErrExpired
			if errors.Is(err, cwt.ErrNotYetValid) {
				kind = ErrNotYetValid
			}
			return nil, stageErr(StageValidity, kind, err)
		}
		res.Warnings = append(res.Warnings, w...)
	}
	if err := d.parseIdentity(claims, res); err != nil {
		return nil, err
	}
	if m == modeVerify && d.status != nil {
		if err := d.status(ctx, d.statusOf(res)); err != nil {
			return nil, stageErr(StageStatus, ErrRevoked, err)
		}
	}
	return res, nil
}

func (d *Decoder) statusOf(res *Result) Status {
	return Status{
		CWTID:    res.Claims.ID,
		ID:       res.Identity.ID,
		Issuer:   res.Claims.Issuer,
		KeyID:    res.KeyID,
		Claims:   res.Claims,
		Identity: res.Identity,
	}
}
