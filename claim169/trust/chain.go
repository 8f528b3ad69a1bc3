package trust

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"slices"
	"time"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// verifyChain validates the x5chain ders (leaf first), with the x5bag bag as
// further intermediates, against the anchors of st at time at for a
// credential of issuer, and returns the leaf. The counts are bounded before
// anything is parsed; a chain verified before is taken from the cache.
func (s *Store) verifyChain(st *state, ders, bag [][]byte, issuer string, at time.Time) (*x509.Certificate, error) {
	if len(ders) == 0 || len(ders) > cose.MaxX509Certificates || len(bag) > cose.MaxX509Certificates {
		return nil, &ChainError{Reason: ChainMalformed}
	}
	if len(ders)+len(bag) > s.maxChainCerts {
		return nil, &ChainError{Reason: ChainTooLarge}
	}
	return s.verified(st, chainKey(ders, bag), issuer, at, func() ([]*x509.Certificate, error) {
		certs, err := parseCertificates(ders)
		if err != nil {
			return nil, err
		}
		extra, err := parseCertificates(bag)
		if err != nil {
			return nil, err
		}
		return append(certs, extra...), nil
	})
}

// checkKeyCertificates checks the certificates that came with k (a JWK
// "x5c", leaf first) for a credential of issuer at time at: the leaf must
// certify k's key, and be valid alone ([Store.checkLeaf]) when no anchor is
// trusted for issuer, else lead to such an anchor, as an x5chain must.
func (s *Store) checkKeyCertificates(st *state, k keys.Key, issuer string, at time.Time) error {
	certs := k.Certificates
	if eq, ok := certs[0].PublicKey.(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(k.Public) {
		return &ChainError{Reason: ChainInvalid}
	}
	if !st.anchors.appliesTo(issuer) {
		return s.checkLeaf(certs[0], at)
	}
	if len(certs) > s.maxChainCerts {
		return &ChainError{Reason: ChainTooLarge}
	}
	ders := make([][]byte, len(certs))
	for i, c := range certs {
		ders[i] = c.Raw
	}
	_, err := s.verified(st, chainKey(ders, nil), issuer, at, func() ([]*x509.Certificate, error) {
		return certs, nil
	})
	return err
}

// verified returns the leaf of the chain identified by key (the hash of its
// certificates), which certs returns leaf first, once it is verified for a
// credential of issuer at time at. A cached chain is used when one of its
// verified paths is still valid at time at and ends at an anchor trusted
// for issuer; otherwise the chain is verified again (and cached).
func (s *Store) verified(st *state, key [sha256.Size]byte, issuer string, at time.Time, certs func() ([]*x509.Certificate, error)) (*x509.Certificate, error) {
	if leaf := usableLeaf(s.chains.get(key, st.anchors), st.anchors, issuer, at); leaf != nil {
		return leaf, nil
	}
	all, err := certs()
	if err != nil {
		return nil, err
	}
	chains, err := s.buildChains(st.anchors, all[0], all[1:], at)
	if err != nil {
		return nil, err
	}
	s.chains.put(key, st.anchors, chains)
	if leaf := usableLeaf(chains, st.anchors, issuer, at); leaf != nil {
		return leaf, nil
	}
	return nil, &ChainError{Reason: ChainWrongIssuer}
}

// usableLeaf returns the leaf of the first of chains (verified paths, leaf
// first, anchor last) whose certificates are all valid at time at and whose
// anchor is trusted for issuer, or nil.
func usableLeaf(chains [][]*x509.Certificate, anchors *anchorSet, issuer string, at time.Time) *x509.Certificate {
	for _, chain := range chains {
		valid := !slices.ContainsFunc(chain, func(c *x509.Certificate) bool {
			return at.Before(c.NotBefore) || at.After(c.NotAfter)
		})
		if valid && anchors.trusts(chain[len(chain)-1], issuer) {
			return chain[0]
		}
	}
	return nil
}

// buildChains verifies leaf with crypto/x509 at time at against anchors,
// with the certificates of pool as candidate intermediates, and returns the
// verified paths whose extended key usages allow signing credentials.
//
// crypto/x509 is handed only what is cheap to verify: every certificate's
// key is checked first (size and type, [Store.checkCertificateKey]), and the
// intermediates are only those of pool that the anchors reach by valid
// signatures ([anchorSet.authenticate]), so that every signature crypto/x509
// checks is made with a key an anchor vouches for.
func (s *Store) buildChains(anchors *anchorSet, leaf *x509.Certificate, pool []*x509.Certificate, at time.Time) ([][]*x509.Certificate, error) {
	if err := s.checkCertificateKey(leaf); err != nil {
		return nil, err
	}
	for _, c := range pool {
		if err := s.checkCertificateKey(c); err != nil {
			return nil, err
		}
	}
	// What the leaf alone decides is decided before any signature check.
	if err := leafValidity(leaf, at); err != nil {
		return nil, chainError(err, at)
	}
	switch {
	case !allowsSignatures(leaf):
		return nil, &ChainError{Reason: ChainKeyUsage}
	case !s.allowsPurpose([]*x509.Certificate{leaf}):
		return nil, &ChainError{Reason: ChainExtKeyUsage}
	}
	intermediates, err := anchors.authenticate(leaf, pool, s.maxChainCerts)
	if err != nil {
		return nil, err
	}
	chains, err := leaf.Verify(x509.VerifyOptions{
		Roots:         anchors.roots,
		Intermediates: intermediates,
		CurrentTime:   at,
		// The extended key usages are checked below, on the whole chain:
		// crypto/x509 does not know documentSigning.
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil, chainError(err, at)
	}
	chains = slices.DeleteFunc(chains, func(chain []*x509.Certificate) bool { return !s.allowsPurpose(chain) })
	if len(chains) == 0 {
		return nil, &ChainError{Reason: ChainExtKeyUsage}
	}
	return chains, nil
}

// leafValidity returns the error crypto/x509 would return first for a leaf
// outside its validity at time at, or nil.
func leafValidity(leaf *x509.Certificate, at time.Time) error {
	if at.Before(leaf.NotBefore) || at.After(leaf.NotAfter) {
		return x509.CertificateInvalidError{Cert: leaf, Reason: x509.Expired}
	}
	return nil
}

// authenticate returns, as a pool of intermediates for x509.Verify, the
// certificates of pool that the anchors reach by valid signatures: one whose
// issuer name is the subject of an anchor or of a certificate already
// reached, and whose signature that certificate's key verifies. Checking
// from the anchors down means that a forged certificate is refuted with the
// key of the anchor (or CA) it names, never with a key of its own choosing.
// The leaf, copies of an anchor and duplicates are left out; at most budget
// signatures are checked, more means look-alike certificates and refuses
// the chain ([ChainTooLarge]).
func (a *anchorSet) authenticate(leaf *x509.Certificate, pool []*x509.Certificate, budget int) (*x509.CertPool, error) {
	var pending []*x509.Certificate
	for _, c := range pool {
		if a.byDER[string(c.Raw)] == nil && !bytes.Equal(c.Raw, leaf.Raw) &&
			!slices.ContainsFunc(pending, func(p *x509.Certificate) bool { return bytes.Equal(p.Raw, c.Raw) }) {
			pending = append(pending, c)
		}
	}
	var queue []*x509.Certificate // reached certificates whose children are not checked yet
	for _, c := range pending {
		for _, parent := range a.bySubject[string(c.RawIssuer)] {
			if !slices.Contains(queue, parent) {
				queue = append(queue, parent)
			}
		}
	}
	out := x509.NewCertPool()
	reached := make([]bool, len(pending))
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		for i, c := range pending {
			if reached[i] || !bytes.Equal(c.RawIssuer, parent.RawSubject) {
				continue
			}
			if budget == 0 {
				return nil, &ChainError{Reason: ChainTooLarge}
			}
			budget--
			if c.CheckSignatureFrom(parent) == nil {
				reached[i] = true
				out.AddCert(c)
				queue = append(queue, c)
			}
		}
	}
	return out, nil
}

// chainKey identifies a chain in the cache: the SHA-256 of its x5chain and
// x5bag certificates, each counted and length-prefixed.
func chainKey(ders, bag [][]byte) [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	for _, part := range [][][]byte{ders, bag} {
		binary.BigEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		for _, der := range part {
			binary.BigEndian.PutUint64(n[:], uint64(len(der)))
			h.Write(n[:])
			h.Write(der)
		}
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// parseCertificates parses DER certificates; a failure is a ChainError.
func parseCertificates(ders [][]byte) ([]*x509.Certificate, error) {
	certs := make([]*x509.Certificate, 0, len(ders))
	for _, der := range ders {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, &ChainError{Reason: ChainMalformed, Err: err}
		}
		certs = append(certs, c)
	}
	return certs, nil
}
