package claim169test

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/compress"
)

// Tamper names a way to spoil a credential, at one stage, so that a
// verifier must refuse it: [Tamper.Want] says how.
type Tamper string

// The ways Issuer.Tamper spoils a credential.
const (
	// FlipSignature flips the last bit of the signature: refused at
	// verify (ErrVerification).
	FlipSignature Tamper = "flip-signature"
	// ChangeClaim changes the identity's full name after signing, keeping
	// the signature of the original: refused at verify (ErrVerification).
	ChangeClaim Tamper = "change-claim"
	// OtherKey signs with another test key of the same algorithm, with the
	// same kid: refused at verify (ErrVerification).
	OtherKey Tamper = "other-key"
	// Expire signs it with an expiry a day before Now: refused at validity
	// (ErrExpired).
	Expire Tamper = "expire"
	// NotYetValid signs it with a not-before a day after Now: refused at
	// validity (ErrNotYetValid).
	NotYetValid Tamper = "not-yet-valid"
)

// Tampers returns every Tamper, for a table test of a verifier's
// refusals.
func Tampers() []Tamper { return []Tamper{FlipSignature, ChangeClaim, OtherKey, Expire, NotYetValid} }

// Want returns what a verifier that trusts the issuer's key, at the clock
// Now, must make of a credential spoiled this way; the zero Outcome for an
// unknown Tamper.
func (t Tamper) Want() Outcome {
	switch t {
	case FlipSignature, ChangeClaim, OtherKey:
		return Outcome{Err: claim169.ErrVerification, ErrName: "verification_failed", Stage: claim169.StageVerify}
	case Expire:
		return Outcome{Err: claim169.ErrExpired, ErrName: "expired", Stage: claim169.StageValidity}
	case NotYetValid:
		return Outcome{Err: claim169.ErrNotYetValid, ErrName: "not_yet_valid", Stage: claim169.StageValidity}
	}
	return Outcome{}
}

// Tamper issues id with claims (Claims() when nil) as Issue does, spoiled
// as how says, and returns its QR text. Like Issue, it gives the same text
// on every run.
func (is *Issuer) Tamper(id *claim169.Identity, claims *cwt.Claims, how Tamper) (string, error) {
	if claims == nil {
		claims = Claims()
	}
	switch how {
	case FlipSignature, ChangeClaim:
		return is.spoilSignature(id, claims, how)
	case OtherKey:
		enc, err := is.opts.encoder(true)
		if err != nil {
			return "", err
		}
		return text(enc.Encode(id, claims))
	case Expire, NotYetValid:
		return text(is.Issue(id, shifted(claims, how)))
	}
	return "", fmt.Errorf("claim169test: unknown tamper %q", how)
}

// spoilSignature flips a bit of the signature, or swaps the payload for
// one with another full name under the original signature.
func (is *Issuer) spoilSignature(id *claim169.Identity, claims *cwt.Claims, how Tamper) (string, error) {
	orig, err := is.Issue(id, claims)
	if err != nil {
		return "", err
	}
	msg := bytes.Clone(orig.Stages.COSE)
	if how == FlipSignature {
		msg[len(msg)-1] ^= 1 // the signature is the message's last item
		return encodeMessage(msg), nil
	}
	changed := *id
	changed.FullName += " (changed)"
	alt, err := is.Issue(&changed, claims)
	if err != nil {
		return "", err
	}
	sign1, err := parseSign1(orig.Stages.COSE)
	if err != nil {
		return "", err
	}
	n := len(sign1.Signature) // the same for both: one key, one algorithm
	msg = slices.Concat(alt.Stages.COSE[:len(alt.Stages.COSE)-n], orig.Stages.COSE[len(orig.Stages.COSE)-n:])
	return encodeMessage(msg), nil
}

func parseSign1(msg []byte) (*cose.Sign1, error) {
	inner, _, err := cwt.Untag(msg)
	if err != nil {
		return nil, err
	}
	return cose.ParseSign1(inner)
}

// shifted returns a copy of claims expired a day before Now, or not valid
// until a day after it, with the other dates moved to keep them in order.
func shifted(claims *cwt.Claims, how Tamper) *cwt.Claims {
	c := *claims
	day := func(n int) *cwt.NumericDate {
		d := cwt.NumericDate(now.Add(time.Duration(n) * 24 * time.Hour).Unix())
		return &d
	}
	if how == Expire {
		c.ExpiresAt = day(-1)
		if c.IssuedAt != nil && *c.IssuedAt > *c.ExpiresAt {
			c.IssuedAt = day(-2)
		}
		if c.NotBefore != nil && *c.NotBefore > *c.ExpiresAt {
			c.NotBefore = day(-2)
		}
		return &c
	}
	c.NotBefore = day(1)
	if c.ExpiresAt != nil && *c.ExpiresAt < *c.NotBefore {
		c.ExpiresAt = day(2)
	}
	return &c
}

// encodeMessage compresses a COSE message into QR text, as the Encoder
// does.
func encodeMessage(msg []byte) string { return base45.EncodeToString(compress.Deflate(msg)) }

func text(enc *claim169.Encoded, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return enc.Text, nil
}
