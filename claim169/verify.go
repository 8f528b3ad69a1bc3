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
// then the resolver's. It returns the way the verifying key is trusted. A
// crit header naming a parameter that neither the decoder nor the resolver
// processes refuses the credential first.
func (d *Decoder) verify(ctx context.Context, s1 *cose.Sign1, claims *cwt.Claims, now time.Time) (Trust, error) {
	if s1 == nil {
		return "", stageErr(StageVerify, ErrVerification, errors.New("the credential is not signed"))
	}
	if err := ctx.Err(); err != nil {
		return "", stageErr(StageVerify, ErrVerification, fmt.Errorf("verification abandoned: %w", err))
	}
	alg, err := s1.Algorithm()
	if err != nil {
		return "", stageErr(StageVerify, ErrVerification, err)
	}
	q := keyQuery(s1, alg, claims, now)
	var opts cose.VerifyOptions
	if d.understood != nil && s1.Protected.Has(cose.HeaderCritical.Label()) {
		opts.Understood = d.understood(q)
	}
	if err := s1.CheckCritical(opts.Understood...); err != nil {
		return "", stageErr(StageVerify, ErrVerification, err)
	}
	// The resolver is asked first: an error of its own (an untrusted chain)
	// refuses the credential whatever the other keys would say.
	var resolved []crypto.PublicKey
	if d.resolver != nil {
		if resolved, err = d.resolver(ctx, q); err != nil {
			return "", stageErr(StageVerify, ErrVerification, err)
		}
	}
	tried := 0
	var last error
	verified := func(pub crypto.PublicKey) bool {
		tried++
		last = s1.VerifyWith(pub, opts)
		return last == nil
	}
	// The keys listed without a kid are tried for every credential; those
	// chosen by kid are counted first.
	for _, k := range d.keys {
		if k.KeyID == "" && d.staticCandidate(k, q.KeyID, alg) && verified(k.Public) {
			return TrustKey, nil
		}
	}
	chosen, err := d.chooseKeys(q.KeyID, alg)
	if err != nil {
		return "", stageErr(StageVerify, ErrVerification, err)
	}
	for _, c := range chosen {
		if verified(c.Public) {
			return c.Trust, nil
		}
	}
	for _, r := range resolved {
		pub, trust := candidate(r)
		if verified(pub) {
			return trust, nil
		}
	}
	if tried == 0 {
		return "", stageErr(StageVerify, ErrVerification, ErrUnknownKey)
	}
	return "", stageErr(StageVerify, ErrVerification, last)
}

// candidate returns the key and the way it is trusted of one key a
// resolver returned: a Candidate's, or a bare key as TrustKey.
func candidate(k crypto.PublicKey) (crypto.PublicKey, Trust) {
	var c Candidate
	switch k := k.(type) {
	case Candidate:
		c = k
	case *Candidate:
		if k == nil {
			return nil, TrustKey
		}
		c = *k
	default:
		return k, TrustKey
	}
	if c.Trust == "" {
		c.Trust = TrustKey
	}
	return c.Public, c.Trust
}

// hasKeys reports whether the decoder has keys to try: static keys, key
// sets or a resolver.
func (d *Decoder) hasKeys() bool {
	return len(d.keys) > 0 || len(d.sets) > 0 || d.resolver != nil
}

// staticCandidate reports whether k, one of DecoderOptions.Keys, is tried
// for a credential with key ID kid and algorithm alg: a key without a kid
// always, one with a kid for that kid (or for no kid with
// KidlessTriesAllKeys), and one restricted to an algorithm for that one.
func (d *Decoder) staticCandidate(k keys.Key, kid []byte, alg cose.Algorithm) bool {
	kidFits := k.KeyID == "" || k.KeyID == string(kid) || (len(kid) == 0 && d.kidlessAll)
	return kidFits && (k.Algorithm == 0 || k.Algorithm == alg)
}

// chooseKeys returns the keys chosen by kid for a credential with key ID
// kid and algorithm alg: the keys.Key values of Keys that have a kid
// (TrustKey), then those of the key sets (TrustKeySet). More than
// maxCands, counted by kid before any key is checked against the algorithm
// (which costs an Ed25519 key a tenth of a signature check), refuse the
// credential.
func (d *Decoder) chooseKeys(kid []byte, alg cose.Algorithm) ([]Candidate, error) {
	var chosen []Candidate
	for _, k := range d.keys {
		if k.KeyID != "" && d.staticCandidate(k, kid, alg) {
			chosen = append(chosen, Candidate{Public: k.Public, Trust: TrustKey})
		}
	}
	n := len(chosen)
	for _, set := range d.sets {
		if len(kid) == 0 && d.kidlessAll {
			n += set.Len()
		} else {
			n += set.Matches(string(kid))
		}
	}
	if n > d.maxCands {
		return nil, fmt.Errorf("%w: %d keys, at most %d", ErrTooManyCandidates, n, d.maxCands)
	}
	for _, set := range d.sets {
		for _, k := range d.selectKeys(set, kid, alg) {
			chosen = append(chosen, Candidate{Public: k.Public, Trust: TrustKeySet})
		}
	}
	return chosen, nil
}

// selectKeys returns the keys of set that are candidates for a credential
// with key ID kid and algorithm alg, as keys.Select chooses them (or
// keys.SelectAll for a credential without a kid, with KidlessTriesAllKeys).
func (d *Decoder) selectKeys(set *keys.Set, kid []byte, alg cose.Algorithm) []keys.Key {
	if len(kid) == 0 && d.kidlessAll {
		return keys.SelectAll(set.Keys(), alg)
	}
	found, _ := set.Select(string(kid), alg)
	return found
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
