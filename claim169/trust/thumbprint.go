package trust

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// Hash algorithms of the IANA "COSE Algorithms" registry (RFC 9054 §2), for
// the x5t certificate thumbprint (RFC 9360 §2).
const (
	HashSHA1          cose.Algorithm = -14 // RFC 9054 §2.1: SHA-1
	HashSHA256Trunc64 cose.Algorithm = -15 // RFC 9054 §2.2: SHA-256 truncated to 64 bits
	HashSHA256        cose.Algorithm = -16 // RFC 9054 §2.2: SHA-256
	HashSHA512256     cose.Algorithm = -17 // RFC 9054 §2.3: SHA-512/256
	HashSHA384        cose.Algorithm = -43 // RFC 9054 §2.2: SHA-384
	HashSHA512        cose.Algorithm = -44 // RFC 9054 §2.2: SHA-512
)

// Thumbprint returns the x5t thumbprint of the DER certificate der with hash
// algorithm alg: one of the Hash constants (SHAKE128 and SHAKE256 are not
// supported). SHA-1 and SHA-256/64 only select a certificate among those a
// store already trusts, so their weakness does not make a key trusted.
func Thumbprint(alg cose.Algorithm, der []byte) ([]byte, error) {
	th, ok := thumbprintHashes[alg]
	if !ok {
		return nil, fmt.Errorf("trust: %w: %v is not a supported thumbprint hash", cose.ErrUnsupportedAlgorithm, alg)
	}
	h := th.hash.New()
	h.Write(der)
	return h.Sum(nil)[:th.size], nil
}

// thumbprintHashes are the hash function of each Hash constant, and the
// length of its thumbprint.
var thumbprintHashes = map[cose.Algorithm]struct {
	hash crypto.Hash
	size int
}{
	HashSHA1:          {crypto.SHA1, sha1.Size},
	HashSHA256Trunc64: {crypto.SHA256, 8},
	HashSHA256:        {crypto.SHA256, sha256.Size},
	HashSHA512256:     {crypto.SHA512_256, sha512.Size256},
	HashSHA384:        {crypto.SHA384, sha512.Size384},
	HashSHA512:        {crypto.SHA512, sha512.Size},
}

// thumbprintOf returns the x5t header of the message q describes, protected
// first, and whether it is protected.
func thumbprintOf(q claim169.KeyQuery) (hash cose.CertHash, protected, ok bool) {
	if q.Sign1 == nil {
		return cose.CertHash{}, false, false
	}
	if h, ok := q.Sign1.Protected.X5T(); ok {
		return h, true, true
	}
	h, ok := q.Sign1.Unprotected.X5T()
	return h, false, ok
}

// readsThumbprints reports whether an x5t can select anything for a
// credential of issuer, whose keys are ks: a certificate pinned for the
// issuer, or a key with certificates.
func (st *state) readsThumbprints(issuer string, ks []keys.Key) bool {
	return slices.ContainsFunc(st.pinned, func(p pin) bool { return p.trusts(issuer) }) ||
		slices.ContainsFunc(ks, func(k keys.Key) bool { return len(k.Certificates) > 0 })
}

// byThumbprint looks for the certificate whose thumbprint is hash among the
// certificates pinned for the issuer of q and the leaf certificates of ks.
// found is false when none matches (or the hash algorithm is not
// supported); otherwise pub is the certificate's key, or err says why it may
// not be used.
func (s *Store) byThumbprint(st *state, hash cose.CertHash, ks []keys.Key, q claim169.KeyQuery, at time.Time) (pub crypto.PublicKey, found bool, err error) {
	if hash.AlgorithmName != "" {
		return nil, false, nil
	}
	matching := st.thumbs.lookup(st, hash)
	if len(matching) == 0 {
		return nil, false, nil
	}
	for _, p := range st.pinned {
		if p.trusts(q.Issuer) && slices.Contains(matching, p.cert) {
			if err := s.checkLeaf(p.cert, at); err != nil {
				return nil, true, err
			}
			if err := cose.CheckKey(q.Algorithm, p.cert.PublicKey); err != nil {
				return nil, true, fmt.Errorf("%w: %w", ErrAlgorithmNotAllowed, err)
			}
			return p.cert.PublicKey, true, nil
		}
	}
	for _, k := range ks {
		if len(k.Certificates) > 0 && slices.Contains(matching, k.Certificates[0]) {
			if err := k.Allows(q.Algorithm); err != nil {
				return nil, true, fmt.Errorf("%w: %w", ErrAlgorithmNotAllowed, err)
			}
			if err := s.checkKeyCertificates(st, k, q.Issuer, at); err != nil {
				return nil, true, err
			}
			return k.Public, true, nil
		}
	}
	return nil, false, nil
}

// thumbIndex maps the thumbprints of the certificates of one snapshot (the
// pinned ones and the leaf certificates of every key) to the certificates,
// one map per hash algorithm, each built on first use: an x5t then costs a
// map lookup, not a hash per certificate.
type thumbIndex struct {
	mu    sync.Mutex
	byAlg map[cose.Algorithm]map[string][]*x509.Certificate
}

// lookup returns the certificates of st whose thumbprint is hash.
func (ix *thumbIndex) lookup(st *state, hash cose.CertHash) []*x509.Certificate {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.byAlg == nil {
		ix.byAlg = map[cose.Algorithm]map[string][]*x509.Certificate{}
	}
	m, ok := ix.byAlg[hash.Algorithm]
	if !ok {
		if _, err := Thumbprint(hash.Algorithm, nil); err != nil {
			return nil
		}
		m = map[string][]*x509.Certificate{}
		for _, c := range st.certificates() {
			t, _ := Thumbprint(hash.Algorithm, c.Raw)
			m[string(t)] = append(m[string(t)], c)
		}
		ix.byAlg[hash.Algorithm] = m
	}
	return m[string(hash.Value)]
}

// certificates returns the pinned certificates of st and the leaf
// certificates of its keys, of every issuer.
func (st *state) certificates() []*x509.Certificate {
	var out []*x509.Certificate
	for _, p := range st.pinned {
		out = append(out, p.cert)
	}
	add := func(ks []keys.Key) {
		for _, k := range ks {
			if len(k.Certificates) > 0 {
				out = append(out, k.Certificates[0])
			}
		}
	}
	for _, ks := range st.static {
		add(ks)
	}
	for _, src := range st.sources {
		add(src.keys)
	}
	return out
}
