package trust

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/idqr/claim169/cose/keys"
)

// never is the freshness of the keys of a DID resolved locally: they are
// never fetched again and never go stale.
var never = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// AddIssuer attaches the discovery of issuer's keys by d, which must have
// issuer on its allow-list ([ErrNotAllowed] otherwise): the keys it finds
// are trusted for the credentials of that issuer, selected by kid as
// [Store.Resolve] says. The keys of a did:key or did:jwk are resolved now,
// with no network. Those of a did:web or https issuer are fetched by
// [Store.Refresh], never by Resolve; cached, if not nil, holds what an
// earlier discovery of this issuer found (read from a [DiscoveryCache]),
// which the store serves until its StaleUntil and Refresh fetches again
// once it is no longer fresh. A cached entry for another issuer or method
// is refused with [ErrBadDocument]; one past its StaleUntil is ignored.
func (s *Store) AddIssuer(d *Discoverer, issuer string, cached *IssuerKeys) error {
	if d == nil {
		panic("trust: nil Discoverer")
	}
	method, ok := d.allowed[issuer]
	if !ok {
		return fmt.Errorf("%w: %w", ErrDiscovery, ErrNotAllowed)
	}
	src := &source{issuer: issuer, discoverer: d}
	switch {
	case method == methodDIDKey || method == methodDIDJWK:
		found, err := d.discover(context.Background(), issuer, s.now())
		if err != nil {
			return err
		}
		found.FreshUntil, found.StaleUntil = never, never
		src.serve(found)
	case cached == nil:
	case cached.Issuer != issuer || cached.Method != method:
		return fmt.Errorf("%w: the cached keys are of another issuer or method", ErrBadDocument)
	case cached.usableAt(s.now()):
		src.serve(cached.clone())
	}
	s.update(func(st *state) {
		src.id = len(st.sources)
		st.sources = append(slices.Clip(st.sources), src)
	})
	return nil
}

// serve makes src serve the keys found.
func (src *source) serve(found *IssuerKeys) {
	src.found, src.keys = found, found.Keys
	src.fetchedAt, src.freshUntil, src.staleUntil = found.FetchedAt, found.FreshUntil, found.StaleUntil
}

// IssuerKeys returns what the discoveries attached with [Store.AddIssuer]
// fetched and the store still serves, in the order the issuers were added:
// what a [DiscoveryCache] keeps for the next run. A discovery that failed,
// or whose keys went stale, has no entry, and neither has a DID resolved
// locally (did:key, did:jwk), which needs no cache. The entries are copies.
func (s *Store) IssuerKeys() []*IssuerKeys {
	now := s.now()
	var out []*IssuerKeys
	for _, src := range s.state.Load().sources {
		if src.found != nil && !src.found.local() && src.keys != nil && now.Before(src.staleUntil) {
			out = append(out, src.found.clone())
		}
	}
	return out
}

// didMethods returns the verification methods of the DID issuer that a
// discovery attached to the store serves at now (nil when it serves none),
// and whether such a discovery is attached.
func (st *state) didMethods(issuer string, now time.Time) ([]keys.Key, bool) {
	if !strings.HasPrefix(issuer, "did:") {
		return nil, false
	}
	for _, src := range st.sources {
		if src.discoverer != nil && src.issuer == issuer {
			if src.keys != nil && now.Before(src.staleUntil) {
				return src.keys, true
			}
			return nil, true
		}
	}
	return nil, false
}
