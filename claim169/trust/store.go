package trust

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// AnyIssuer is the issuer under which keys are stored that verify
// credentials of every issuer, and credentials without an issuer (no CWT
// iss). The keys of a credential's own issuer are tried first.
const AnyIssuer = ""

// MaxAnchorsPEMSize bounds the PEM input of [Store.AddAnchorsPEM]: 1 MiB,
// several times a full public CA bundle.
const MaxAnchorsPEMSize = 1 << 20

// Options configures a Store. The zero value is the safe default.
type Options struct {
	// ExtKeyUsages are the extended key usages a certificate chain must
	// allow (x509.VerifyOptions.KeyUsages); nil accepts any
	// (x509.ExtKeyUsageAny).
	ExtKeyUsages []x509.ExtKeyUsage
	// Now is the clock for the freshness of fetched key sets; nil means
	// time.Now. Certificates are checked at the decoder's time
	// (claim169.KeyQuery.Now) instead.
	Now func() time.Time
	// Warn, if set, receives the warnings of key sets fetched by Refresh
	// (entries skipped as unusable). They never hold key material.
	Warn func(string)
}

// Store holds the keys, key sets, certificates and trust anchors a verifier
// trusts, and resolves the candidate keys of a credential from them. Build
// it with [New]. It is safe for concurrent use: Resolve reads an immutable
// snapshot that the Add methods and Refresh replace.
//
// The store never fetches anything while resolving: it resolves only from
// what is loaded. Key sets attached with [Store.AddFetcher] are loaded by an
// explicit [Store.Refresh] (or [Store.RefreshLoop]).
type Store struct {
	extKeyUsages []x509.ExtKeyUsage
	now          func() time.Time
	warn         func(string)

	mu        sync.Mutex // serializes writers of state
	refreshMu sync.Mutex // serializes Refresh
	state     atomic.Pointer[state]
}

// state is one immutable snapshot of a Store. Writers copy it, change the
// copy and publish it.
type state struct {
	static  map[string][]keys.Key // by issuer: AddKey and AddSet
	sources []*source             // fetched key sets, by AddFetcher order
	anchors *x509.CertPool        // nil when no anchor is configured
	pinned  []*x509.Certificate   // AddCertificates
}

// source is a fetcher attached to an issuer and the last key set it
// fetched. It is immutable: Refresh replaces it.
type source struct {
	id         int
	issuer     string
	fetcher    *Fetcher
	keys       []keys.Key // nil before the first successful fetch
	fetchedAt  time.Time
	freshUntil time.Time // refetched by Refresh from then on
	staleUntil time.Time // no longer served from then on
}

