package cose

import (
	"context"
	"crypto"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"

	"github.com/idqr/claim169/internal/cborscan"
	gocose "github.com/veraison/go-cose"
)

// SignOptions configures [Sign]. The zero value signs with the default
// algorithm of the key, no kid, tag 18 and no external AAD.
type SignOptions struct {
	// Algorithm is the signature algorithm; 0 selects [AlgorithmForKey] of
	// the signer's public key.
	Algorithm Algorithm
	// KeyID is written as the kid header parameter when not empty.
	KeyID []byte
	// KeyIDUnprotected writes the kid in the unprotected header instead of
	// the protected one (as MOSIP's issuer does). A protected kid is covered
	// by the signature; an unprotected one is only a hint.
	KeyIDUnprotected bool
	// X5Chain is written to the protected header as the x5chain parameter
	// (RFC 9360): DER certificates, leaf first, at most
	// [MaxX509Certificates]. A single certificate is written as a bare byte
	// string.
	X5Chain [][]byte
	// Untagged writes the bare array instead of CBOR tag 18.
	Untagged bool
	// AllowRS256 permits signing with RS256 (RSASSA-PKCS1-v1_5, RFC 8812),
	// which is refused by default: PS256 is the RSA default. Verification of
	// RS256 is always allowed.
	AllowRS256 bool
	// ExternalAAD is the external additional authenticated data of the
	// Sig_structure; the verifier must supply the same bytes.
	ExternalAAD []byte
}

// errNilSigner is returned when Sign is called without a signer.
var errNilSigner = errors.New("cose: nil signer")

// Sign signs payload with signer and returns the encoded COSE_Sign1 message
// (RFC 9052 §4.2). signer may be any crypto.Signer: an ed25519, ECDSA or RSA
// private key, or a key held by an HSM or KMS. ECDSA signers that return
// ASN.1 DER signatures are converted to the raw r‖s form of RFC 9053 §2.1;
// RSA-PSS uses a salt as long as the hash (RFC 8230 §2); EdDSA signers
// receive the whole Sig_structure with crypto.Hash(0).
//
// The algorithm must agree with signer.Public() ([CheckKey]: weak keys are
// refused). The protected header holds alg, and kid and x5chain when set,
// in the core deterministic encoding. rand is the source of randomness for
// ECDSA and RSA-PSS; nil selects crypto/rand.Reader.
func Sign(rand io.Reader, signer crypto.Signer, payload []byte, opts SignOptions) ([]byte, error) {
	return SignContext(context.Background(), rand, signer, payload, opts)
}

// SignContext is [Sign] with a context. A signer that implements
// [ContextSigner] signs through SignContext with ctx, so that a slow or
// remote signer can be cancelled or given a deadline; any other signer is
// called as it is. A ctx that is already done refuses to sign.
func SignContext(ctx context.Context, rand io.Reader, signer crypto.Signer, payload []byte, opts SignOptions) ([]byte, error) {
	if signer == nil {
		return nil, errNilSigner
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cose: signing abandoned: %w", err)
	}
	if cs, ok := signer.(ContextSigner); ok {
		signer = contextBound{cs, ctx}
	}
	if rand == nil {
		rand = cryptorand.Reader
	}
	pub := signer.Public()
	alg := opts.Algorithm
	if alg == 0 {
		var err error
		if alg, err = AlgorithmForKey(pub); err != nil {
			return nil, err
		}
	}
	if alg == RS256 && !opts.AllowRS256 {
		return nil, fmt.Errorf("%w: RS256 signing is not enabled (SignOptions.AllowRS256)", ErrUnsupportedAlgorithm)
	}
	if err := CheckKey(alg, pub); err != nil {
		return nil, err
	}
	protected, unprotected, err := signHeaders(alg, opts)
	if err != nil {
		return nil, err
	}
	sig, err := signRaw(rand, signer, alg, sigStructure(protected, opts.ExternalAAD, payload))
	if err != nil {
		return nil, err
	}
	if len(sig) != signatureSize(alg, pub) {
		return nil, errors.New("cose: the signer returned a signature of the wrong length")
	}
	return encodeMessage(TagSign1, !opts.Untagged, protected, unprotected, payload, sig), nil
}

