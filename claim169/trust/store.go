package trust

import (
	"context"
	"crypto"
	"encoding/asn1"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// AnyIssuer is the issuer under which keys are stored that verify
// credentials of every issuer, and credentials without an issuer (no CWT
// iss). The keys of a credential's own issuer are tried first.
const AnyIssuer = ""

// Defaults of [Options].
const (
	// DefaultMaxCandidates is the most candidate keys resolved for one
	// credential by default ([Options].MaxCandidates): the decoder's own
	// bound on the keys of its key sets, claim169.DefaultMaxCandidates.
	DefaultMaxCandidates = claim169.DefaultMaxCandidates
	// DefaultMaxChainCertificates is the most certificates of x5chain and
	// x5bag together, the leaf included, by default
	// ([Options].MaxChainCertificates): a leaf and three CA certificates.
	DefaultMaxChainCertificates = 4
	// DefaultChainCacheSize is the number of verified certificate chains a
	// store remembers by default ([Options].ChainCacheSize).
	DefaultChainCacheSize = 256
	// maxRSABitsLimit caps [Options].MaxRSABits: crypto/rsa refuses larger
	// keys anyway.
	maxRSABitsLimit = 16384
)

// Options configures a Store. The zero value is the safe default.
type Options struct {
	// ExtKeyUsages are further extended key usages, by object identifier,
	// that let a certificate sign credentials. A certificate without an
	// extended key usage extension may sign; one with the extension must
	// list anyExtendedKeyUsage, documentSigning (1.3.6.1.5.5.7.3.36, RFC
	// 9336), codeSigning (1.3.6.1.5.5.7.3.3) or one of these. In a chain,
	// each certificate that has the extension must allow a usage the others
	// allow too (the nesting crypto/x509 applies): a TLS-only intermediate
	// cannot issue credential signers.
	ExtKeyUsages []asn1.ObjectIdentifier
	// MaxRSABits bounds the RSA keys of the certificates a credential
	// carries (x5chain, x5bag) and of the certificates of a key (a JWK
	// "x5c"), checked before crypto/x509 sees them; 0 means
	// [keys.MaxRSABits] (4096), and values over 16384 count as 16384. RSA
	// keys under [cose.MinRSABits] are refused whatever it says. 0 or less
	// means the default, as for the other limits below.
	MaxRSABits int
	// MaxChainCertificates bounds the certificates of x5chain and x5bag
	// together, the leaf included, and of a key's "x5c"; 0 means
	// [DefaultMaxChainCertificates]. A forged chain costs at most this many
	// signature checks with the keys of the anchors (and of the certificates
	// they signed) before crypto/x509 runs.
	MaxChainCertificates int
	// ChainCacheSize is the number of verified chains remembered (least
	// recently used dropped first); 0 means [DefaultChainCacheSize], a
	// negative value remembers none.
	ChainCacheSize int
	// MaxCandidates bounds the candidate keys resolved for one credential:
	// a credential whose kid (or lack of one) selects more, counted before
	// their algorithm is checked, is refused with [ErrTooManyCandidates]
	// rather than tried against each; 0 means [DefaultMaxCandidates].
	MaxCandidates int
	// KidlessTriesAllKeys makes a credential without a kid a candidate for
	// every key of its issuer (and of [AnyIssuer]), keys with a kid
	// included. By default such a credential is tried only against the keys
	// stored without a kid ([keys.Select]).
	KidlessTriesAllKeys bool
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
//
// Plug it into a decoder with both its resolver and what it processes:
//
//	claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood}
type Store struct {
	purposes      []asn1.ObjectIdentifier // extended key usages that may sign
	maxRSABits    int
	maxChainCerts int
	maxCandidates int
	kidlessAll    bool
	chains        *chainCache // nil: no caching
	now           func() time.Time
	warn          func(string)

	mu        sync.Mutex // serializes writers of state
	refreshMu sync.Mutex // serializes Refresh
	state     atomic.Pointer[state]
}

// state is one immutable snapshot of a Store. Writers copy it, change the
// copy and publish it.
type state struct {
	static  map[string][]keys.Key // by issuer: AddKey and AddSet
	single  []keys.Key            // the keys of AddKey, whatever their issuer
	sources []*source             // fetched key sets, by AddFetcher order
	anchors *anchorSet            // nil when no anchor is configured
	pinned  []pin                 // AddCertificatesFor
	thumbs  *thumbIndex           // the x5t index of this snapshot
}

// source is a key set fetched for an issuer: by a Fetcher from its URL
// (AddFetcher), or by a Discoverer from the issuer's identifier
// (AddIssuer), with what it last fetched. It is immutable: Refresh
// replaces it.
type source struct {
	id         int
	issuer     string
	fetcher    *Fetcher    // AddFetcher, or nil
	discoverer *Discoverer // AddIssuer, or nil
	found      *IssuerKeys // what the discoverer last found, or nil
	keys       []keys.Key  // nil before the first successful fetch
	fetchedAt  time.Time
	freshUntil time.Time // refetched by Refresh from then on
	staleUntil time.Time // no longer served from then on
}

// fetch fetches the source's keys at time now.
func (src *source) fetch(ctx context.Context, now time.Time) (fetched, error) {
	if src.fetcher != nil {
		return src.fetcher.fetch(ctx)
	}
	found, err := src.discoverer.discover(ctx, src.issuer, now)
	return fetched{found: found}, err
}

// policy returns the freshness rules of the source's fetches.
func (src *source) policy() *fetchPolicy {
	if src.fetcher != nil {
		return &src.fetcher.fetchPolicy
	}
	return &src.discoverer.fetchPolicy
}

// name names the source in errors: the key set's URL, or the issuer
// discovered (from the configuration, never from a credential).
func (src *source) name() string {
	if src.fetcher != nil {
		return src.fetcher.url
	}
	return "the keys of " + src.issuer
}

// New returns an empty Store configured by opts.
func New(opts Options) *Store {
	s := &Store{
		purposes:      append(slices.Clone(defaultPurposes), opts.ExtKeyUsages...),
		maxRSABits:    positiveOr(opts.MaxRSABits, keys.MaxRSABits),
		maxChainCerts: positiveOr(opts.MaxChainCertificates, DefaultMaxChainCertificates),
		maxCandidates: positiveOr(opts.MaxCandidates, DefaultMaxCandidates),
		kidlessAll:    opts.KidlessTriesAllKeys,
		now:           opts.Now,
		warn:          opts.Warn,
	}
	s.maxRSABits = min(s.maxRSABits, maxRSABitsLimit)
	if opts.ChainCacheSize >= 0 {
		s.chains = newChainCache(positiveOr(opts.ChainCacheSize, DefaultChainCacheSize))
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.state.Store(&state{static: map[string][]keys.Key{}, thumbs: new(thumbIndex)})
	return s
}

// positiveOr returns n, or def when n is not positive.
func positiveOr(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// update applies change to a copy of the current snapshot and publishes it
// with a new (empty) x5t index. change must copy whatever it modifies beyond
// the top-level fields.
func (s *Store) update(change func(st *state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := *s.state.Load()
	change(&next)
	next.thumbs = new(thumbIndex)
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
	s.addStatic(issuer, []keys.Key{k}, true)
	return nil
}

// AddSet trusts the keys of set, such as a JWK Set read with
// [keys.ParseSet], for the credentials of issuer ([AnyIssuer] for every
// issuer). Each key's kid, alg and use are honoured as [keys.Key.Allows]
// says; a key's "x5c" certificates can be selected by an x5t header, and
// are checked whenever the key is a candidate (see [Store.Resolve]).
func (s *Store) AddSet(issuer string, set *keys.Set) {
	if set.Len() == 0 {
		return
	}
	s.addStatic(issuer, set.Keys(), false)
}

// addStatic adds keys for issuer; single marks them as added by AddKey.
func (s *Store) addStatic(issuer string, add []keys.Key, single bool) {
	s.update(func(st *state) {
		st.static = maps.Clone(st.static)
		st.static[issuer] = append(slices.Clip(st.static[issuer]), add...)
		if single {
			st.single = append(slices.Clip(st.single), add...)
		}
	})
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

// trustOf says how k, one of the keys of keysFor, is trusted: TrustKey for
// a key added with AddKey, TrustDiscovered for a key an issuer discovery
// found, TrustKeySet for a key of a set.
func (st *state) trustOf(k keys.Key) claim169.Trust {
	for _, single := range st.single {
		if sameKey(single, k) {
			return claim169.TrustKey
		}
	}
	for _, src := range st.sources {
		if src.discoverer != nil && slices.ContainsFunc(src.keys, func(d keys.Key) bool { return sameKey(d, k) }) {
			return claim169.TrustDiscovered
		}
	}
	return claim169.TrustKeySet
}

// sameKey reports whether a and b have the same kid, algorithm and public
// key.
func sameKey(a, b keys.Key) bool {
	pub, ok := a.Public.(interface{ Equal(crypto.PublicKey) bool })
	return ok && a.KeyID == b.KeyID && a.Algorithm == b.Algorithm && pub.Equal(b.Public)
}
