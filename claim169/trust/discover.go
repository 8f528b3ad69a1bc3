package trust

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/idqr/claim169/cose/keys"
)

// DiscoveryOptions configures a Discoverer. Issuers must name at least one
// issuer; the zero value of every other field is the safe default.
type DiscoveryOptions struct {
	// Issuers is the allow-list: the exact issuer identifiers (a
	// credential's CWT iss) whose keys may be discovered, each a did:key,
	// did:jwk or did:web DID or an https URL. Nothing else is ever looked
	// up ([ErrNotAllowed]).
	Issuers []string
	// Fetch configures the fetches as a Fetcher's: the client, the timeout
	// of each fetch, the freshness of what was fetched (MaxAge, MinAge,
	// Cache-Control) and how long past it a verifier still uses it
	// (MaxStale), and whether http URLs are allowed (AllowHTTP: an http
	// issuer, a jwks_uri or a redirect; did:web is https whatever it says).
	Fetch FetcherOptions
	// AllowPrivateAddresses lets the fetches reach loopback, private,
	// link-local and other non-public addresses, which are refused by
	// default ([ErrPrivateAddress]) so that a document cannot point a
	// verifier at its own network. Tests and closed networks set it.
	AllowPrivateAddresses bool
}

// Discoverer finds the verification keys of allow-listed issuers from
// their identifiers, the way MOSIP's Inji verifier does:
//
//   - did:key (Ed25519, P-256 or P-384, multibase base58btc) and did:jwk
//     (a base64url JWK) are resolved locally, with no network;
//   - did:web is resolved by fetching its DID document
//     (https://host/.well-known/did.json, or https://host/path/did.json),
//     whose verification methods hold keys as publicKeyJwk or
//     publicKeyMultibase (those of assertionMethod when it is present);
//   - an https issuer by fetching its OpenID4VCI issuer metadata,
//     {iss}/.well-known/openid-credential-issuer (where Inji reads it) or,
//     for an issuer with a path, https://host/.well-known/
//     openid-credential-issuer/path (OpenID4VCI 1.0), then the JWK Set its
//     jwks_uri names; failing metadata or a jwks_uri, the host's
//     /.well-known/jwks.json.
//
// Every fetch follows the rules of a Fetcher (https only unless allowed,
// the timeout, MaxResponseSize, at most MaxRedirects redirects and none to
// http) and refuses a response that is not JSON and, by default, an
// address that is not public. A Discoverer never runs by itself: attach it
// to a Store with [Store.AddIssuer], whose Refresh discovers, or call
// Discover. It is immutable and safe for concurrent use.
//
// Specification 1.2.2 recommends the COSE mechanisms instead (x5chain,
// x5bag and x5t with trust anchors, see [Store.AddAnchorsFor]); discovery
// is for interoperability with the issuers that publish keys this way.
type Discoverer struct {
	allowed map[string]string // issuer → method
	fetchPolicy
}

// NewDiscoverer checks opts (every issuer of the allow-list must be one
// whose keys can be discovered, [ErrUnsupportedIssuer] otherwise) and
// returns a Discoverer.
func NewDiscoverer(opts DiscoveryOptions) (*Discoverer, error) {
	if len(opts.Issuers) == 0 {
		return nil, fmt.Errorf("trust: no issuer to discover")
	}
	d := &Discoverer{allowed: make(map[string]string, len(opts.Issuers))}
	for i, iss := range opts.Issuers {
		m, err := issuerMethod(iss, opts.Fetch.AllowHTTP)
		if err != nil {
			return nil, fmt.Errorf("trust: issuer %d: %w", i+1, err)
		}
		d.allowed[iss] = m
	}
	var err error
	if d.fetchPolicy, err = newFetchPolicy(opts.Fetch); err != nil {
		return nil, err
	}
	if !opts.AllowPrivateAddresses {
		guarded := guardClient(*d.client)
		d.client = &guarded
	}
	return d, nil
}

// Allows reports whether issuer is on the allow-list.
func (d *Discoverer) Allows(issuer string) bool {
	_, ok := d.allowed[issuer]
	return ok
}

// IssuerKeys are the keys discovered for one issuer, and where and when
// they were found. A [DiscoveryCache] holds them between runs.
type IssuerKeys struct {
	// Issuer is the issuer identifier the keys were discovered for.
	Issuer string
	// Method is how: "did:key", "did:jwk", "did:web" or "https".
	Method string
	// URL is the document the keys came from: the DID document or the JWK
	// Set; empty for a DID resolved locally.
	URL string
	// Document is that document as fetched, from which the keys are read
	// again when a cache is loaded; nil for a DID resolved locally.
	Document []byte
	// Keys are the keys found. For a DID, each key's KeyID is the absolute
	// id of its verification method (did:web:host#key-1); for an https
	// issuer, its JWK kid.
	Keys []keys.Key
	// Warnings name what was skipped (unusable keys or verification
	// methods); they hold no key material.
	Warnings []string
	// FetchedAt, FreshUntil and StaleUntil are when the document was
	// fetched, until when it is used without refetching, and until when it
	// is still used while refetching fails; zero for a DID resolved
	// locally, which never goes stale.
	FetchedAt, FreshUntil, StaleUntil time.Time
}

