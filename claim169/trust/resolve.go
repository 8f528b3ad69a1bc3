package trust

import (
	"context"
	"crypto"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
)

// Resolve returns the candidate verification keys for the credential q
// describes, in the order the decoder should try them, or an error that
// refuses the credential. It reads only what the store holds: nothing is
// fetched. Certificates are checked at q.Now (the current time when zero);
// fetched key sets are served according to the store's clock. The rules, in
// order:
//
//  1. x5chain: when q carries certificates and the store has trust anchors,
//     the chain (q.Certificates leaf first, intermediates from the rest of
//     the chain and from q.Bag) must lead to an anchor at q.Now, and the
//     leaf's key usage must allow digital signatures; the only candidate is
//     then the leaf's key. A refused chain returns a *[ChainError]; keys
//     stored by kid are never tried instead. When the store has no anchor,
//     the chain is ignored and the rules below apply.
//  2. x5t: when the COSE_Sign1 has an x5t header (protected, else
//     unprotected) that is the thumbprint of a pinned certificate
//     ([Store.AddCertificates]) or of the leaf certificate of a key of the
//     issuer (a JWK "x5c"), the only candidate is that key, provided the
//     certificate is valid at q.Now and allows digital signatures (else a
//     *ChainError). An x5t that matches nothing is ignored.
//  3. issuer and kid: the keys of q.Issuer, then those of [AnyIssuer]. With
//     a kid, the keys with that kid and the keys stored without one; without
//     a kid, every key. Keys that do not allow q.Algorithm
//     ([keys.Key.Allows]) are left out.
//
// When no key remains the error is [ErrUnknownIssuer] (no key for the
// issuer), [ErrUnknownKeyID] (none for the kid) or [ErrAlgorithmNotAllowed]
// (keys for the kid, none for the algorithm: an RSA key's kid on an EdDSA
// credential lands here), each matching [claim169.ErrUnknownKey]. Whether a
// candidate's signature verifies is the decoder's check
// ([claim169.ErrVerification]).
func (s *Store) Resolve(_ context.Context, q claim169.KeyQuery) ([]crypto.PublicKey, error) {
	st := s.state.Load()
	at := q.Now
	if at.IsZero() {
		at = time.Now()
	}
	if len(q.Certificates) > 0 && st.anchors != nil {
		pub, err := s.verifyChain(st, q.Certificates, q.Bag, at)
		if err != nil {
			return nil, err
		}
		return []crypto.PublicKey{pub}, nil
	}
	ks := st.keysFor(q.Issuer, s.now())
	if hash, ok := thumbprintOf(q); ok {
		pub, found, err := st.byThumbprint(hash, ks, q.Algorithm, at)
		if found {
			if err != nil {
				return nil, err
			}
			return []crypto.PublicKey{pub}, nil
		}
	}
	return byKeyID(ks, q)
}

// Resolver returns s.Resolve as a [claim169.KeyResolver], for
// [claim169.DecoderOptions].Resolver.
func (s *Store) Resolver() claim169.KeyResolver { return s.Resolve }

// byKeyID returns the keys of ks that match the kid of q (exactly first,
// then keys without a kid) and allow its algorithm.
func byKeyID(ks []keys.Key, q claim169.KeyQuery) ([]crypto.PublicKey, error) {
	if len(ks) == 0 {
		return nil, ErrUnknownIssuer
	}
	found, matched := keys.Select(ks, string(q.KeyID), q.Algorithm)
	switch {
	case !matched:
		return nil, ErrUnknownKeyID
	case len(found) == 0:
		return nil, ErrAlgorithmNotAllowed
	}
	out := make([]crypto.PublicKey, len(found))
	for i, k := range found {
		out[i] = k.Public
	}
	return out, nil
}
