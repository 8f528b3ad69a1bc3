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
)

// DefaultMaxTextLength is the default bound on the QR text a Decoder
// accepts: about twice what a version-40 QR code holds in alphanumeric mode
// (4296 characters), to leave room for prefixes.
const DefaultMaxTextLength = 8192

// DefaultMaxDecompressedSize is the default bound on the inflated payload
// of a credential: 8 KiB. A version-40 QR code carries at most 2953 bytes
// (2864 of zlib in Base45 text), and a genuine credential, whose photo does
// not compress, inflates to a few kilobytes. Everything after inflating
// costs in proportion to the payload (the signature's hash, the copies,
// and above all the JSON form, in which a text of characters JSON escapes
// grows sixfold), so the bound keeps any credential within a few normal
// decodes; 64 KiB, the bound of the bounded zlib reader, cost up to 80,
// and 16 KiB up to 17 to inspect and print. The bound refuses only a
// credential whose content compresses more than 2.8 times in a full
// version-40 code; raise MaxDecompressedSize for such an issuer.
const DefaultMaxDecompressedSize = 8 << 10

// DefaultMaxCandidates is the default bound on the keys chosen for one
// credential from DecoderOptions.KeySets and from the keys.Key values of
// DecoderOptions.Keys that have a kid: 8, as the trust package's Store
// bounds its own (trust.DefaultMaxCandidates). A genuine credential selects
// one key by its kid; each candidate costs a signature check.
const DefaultMaxCandidates = 8

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
// A key may be returned as a [Candidate] that says how it is trusted, which
// [Result].Trust then reports.
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
	// With it, MaxCandidates bounds the keys tried.
	KidlessTriesAllKeys bool
	// MaxCandidates bounds the keys chosen for one credential from KeySets
	// and from the keys.Key values of Keys that have a kid, counted by kid
	// before their algorithm is checked; 0 means DefaultMaxCandidates (8).
	// A credential that selects more (a set of many keys without a kid, or
	// a credential without a kid with KidlessTriesAllKeys) is refused with
	// [ErrTooManyCandidates], which matches ErrVerification and not
	// ErrUnknownKey (keys are known, too many of them fit), before any of
	// them is tried: each would cost a signature check, 256 of them 200
	// normal decodes. Keys without a kid listed in Keys are tried for every
	// credential, first, and not counted; nor are the Resolver's keys,
	// which it bounds itself (the trust package's Store by its own
	// MaxCandidates, with the same error).
	MaxCandidates int
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
	// MaxDecompressedSize bounds the decompressed payload, zlib or Brotli;
	// 0 means DefaultMaxDecompressedSize (8 KiB).
	MaxDecompressedSize int
	// ZlibOnly refuses credentials compressed with anything but zlib, as
	// verifiers of specification 1.2.0 and earlier did: a credential that
	// does not start with the zlib magic number is refused with ErrNotZlib
	// (matching ErrMalformed) before it is decompressed. By default Brotli is
	// read too, as specification 1.2.2 requires.
	ZlibOnly bool
	// AllowUncompressed reads a COSE message that is not compressed at all,
	// which no version of the specification allows but some producers write
	// (idpass/claim-169 reads one). Such a message is recognised only when
	// its bytes are not zlib, do not decode as Brotli, and start like a COSE
	// message (the CWT tag 61, the COSE tags 18 or 16, or an array of four
	// or three items); the Result says CompressionNone, with a warning.
	// Without it, such a message is refused with ErrUncompressed (matching
	// ErrMalformed).
	AllowUncompressed bool
	// WarnExpiring, if positive, adds a warning to the Result of a
	// credential whose expiry (CWT exp) is less than this far from the
	// decoder's clock, so that a verifier can ask for a new card in time.
	// It must not be negative.
	WarnExpiring time.Duration
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
	maxCands    int
	resolver    KeyResolver
	understood  func(KeyQuery) []cose.HeaderLabel
	decryption  []cose.AEAD
	now         func() time.Time
	skew        time.Duration
	maxText     int
	maxInflated int
	status      StatusCheck

	zlibOnly          bool
	allowUncompressed bool
	warnExpiring      time.Duration
}