// local reports whether the keys were resolved from the identifier alone.
func (k *IssuerKeys) local() bool { return k.Method == methodDIDKey || k.Method == methodDIDJWK }

// usableAt reports whether the keys may still be used at now.
func (k *IssuerKeys) usableAt(now time.Time) bool { return k.local() || now.Before(k.StaleUntil) }

// Discover finds the keys of issuer now: locally for did:key and did:jwk,
// by fetching for did:web and https issuers. An issuer that is not on the
// allow-list is refused with ErrNotAllowed before anything else. Every
// error wraps ErrDiscovery and says why: ErrNotAllowed, ErrBadDocument
// (keys.ErrInvalidSet for a bad JWK Set), a fetch error wrapping ErrFetch
// (with ErrContentType, ErrResponseTooLarge, ErrRedirect or
// ErrPrivateAddress), or ErrUnsupportedIssuer for a did:key or did:jwk that
// holds no usable key. FreshUntil and StaleUntil are set from the current
// time, the responses' Cache-Control and the fetch options.
func (d *Discoverer) Discover(ctx context.Context, issuer string) (*IssuerKeys, error) {
	return d.discover(ctx, issuer, time.Now())
}

// discover is Discover at time now.
func (d *Discoverer) discover(ctx context.Context, issuer string, now time.Time) (*IssuerKeys, error) {
	method, ok := d.allowed[issuer]
	if !ok {
		return nil, fmt.Errorf("%w: %w", ErrDiscovery, ErrNotAllowed)
	}
	found := &IssuerKeys{Issuer: issuer, Method: method}
	var cc cacheControl
	var err error
	switch method {
	case methodDIDKey, methodDIDJWK:
		var k keys.Key
		if k, err = resolveLocal(issuer, method); err == nil {
			found.Keys = []keys.Key{k}
			return found, nil
		}
	case methodDIDWeb:
		cc, err = d.didWeb(ctx, found)
	default:
		cc, err = d.openID(ctx, found)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDiscovery, err)
	}
	found.FetchedAt = now
	found.FreshUntil = now.Add(d.freshness(cc))
	found.StaleUntil = found.FreshUntil.Add(d.maxStale)
	return found, nil
}

// didWeb fetches and reads the DID document of the did:web found.Issuer.
func (d *Discoverer) didWeb(ctx context.Context, found *IssuerKeys) (cacheControl, error) {
	u, err := didWebURL(found.Issuer)
	if err != nil {
		return cacheControl{}, err
	}
	data, cc, err := d.fetchJSON(ctx, u, "application/did+json, application/did+ld+json, application/json")
	if err != nil {
		return cacheControl{}, err
	}
	if found.Keys, found.Warnings, err = parseDIDDocument(found.Issuer, data); err != nil {
		return cacheControl{}, err
	}
	found.URL, found.Document = u, data
	return cc, nil
}

// fetchJSON fetches a JSON document by the fetch policy; its errors name
// the URL (from the configuration or a fetched document, never from a
// credential).
func (d *Discoverer) fetchJSON(ctx context.Context, rawURL, accept string) ([]byte, cacheControl, error) {
	data, cc, err := d.get(ctx, rawURL, accept, true)
	if err != nil {
		return nil, cacheControl{}, fmt.Errorf("%s: %w", rawURL, err)
	}
	return data, cc, nil
}

// readDocument reads the keys of found from its Document again, as a cache
// holds it, by its method's rules.
func readDocument(found *IssuerKeys) error {
	var err error
	switch found.Method {
	case methodDIDKey, methodDIDJWK:
		var k keys.Key
		if k, err = resolveLocal(found.Issuer, found.Method); err == nil {
			found.Keys = []keys.Key{k}
		}
	case methodDIDWeb:
		found.Keys, found.Warnings, err = parseDIDDocument(found.Issuer, found.Document)
	default:
		var set *keys.Set
		if set, found.Warnings, err = parseKeySet(found.Document); err != nil {
			return fmt.Errorf("%w: %w", ErrBadDocument, err)
		}
		found.Keys = set.Keys()
	}
	return err
}

// clone returns a copy of k that shares nothing mutable with it.
func (k *IssuerKeys) clone() *IssuerKeys {
	c := *k
	c.Document = slices.Clone(k.Document)
	c.Keys = slices.Clone(k.Keys)
	c.Warnings = slices.Clone(k.Warnings)
	return &c
}
