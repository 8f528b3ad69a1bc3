package claim169

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/cborscan"
)

// openMessage unwraps the COSE layers of data: an optional CWT tag 61, an
// optional COSE_Encrypt0 (decrypted) and the COSE_Sign1, whose payload it
// returns. In unverified modes an unsigned CWT inside a COSE_Encrypt0 is
// accepted and returned as the payload.
func (d *Decoder) openMessage(data []byte, res *Result, m mode) ([]byte, error) {
	msg, tagged, err := cwt.Untag(data)
	if err != nil {
		return nil, stageErr(StageCOSE, ErrMalformed, err)
	}
	res.CWTTagged = tagged
	typ, err := cose.Identify(msg)
	if err != nil {
		return nil, stageErr(StageCOSE, ErrMalformed, err)
	}
	if typ == cose.TypeEncrypt0 {
		plaintext, err := d.decrypt(msg, res)
		if err != nil {
			return nil, err
		}
		if msg, tagged, err = cwt.Untag(plaintext); err != nil {
			return nil, stageErr(StageCOSE, ErrMalformed, err)
		}
		res.CWTTagged = res.CWTTagged || tagged
		if typ, err = cose.Identify(msg); err != nil {
			if m != modeVerify && cborscan.MajorType(msg) == cborscan.MajorMap {
				res.Warnings = append(res.Warnings, "claim169: the encrypted payload is an unsigned CWT")
				return msg, nil
			}
			if cborscan.MajorType(msg) == cborscan.MajorMap {
				return nil, stageErr(StageVerify, ErrVerification, errors.New("the encrypted payload is an unsigned CWT, not a COSE_Sign1"))
			}
			return nil, stageErr(StageCOSE, ErrMalformed, err)
		}
	}
	if typ != cose.TypeSign1 {
		return nil, stageErr(StageCOSE, ErrMalformed, errors.New("expected a COSE_Sign1"))
	}
	s1, err := cose.ParseSign1(msg)
	if err != nil {
		return nil, stageErr(StageCOSE, ErrMalformed, err)
	}
	res.Sign1 = s1
	res.KeyID = s1.KeyID()
	_, inProtected := s1.Protected.X5U()
	if _, inUnprotected := s1.Unprotected.X5U(); inProtected || inUnprotected {
		res.Warnings = append(res.Warnings, "claim169: the x5u header names a certificate URL; it is never fetched")
	}
	if alg, err := s1.Algorithm(); err == nil {
		res.Algorithm = alg
	}
	return s1.Payload, nil
}

// decrypt opens a COSE_Encrypt0 with the first configured key of its
// algorithm.
func (d *Decoder) decrypt(msg []byte, res *Result) ([]byte, error) {
	e0, err := cose.ParseEncrypt0(msg)
	if err != nil {
		return nil, stageErr(StageCOSE, ErrMalformed, err)
	}
	res.Encrypted, res.Encrypt0 = true, e0
	alg, err := e0.Algorithm()
	if err != nil {
		return nil, stageErr(StageDecrypt, ErrDecryption, err)
	}
	res.EncryptionAlgorithm = alg
	// Every key of the message's algorithm is tried in turn (keys rotate);
	// an AEAD refuses a wrong key cheaply and without output.
	var last error
	for _, k := range d.decryption {
		if k.Algorithm() != alg {
			continue
		}
		plaintext, err := e0.Decrypt(k, nil)
		if err == nil {
			return plaintext, nil
		}
		last = err
	}
	if last == nil {
		last = fmt.Errorf("no decryption key for %v", alg)
	}
	return nil, stageErr(StageDecrypt, ErrDecryption, last)
}

// parseIdentity extracts claim 169 from claims, unwrapping a byte string,
// and decodes it into res.Identity.
func (d *Decoder) parseIdentity(claims *cwt.Claims, res *Result) error {
	raw, ok := claims.Extra[cwt.KeyClaim169]
	if !ok {
		return stageErr(StageClaim169, ErrMalformed, errors.New("claim 169 not found"))
	}
	data, wrapped, err := unwrapIdentity(raw)
	if err != nil {
		return stageErr(StageClaim169, ErrMalformed, err)
	}
	if wrapped {
		res.Warnings = append(res.Warnings, "claim169: claim 169 is a byte string wrapping the identity map; unwrapped")
	}
	id, warnings, err := ParseIdentity(data)
	if err != nil {
		return stageErr(StageClaim169, ErrMalformed, err)
	}
	res.Identity = id
	res.Warnings = append(res.Warnings, warnings...)
	return nil
}

// tagEncodedCBOR is the CBOR tag of an embedded CBOR data item in a byte
// string (RFC 8949 §3.4.5.1).
const tagEncodedCBOR = 24

// unwrapIdentity returns the identity map bytes held in claim 169: the
// value itself when it is a map, or the content of a byte string (optionally
// under tag 24, "encoded CBOR data item") that holds one. Any other tag in
// front of the map, the byte string or tag 24, a self-described CBOR tag
// (55799) included, is refused: the value is read by its type, and no tag is
// skipped. raw is part of a claims map that strictcbor.Valid has accepted;
// the content of a definite-length byte string is returned as a sub-slice
// of raw.
func unwrapIdentity(raw []byte) (data []byte, wrapped bool, err error) {
	inner := raw
	switch cborscan.MajorType(raw) {
	case cborscan.MajorMap:
		return raw, false, nil
	case cborscan.MajorTag:
		number, content, ok := cborscan.ReadTag(raw)
		if !ok || number != tagEncodedCBOR {
			return nil, false, errors.New("claim 169 is neither a map nor a byte string holding one")
		}
		inner = content
	}
	b, ok := cborscan.ReadBytes(inner)
	if !ok {
		return nil, false, errors.New("claim 169 is neither a map nor a byte string holding one")
	}
	if cborscan.MajorType(b) != cborscan.MajorMap {
		return nil, false, errors.New("claim 169 byte string does not hold a map")
	}
	return b, true, nil
}
