package claim169

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
)

// EncoderOptions configures an Encoder. Signer is required; the zero value
// of every other field is the safe default.
type EncoderOptions struct {
	// Signer signs the COSE_Sign1: an Ed25519, ECDSA or RSA private key, or
	// any crypto.Signer backed by an HSM or a KMS. A Signer that also
	// implements [cose.ContextSigner] receives the context of
	// [Encoder.EncodeContext].
	Signer crypto.Signer
	// Algorithm is the signature algorithm; 0 derives it from the key
	// (Ed25519 → EdDSA, P-256/384/521 → ES256/384/512, RSA → PS256).
	Algorithm cose.Algorithm
	// AllowRS256 permits Algorithm RS256, which is refused by default.
	AllowRS256 bool
	// KeyID is written as the kid header: protected (signed) by default,
	// unprotected when KeyIDUnprotected is set, as MOSIP's key manager does.
	KeyID            []byte
	KeyIDUnprotected bool
	// CertificateChain is written as the x5chain header (protected), DER
	// certificates leaf first. The leaf's key must be Signer's.
	CertificateChain [][]byte
	// CWTTag wraps the outermost COSE message in the CWT tag 61.
	CWTTag bool
	// Untagged omits the COSE tags 18 and 16.
	Untagged bool
	// Compress, if set, compresses the COSE message instead of zlib (the
	// default, which every verifier reads): brotli.Compress of package
	// claim169/brotli writes Brotli (specification 1.2.2; often a few bytes
	// shorter, but verifiers of specification 1.2.0 and earlier cannot read
	// it). Its output must be zlib or Brotli that decompresses to the
	// message, which the encoder checks; anything else is refused.
	Compress func(msg []byte) []byte
	// Encryption, if set, encrypts the signed message in a COSE_Encrypt0
	// (sign, then encrypt). EncryptionKeyID is its kid, if any.
	Encryption      cose.AEAD
	EncryptionKeyID []byte
	// Rand is the source of randomness for signatures and IVs; nil means
	// crypto/rand.
	Rand io.Reader
	// Budget bounds the QR code a credential may need; a credential that
	// does not fit is refused with a *SizeError. The zero value sets no
	// bound.
	Budget Budget
	// Now is the clock the encoder compares the CWT expiry with, to warn
	// about a credential that is already expired; nil means time.Now.
	Now func() time.Time
}

// Encoder turns identities into signed QR text. Build it with NewEncoder; it
// is immutable and safe for concurrent use (as long as its Signer is).
type Encoder struct {
	opts EncoderOptions
	sign cose.SignOptions
}

// NewEncoder validates opts and returns an Encoder.
func NewEncoder(opts EncoderOptions) (*Encoder, error) {
	if opts.Signer == nil {
		return nil, errors.New("claim169: encoder needs a signer")
	}
	alg := opts.Algorithm
	if alg == 0 {
		var err error
		if alg, err = cose.AlgorithmForKey(opts.Signer.Public()); err != nil {
			return nil, fmt.Errorf("claim169: signing key: %w", err)
		}
	}
	if alg == cose.RS256 && !opts.AllowRS256 {
		return nil, fmt.Errorf("claim169: %w: RS256 signing must be allowed explicitly", cose.ErrUnsupportedAlgorithm)
	}
	if err := cose.CheckKey(alg, opts.Signer.Public()); err != nil {
		return nil, fmt.Errorf("claim169: signing key: %w", err)
	}
	if err := checkLeaf(opts.CertificateChain, opts.Signer.Public()); err != nil {
		return nil, err
	}
	if opts.Encryption != nil && !opts.Encryption.Algorithm().IsAEAD() {
		return nil, fmt.Errorf("claim169: encryption key: %w", cose.ErrUnsupportedAlgorithm)
	}
	if err := opts.Budget.validate(); err != nil {
		return nil, err
	}
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.Algorithm = alg
	e := &Encoder{opts: opts}
	e.sign = cose.SignOptions{
		Algorithm:        alg,
		KeyID:            clone(opts.KeyID),
		KeyIDUnprotected: opts.KeyIDUnprotected,
		X5Chain:          cloneAll(opts.CertificateChain),
		Untagged:         opts.Untagged,
		AllowRS256:       opts.AllowRS256,
	}
	return e, nil
}

// Stages holds the output of every stage of one encoding, for golden tests,
// debugging and tampering in negative tests.
type Stages struct {
	Claim169   []byte // the identity map (CBOR)
	CWT        []byte // the CWT claims map (CBOR), the COSE payload
	COSE       []byte // the outermost COSE message, with tag 61 if requested
	Compressed []byte // the COSE message compressed (zlib or Brotli), which Text encodes
}