// signHeaders encodes the protected header (as the content of its byte
// string) and the unprotected header of a message signed with opts.
func signHeaders(alg Algorithm, opts SignOptions) (protected, unprotected []byte, err error) {
	if len(opts.X5Chain) > MaxX509Certificates {
		return nil, nil, fmt.Errorf("cose: more than %d certificates in x5chain", MaxX509Certificates)
	}
	size := 16 + len(opts.KeyID)
	for _, cert := range opts.X5Chain {
		if len(cert) == 0 {
			return nil, nil, errors.New("cose: empty certificate in x5chain")
		}
		size += 9 + len(cert)
	}
	kid := len(opts.KeyID) > 0
	ph := newHeaderWriter(size)
	ph.addInt(HeaderAlgorithm, int64(alg))
	if kid && !opts.KeyIDUnprotected {
		ph.addBytes(HeaderKeyID, opts.KeyID)
	}
	if len(opts.X5Chain) > 0 {
		ph.addX509(HeaderX5Chain, opts.X5Chain)
	}
	uh := newHeaderWriter(9 + len(opts.KeyID))
	if kid && opts.KeyIDUnprotected {
		uh.addBytes(HeaderKeyID, opts.KeyID)
	}
	return ph.bytes(), uh.bytes(), nil
}

// signRaw signs toBeSigned with signer under alg. alg has passed [CheckKey]
// against signer.Public().
func signRaw(rand io.Reader, signer crypto.Signer, alg Algorithm, toBeSigned []byte) ([]byte, error) {
	switch alg {
	case RS256:
		digest := sha256.Sum256(toBeSigned)
		sig, err := signer.Sign(rand, digest[:], crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("cose: signing failed: %w", err)
		}
		return sig, nil
	case ES256, ES384, ES512:
		return signECDSA(rand, signer, alg, toBeSigned)
	}
	s, err := gocose.NewSigner(gocose.Algorithm(alg), signer)
	if err != nil { // unreachable after CheckKey
		return nil, fmt.Errorf("%w: %w", ErrUnsupportedAlgorithm, err)
	}
	sig, err := s.Sign(rand, toBeSigned)
	if err != nil {
		return nil, fmt.Errorf("cose: signing failed: %w", err)
	}
	return sig, nil
}

// encodeMessage writes a COSE message: an optional tag around the array
// [protected: bstr, unprotected: map, fields...: bstr]. unprotected is an
// encoded map.
func encodeMessage(tag uint64, tagged bool, protected, unprotected []byte, fields ...[]byte) []byte {
	size := 9 + 1 + cborscan.BytesLen(protected) + len(unprotected)
	for _, f := range fields {
		size += cborscan.BytesLen(f)
	}
	out := make([]byte, 0, size)
	if tagged {
		out = cborscan.AppendHead(out, cborscan.MajorTag, tag)
	}
	out = cborscan.AppendHead(out, cborscan.MajorArray, uint64(2+len(fields)))
	out = cborscan.AppendBytes(out, protected)
	out = append(out, unprotected...)
	for _, f := range fields {
		out = cborscan.AppendBytes(out, f)
	}
	return out
}

// signECDSA signs toBeSigned with an ECDSA signer: the digest under alg's
// hash, with that hash named in the options (HSM and KMS signers need it),
// and the ASN.1 DER signature every crypto.Signer returns converted to the
// fixed-size r‖s that COSE requires (RFC 9053 §2.1).
func signECDSA(rand io.Reader, signer crypto.Signer, alg Algorithm, toBeSigned []byte) ([]byte, error) {
	h := alg.Hash().New()
	h.Write(toBeSigned)
	der, err := signer.Sign(rand, h.Sum(nil), alg.Hash())
	if err != nil {
		return nil, fmt.Errorf("cose: signing failed: %w", err)
	}
	var rs struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &rs)
	size := (alg.curve().Params().BitSize + 7) / 8
	if err != nil || len(rest) != 0 || rs.R == nil || rs.S == nil || rs.R.Sign() <= 0 || rs.S.Sign() <= 0 ||
		rs.R.BitLen() > 8*size || rs.S.BitLen() > 8*size {
		return nil, errors.New("cose: signing failed: the signer returned a malformed ECDSA signature")
	}
	sig := make([]byte, 2*size)
	rs.R.FillBytes(sig[:size])
	rs.S.FillBytes(sig[size:])
	return sig, nil
}
