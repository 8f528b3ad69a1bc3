package claim169

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"time"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
)

// verificationKey turns one of DecoderOptions.Keys into a checked keys.Key:
// a keys.Key or *keys.Key as it is, any other value as a key without a kid
// or an algorithm restriction.
func verificationKey(k crypto.PublicKey) (keys.Key, error) {
	var key keys.Key
	switch k := k.(type) {
	case keys.Key:
		key = k
	case *keys.Key:
		if k == nil {
			return keys.Key{}, errors.New("a nil *keys.Key")
		}
		key = *k
	case nil:
		return keys.Key{}, errors.New("a nil key")
	default:
		key = keys.Key{Public: k}
	}
	if err := key.Check(); err != nil {
		return keys.Key{}, err
	}
	return key, nil
}

// verify checks the signature of s1 with the candidate keys of the
// credential: the static keys and the key sets chosen by kid and algorithm,
// then the resolver's.
func (d *Decoder) verify(ctx context.Context, s1 *cose.Sign1, claims *cwt.Claims, now time.Time) error {
	if s1 == nil {
		return stageErr(StageVerify, ErrVerification, errors.New("the credential is not signed"))
	}
	if err := ctx.Err(); err != nil {
		return stageErr(StageVerify, ErrVerification, fmt.Errorf("verification abandoned: %w", err))
	}
	alg, err := s1.Algorithm()
	if err != nil {
		return stageErr(StageVerify, ErrVerification, err)
	}
	// The resolver is asked first: an error of its own (an untrusted chain)
	// refuses the credential whatever the other keys would say.
	var resolved []crypto.PublicKey
	if d.resolver != nil {
		if resolved, err = d.resolver(ctx, keyQuery(s1, alg, claims, now)); err != nil {
			return stageErr(StageVerify, ErrVerification, err)
		}
	}
	kid := s1.KeyID()
	tried := 0
	var last error
	verified := func(pub crypto.PublicKey) bool {
		tried++
		last = s1.Verify(pub, nil)
		return last == nil
	}
	for _, k := range d.keys {
		if (k.KeyID == "" || len(kid) == 0 || k.KeyID == string(kid)) &&
			(k.Algorithm == 0 || k.Algorithm == alg) && verified(k.Public) {
			return nil
		}
	}
	for _, set := range d.sets {
		found, _ := set.Select(string(kid), alg)
		for _, k := range found {
			if verified(k.Public) {
				return nil
			}
		}
	}
	for _, pub := range resolved {
		if verified(pub) {
			return nil
		}
	}
	if tried == 0 {
		return stageErr(StageVerify, ErrVerification, ErrUnknownKey)
	}
	return stageErr(StageVerify, ErrVerification, last)
}

// keyQuery describes s1 for a KeyResolver.
func keyQuery(s1 *cose.Sign1, alg cose.Algorithm, claims *cwt.Claims, now time.Time) KeyQuery {
	q := KeyQuery{
		KeyID:        s1.KeyID(),
		Algorithm:    alg,
		Issuer:       claims.Issuer,
		Certificates: s1.Protected.X5Chain(),
		Bag:          s1.Protected.X5Bag(),
		Sign1:        s1,
		Now:          now,
	}
	if len(q.Certificates) == 0 {
		q.Certificates = s1.Unprotected.X5Chain()
	}
	if len(q.Bag) == 0 {
		q.Bag = s1.Unprotected.X5Bag()
	}
	return q
}