// Encoded is the outcome of one encoding: the QR text, the warnings about
// what was encoded, and the output of every stage.
type Encoded struct {
	// Text is the QR text: the Base45 encoding of Stages.Compressed.
	Text string
	// Warnings name what the encoder accepted but a verifier may question:
	// a dateOfBirth in neither form the specification shows (YYYYMMDD,
	// YYYY-MM-DD), an expiry (CWT exp) already past by EncoderOptions.Now,
	// no expiry at all, the photo fields (keys 16 and 17) that
	// specification 1.2.1 deprecates in favour of face (key 62), an iss that
	// is not an absolute URI. They never contain identity data.
	Warnings []string
	// Stages holds the output of every stage; Text is the last.
	Stages Stages
}

// Encode signs identity id with the CWT claims (which may be nil) and
// returns the QR text with the warnings and stages of the encoding. It is
// EncodeContext with a background context.
func (e *Encoder) Encode(id *Identity, claims *cwt.Claims) (*Encoded, error) {
	return e.EncodeContext(context.Background(), id, claims)
}

// EncodeContext is Encode with a context, which reaches a Signer that
// implements [cose.ContextSigner] (a KMS or HSM client): cancelling ctx or
// passing its deadline abandons the signature. A context already done
// refuses the encoding before anything is signed.
func (e *Encoder) EncodeContext(ctx context.Context, id *Identity, claims *cwt.Claims) (*Encoded, error) {
	if id == nil {
		return nil, stageErr(StageClaim169, nil, errors.New("no identity"))
	}
	out := new(Encoded)
	s := &out.Stages
	var err error
	if s.Claim169, err = id.MarshalCBOR(); err != nil {
		return nil, stageErr(StageClaim169, nil, err)
	}
	if s.CWT, err = e.payload(s.Claim169, claims); err != nil {
		return nil, stageErr(StageCWT, nil, err)
	}
	msg, err := cose.SignContext(ctx, e.opts.Rand, e.opts.Signer, s.CWT, e.sign)
	if err != nil {
		return nil, stageErr(StageSign, nil, err)
	}
	if e.opts.Encryption != nil {
		msg, err = cose.Encrypt(e.opts.Rand, e.opts.Encryption, msg, cose.EncryptOptions{
			KeyID:    e.opts.EncryptionKeyID,
			Untagged: e.opts.Untagged,
		})
		if err != nil {
			return nil, stageErr(StageEncrypt, nil, err)
		}
	}
	if e.opts.CWTTag {
		msg = cwt.AddTag(msg)
	}
	s.COSE = msg
	if s.Compressed, err = e.compress(msg); err != nil {
		return nil, stageErr(StageCompress, nil, err)
	}
	out.Text = base45.EncodeToString(s.Compressed)
	out.Warnings = append(encodeWarnings(id, claims, e.opts.Now()), guidanceWarnings(id, claims)...)
	if e.opts.Budget.enabled() {
		if err := checkBudget(e.opts.Budget, out.Text, id, len(s.Claim169)); err != nil {
			return nil, stageErr(StageSizeLimit, ErrTooLarge, err)
		}
	}
	return out, nil
}

// payload returns the CWT claims map: claims with the identity map at key
// 169.
func (e *Encoder) payload(identity []byte, claims *cwt.Claims) ([]byte, error) {
	c := cwt.Claims{}
	if claims != nil {
		c = *claims
	}
	if _, ok := c.Extra[cwt.KeyClaim169]; ok {
		return nil, errors.New("claims already hold claim 169")
	}
	extra := make(map[int64]cbor.RawMessage, len(c.Extra)+1)
	for k, v := range c.Extra {
		extra[k] = v
	}
	extra[cwt.KeyClaim169] = identity
	c.Extra = extra
	return c.MarshalCBOR()
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

func cloneAll(bs [][]byte) [][]byte {
	if bs == nil {
		return nil
	}
	out := make([][]byte, len(bs))
	for i, b := range bs {
		out[i] = clone(b)
	}
	return out
}

// checkLeaf makes sure the first certificate of chain, if any, certifies
// pub: a credential whose x5chain names another key could never verify.
func checkLeaf(chain [][]byte, pub crypto.PublicKey) error {
	if len(chain) == 0 {
		return nil
	}
	leaf, err := x509.ParseCertificate(chain[0])
	if err != nil {
		return errors.New("claim169: the first certificate of the chain is not a valid X.509 certificate")
	}
	k, ok := pub.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !k.Equal(leaf.PublicKey) {
		return errors.New("claim169: the first certificate of the chain does not certify the signing key")
	}
	return nil
}

// compress compresses msg with the configured compressor, or zlib. The
// output of a configured compressor must decompress, as the Decoder reads
// it, to msg.
func (e *Encoder) compress(msg []byte) ([]byte, error) {
	if e.opts.Compress == nil {
		return compress.Deflate(msg), nil
	}
	out := e.opts.Compress(msg)
	back, _, err := compress.Decompress(out, max(len(msg), compress.DefaultMaxSize), compress.DecompressOptions{})
	if err != nil || !bytes.Equal(back, msg) {
		return nil, errors.New("the compressor's output is neither zlib nor Brotli of the message")
	}
	return out, nil
}