// NewDecoder validates opts and returns a Decoder. Static keys must be of a
// supported type and not weak.
func NewDecoder(opts DecoderOptions) (*Decoder, error) {
	if opts.Skew < 0 {
		return nil, errors.New("claim169: negative clock skew")
	}
	if opts.WarnExpiring < 0 {
		return nil, errors.New("claim169: negative expiry warning window")
	}
	if opts.MaxTextLength < 0 || opts.MaxDecompressedSize < 0 || opts.MaxCandidates < 0 {
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
		maxCands:    opts.MaxCandidates,
		resolver:    opts.Resolver,
		understood:  opts.Understood,
		decryption:  append([]cose.AEAD(nil), opts.DecryptionKeys...),
		now:         opts.Now,
		skew:        opts.Skew,
		maxText:     opts.MaxTextLength,
		maxInflated: opts.MaxDecompressedSize,
		status:      opts.StatusCheck,

		zlibOnly:          opts.ZlibOnly,
		allowUncompressed: opts.AllowUncompressed,
		warnExpiring:      opts.WarnExpiring,
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
	if d.maxCands == 0 {
		d.maxCands = DefaultMaxCandidates
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

// Decode decodes and verifies a credential: Base45, zlib or Brotli (told
// apart by the zlib magic number, as specification 1.2.2 says), an optional
// CWT tag 61, an optional COSE_Encrypt0 (decrypted with DecryptionKeys), the
// COSE_Sign1 (verified with Keys, KeySets or the Resolver), the CWT claims
// (exp and nbf checked against the clock), the status check, and the Claim
// 169 identity. Any failure returns a nil Result and an *Error. It is
// DecodeContext with a background context.
//
// text is the QR text exactly as scanned. Exactly one trailing newline, LF
// or CRLF, is removed, as a line read from a file or a terminal ends;
// nothing else is trimmed, since Base45 text contains spaces. Empty text is
// refused at StageInput ("empty input"); text refused at the Base45 or
// zlib stage names the usual damage when it sees one (a byte order mark,
// leading whitespace, quotes, a second newline, lower-case letters, a
// prefix such as "HC1:"), never quoting the text. DecodeUnverified and
// Inspect read text the same way.
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

// DecodeUnverified decodes a credential whatever its signature says; the
// time checks still apply, the status check is not made. It also accepts
// an unsigned CWT inside a COSE_Encrypt0. A decoder with keys (Keys,
// KeySets or a Resolver) tries them: the Result says Verified when one
// verifies the signature, and Failed otherwise, with the reason in a
// warning. Without keys it says Skipped. Use it only where authenticity
// does not matter, such as tests and tools, or to show a refused
// credential for what it is.
func (d *Decoder) DecodeUnverified(text string) (*Result, error) {
	return d.decode(context.Background(), text, modeUnverified)
}

// Inspect decodes a credential for debugging: no signature check, no time
// checks (so expired credentials show), and always Skipped.
func (d *Decoder) Inspect(text string) (*Result, error) {
	return d.decode(context.Background(), text, modeInspect)
}

func (d *Decoder) decode(ctx context.Context, text string, m mode) (*Result, error) {
	text = trimNewline(text)
	if len(text) > d.maxText {
		return nil, stageErr(StageInput, ErrTooLarge, fmt.Errorf("text of %d characters exceeds the limit of %d", len(text), d.maxText))
	}
	if text == "" {
		return nil, stageErr(StageInput, ErrMalformed, errEmpty)
	}
	raw, err := base45.DecodeString(text)
	if err != nil {
		return nil, stageErr(StageBase45, ErrMalformed, withHint(text, err))
	}
	res := &Result{Verification: Skipped}
	data, err := d.decompress(text, raw, res)
	if err != nil {
		return nil, err
	}
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
	if err := d.checkSignature(ctx, res, m, now); err != nil {
		return nil, err
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
		if w, ok := expiringWarning(claims, now, d.warnExpiring); ok {
			res.Warnings = append(res.Warnings, w)
		}
	}
	if err := d.parseIdentity(claims, res); err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, guidanceWarnings(res.Identity, claims)...)
	if m == modeVerify && d.status != nil {
		if err := d.status(ctx, d.statusOf(res)); err != nil {
			return nil, stageErr(StageStatus, ErrRevoked, err)
		}
	}
	return res, nil
}

// checkSignature sets res.Verification: Decode verifies or fails;
// DecodeUnverified tries the configured keys, if any, and says whether they
// verified the signature (the reason of a failure in a warning); Inspect
// checks nothing.
func (d *Decoder) checkSignature(ctx context.Context, res *Result, m mode, now time.Time) error {
	if m == modeInspect || (m == modeUnverified && !d.hasKeys()) {
		return nil // Skipped
	}
	trust, err := d.verify(ctx, res.Sign1, res.Claims, now)
	switch {
	case err == nil:
		res.Verification, res.Trust = Verified, trust
	case m == modeVerify:
		return err
	default:
		res.Verification = Failed
		res.Warnings = append(res.Warnings, "claim169: signature not verified: "+err.Error())
	}
	return nil
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