// New returns an empty Store configured by opts.
func New(opts Options) *Store {
	s := &Store{
		extKeyUsages: slices.Clone(opts.ExtKeyUsages),
		now:          opts.Now,
		warn:         opts.Warn,
	}
	if len(s.extKeyUsages) == 0 {
		s.extKeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.state.Store(&state{static: map[string][]keys.Key{}})
	return s
}

// update applies change to a copy of the current snapshot and publishes it.
// change must copy whatever it modifies beyond the top-level fields.
func (s *Store) update(change func(st *state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.state.Load()
	change(&next)
	s.state.Store(&next)
}

// AddKey trusts pub for the credentials of issuer ([AnyIssuer] for every
// issuer) whose kid is kid. An empty kid makes the key a candidate for
// every credential of the issuer, with or without a kid. alg restricts the
// key to one signature algorithm; 0 allows every algorithm the key type
// permits. The key is checked with [cose.CheckKey]: weak keys (RSA under
// [cose.MinRSABits], small-order Ed25519, points off the curve) and keys
// that cannot verify alg are refused. Several keys may share an issuer and
// a kid (rotation with overlap): each is tried in turn.
func (s *Store) AddKey(issuer, kid string, pub crypto.PublicKey, alg cose.Algorithm) error {
	k := keys.Key{KeyID: kid, Algorithm: alg, Public: pub}
	if _, err := keys.NewSet(k); err != nil { // type, size, alg and cose.CheckKey
		return fmt.Errorf("trust: %w", err)
	}
	s.addStatic(issuer, []keys.Key{k})
	return nil
}

// AddSet trusts the keys of set, such as a JWK Set read with
// [keys.ParseSet], for the credentials of issuer ([AnyIssuer] for every
// issuer). Each key's kid, alg and use are honoured as [keys.Key.Allows]
// says; a key's "x5c" certificates can be selected by an x5t header.
func (s *Store) AddSet(issuer string, set *keys.Set) {
	if set.Len() == 0 {
		return
	}
	s.addStatic(issuer, set.Keys())
}

func (s *Store) addStatic(issuer string, add []keys.Key) {
	s.update(func(st *state) {
		st.static = maps.Clone(st.static)
		st.static[issuer] = append(slices.Clip(st.static[issuer]), add...)
	})
}

// AddAnchors trusts certs as roots for x5chain validation. Once a store has
// an anchor, a credential carrying an x5chain is verified with the chain's
// leaf key only. certs must not be nil.
func (s *Store) AddAnchors(certs ...*x509.Certificate) {
	if len(certs) == 0 {
		return
	}
	s.update(func(st *state) {
		if st.anchors == nil {
			st.anchors = x509.NewCertPool()
		} else {
			st.anchors = st.anchors.Clone()
		}
		for _, c := range certs {
			st.anchors.AddCert(c)
		}
	})
}

// AddAnchorsPEM parses the "CERTIFICATE" blocks of data (at most
// [MaxAnchorsPEMSize] bytes) and trusts them as roots, as AddAnchors does.
// Any other block, text outside the blocks aside, is an error, and so is
// input without a certificate; on error no anchor is added.
func (s *Store) AddAnchorsPEM(data []byte) error {
	if len(data) > MaxAnchorsPEMSize {
		return fmt.Errorf("trust: anchors PEM over %d bytes", MaxAnchorsPEMSize)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			return errors.New("trust: anchors PEM holds a block that is not a certificate")
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("trust: anchor certificate %d does not parse", len(certs)+1)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return errors.New("trust: no certificate in the anchors PEM")
	}
	s.AddAnchors(certs...)
	return nil
}

// AddCertificates pins certs: a credential whose x5t header is the
// thumbprint of one of them is verified with that certificate's key, for
// any issuer, provided the certificate is valid at the verification time and
// its key usage allows digital signatures. Each certificate's key must be
// of a supported type and not weak.
func (s *Store) AddCertificates(certs ...*x509.Certificate) error {
	for i, c := range certs {
		if c == nil {
			return fmt.Errorf("trust: certificate %d is nil", i+1)
		}
		if _, err := keys.NewSet(keys.Key{Public: c.PublicKey}); err != nil {
			return fmt.Errorf("trust: certificate %d: %w", i+1, err)
		}
	}
	s.update(func(st *state) {
		st.pinned = append(slices.Clip(st.pinned), certs...)
	})
	return nil
}

// AddFetcher attaches f to issuer ([AnyIssuer] for every issuer): the key
// set it fetches is trusted for that issuer. Nothing is fetched now;
// [Store.Refresh] fetches. f must not be nil.
func (s *Store) AddFetcher(issuer string, f *Fetcher) {
	if f == nil {
		panic("trust: nil Fetcher")
	}
	s.update(func(st *state) {
		src := &source{id: len(st.sources), issuer: issuer, fetcher: f}
		st.sources = append(slices.Clip(st.sources), src)
	})
}

// keysFor returns the keys trusted for issuer at time now: its own first,
// then those of AnyIssuer; fetched sets past their staleness bound are left
// out.
func (st *state) keysFor(issuer string, now time.Time) []keys.Key {
	var out []keys.Key
	add := func(iss string) {
		out = append(out, st.static[iss]...)
		for _, src := range st.sources {
			if src.issuer == iss && src.keys != nil && now.Before(src.staleUntil) {
				out = append(out, src.keys...)
			}
		}
	}
	add(issuer)
	if issuer != AnyIssuer {
		add(AnyIssuer)
	}
	return out
}
