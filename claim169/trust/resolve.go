package trust

import (
	"context"
	"crypto"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// Resolve returns the candidate verification keys for the credential q
// describes, in the order the decoder should try them, or an error that
// refuses the credential. It reads only what the store holds: nothing is
// fetched. Certificates are checked at q.Now (the current time when zero);
// fetched key sets are served according to the store's clock. The rules, in
// order:
//
//  1. x5chain: when q carries certificates and anchors are trusted for
//     q.Issuer ([Store.AddAnchorsFor]), the chain (q.Certificates leaf
//     first, intermediates from the rest of the chain and from q.Bag) must
//     lead at q.Now to an anchor trusted for q.Issuer, and the leaf's key
//     usage and the chain's extended key usages must allow signing; the
//     only candidate is then the leaf's key. A refused chain returns a
//     *[ChainError]; keys stored by kid are never tried instead. When no
//     anchor is trusted for the issuer, the chain is ignored and the rules
//     below apply.
//  2. x5t: when the COSE_Sign1 has an x5t header (protected, else
//     unprotected) and the store has certificates for the issuer (pinned
//     with [Store.AddCertificatesFor], or the "x5c" of a key of the issuer),
//     the certificate with that thumbprint gives the only candidate,
//     provided it passes the checks of rule 3's certificates (else a
//     *ChainError). A protected x5t that matches none of them refuses the
//     credential ([ErrUnknownCertificate]); an unprotected one is ignored.
//  3. issuer and kid: for an issuer whose keys a DID discovery found
//     ([Store.AddIssuer]), the kid is read as a DID URL first: a DID URL of
//     the issuer (did:web:host#key-1) names its verification method, a
//     relative one (#key-1) or a bare fragment (key-1) is taken relative to
//     the issuer, no kid (or the bare DID) names the one method of a DID
//     that has one (did:key, did:jwk), and a DID URL of another DID refuses
//     the credential ([ErrKeyIDOtherDID]). Then the keys of q.Issuer, then
//     those of [AnyIssuer], as
//     [keys.Select] chooses them: with a kid, the keys with that kid and the
//     keys stored without one; without a kid, the keys stored without one
//     only (every key with [Options].KidlessTriesAllKeys). Keys that do not
//     allow q.Algorithm ([keys.Key.Allows]) are left out. More candidates
//     than [Options].MaxCandidates refuse the credential
//     ([ErrTooManyCandidates]). A candidate with certificates (a JWK "x5c")
//     is kept only if its leaf certificate is valid at q.Now, allows
//     signing (key usage and extended key usage) and, when anchors are
//     trusted for the issuer, leads to one of them; so that removing or
//     changing an unprotected x5t never skips the certificate's check.
//
// When no key remains the error is [ErrUnknownIssuer] (no key for the
// issuer), [ErrUnknownKeyID] (none for the kid; [ErrNoKeyID] for a
// credential without a kid), [ErrAlgorithmNotAllowed] (keys for the kid,
// none for the algorithm: an RSA key's kid on an EdDSA credential lands
// here), each matching [claim169.ErrUnknownKey], or the *ChainError of the
// candidates' certificates. Whether a candidate's signature verifies is the
// decoder's check ([claim169.ErrVerification]).
func (s *Store) Resolve(_ context.Context, q claim169.KeyQuery) ([]crypto.PublicKey, error) {
	found, err := s.resolve(q)
	if err != nil {
		return nil, err
	}
	out := make([]crypto.PublicKey, len(found))
	for i, c := range found {
		out[i] = c.Public
	}
	return out, nil
}

// resolve is Resolve, saying how each candidate is trusted: the leaf of a
// validated chain, a pinned certificate, a key added by AddKey, or a key of
// a set.
func (s *Store) resolve(q claim169.KeyQuery) ([]claim169.Candidate, error) {
	st := s.state.Load()
	at := q.Now
	if at.IsZero() {
		at = time.Now()
	}
	if len(q.Certificates) > 0 && st.anchors.appliesTo(q.Issuer) {
		leaf, err := s.verifyChain(st, q.Certificates, q.Bag, q.Issuer, at)
		if err != nil {
			return nil, err
		}
		return []claim169.Candidate{{Public: leaf.PublicKey, Trust: claim169.TrustChain}}, nil
	}
	now := s.now()
	if methods, ok := st.didMethods(q.Issuer, now); ok {
		kid, err := didKeyID(q.Issuer, q.KeyID, methods)
		if err != nil {
			return nil, err
		}
		q.KeyID = kid
	}
	ks := st.keysFor(q.Issuer, now)
	if hash, protected, ok := thumbprintOf(q); ok && st.readsThumbprints(q.Issuer, ks) {
		pub, found, err := s.byThumbprint(st, hash, ks, q, at)
		switch {
		case found && err != nil:
			return nil, err
		case found:
			return []claim169.Candidate{{Public: pub, Trust: claim169.TrustCertificate}}, nil
		case protected:
			return nil, ErrUnknownCertificate
		}
	}
	return s.byKeyID(st, ks, q, at)
}

// Resolver returns the store's resolver for
// [claim169.DecoderOptions].Resolver: Resolve, with each key returned as
// a [claim169.Candidate] that says how it is trusted, so that
// [claim169.Result].Trust names it (TrustChain, TrustCertificate, TrustKey
// for a key added with AddKey, TrustDiscovered for a key found by
// AddIssuer's discovery, TrustKeySet for a key of a set). Set
// [Store.Understood] as the decoder's Understood with it.
func (s *Store) Resolver() claim169.KeyResolver {
	return func(_ context.Context, q claim169.KeyQuery) ([]crypto.PublicKey, error) {
		found, err := s.resolve(q)
		if err != nil {
			return nil, err
		}
		out := make([]crypto.PublicKey, len(found))
		for i, c := range found {
			out[i] = c
		}
		return out, nil
	}
}

// Understood returns the certificate header parameters the store processes
// for the credential q, for [claim169.DecoderOptions].Understood, so that a
// credential may name them in its crit header: x5chain and x5bag when
// anchors are trusted for q's issuer, x5t when certificates are pinned for
// it or one of its keys has certificates. x5u is never fetched, so never
// understood.
func (s *Store) Understood(q claim169.KeyQuery) []cose.HeaderLabel {
	st := s.state.Load()
	var out []cose.HeaderLabel
	if st.anchors.appliesTo(q.Issuer) {
		out = append(out, cose.HeaderX5Chain, cose.HeaderX5Bag)
	}
	if st.readsThumbprints(q.Issuer, st.keysFor(q.Issuer, s.now())) {
		out = append(out, cose.HeaderX5T)
	}
	return out
}

// byKeyID returns the keys of ks chosen by the kid of q (rule 3 of
// [Store.Resolve]), each with its certificates checked.
func (s *Store) byKeyID(st *state, ks []keys.Key, q claim169.KeyQuery, at time.Time) ([]claim169.Candidate, error) {
	if len(ks) == 0 {
		return nil, ErrUnknownIssuer
	}
	found, err := s.selectKeys(ks, string(q.KeyID), q.Algorithm)
	if err != nil {
		return nil, err
	}
	out := make([]claim169.Candidate, 0, len(found))
	var refused error
	for _, k := range found {
		if len(k.Certificates) > 0 {
			if err := s.checkKeyCertificates(st, k, q.Issuer, at); err != nil {
				if refused == nil {
					refused = err
				}
				continue
			}
		}
		out = append(out, claim169.Candidate{Public: k.Public, Trust: st.trustOf(k)})
	}
	if len(out) == 0 {
		return nil, refused
	}
	return out, nil
}

// selectKeys chooses the keys of ks for kid and alg, at most
// s.maxCandidates of them, counted by kid before any key is checked
// against the algorithm (which costs an Ed25519 key a tenth of a signature
// check).
func (s *Store) selectKeys(ks []keys.Key, kid string, alg cose.Algorithm) ([]keys.Key, error) {
	chosen := keys.Matches(ks, kid)
	if kid == "" && s.kidlessAll {
		chosen = len(ks)
	}
	if chosen > s.maxCandidates {
		return nil, ErrTooManyCandidates
	}
	var found []keys.Key
	if kid == "" && s.kidlessAll {
		found = keys.SelectAll(ks, alg)
	} else {
		var matched bool
		found, matched = keys.Select(ks, kid, alg)
		switch {
		case !matched && kid == "":
			return nil, ErrNoKeyID
		case !matched:
			return nil, ErrUnknownKeyID
		}
	}
	if len(found) == 0 {
		return nil, ErrAlgorithmNotAllowed
	}
	return found, nil
}
