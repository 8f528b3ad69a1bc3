package trust

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/idqr/claim169/internal/jsonstrict"
)

// Limits of a DiscoveryCache file.
const (
	// MaxDiscoveryCacheSize bounds a discovery cache file: 16 MiB.
	MaxDiscoveryCacheSize = 16 << 20
	// MaxDiscoveryCacheIssuers bounds the issuers of a discovery cache.
	MaxDiscoveryCacheIssuers = 256
)

// discoveryCacheVersion is the version of the file format.
const discoveryCacheVersion = 1

// DiscoveryCache holds the keys discovered for issuers between runs, so
// that a verifier can run offline after one online step: fill it from
// [Store.IssuerKeys] after [Store.Refresh], write it with Marshal, and give
// its entries to [Store.AddIssuer] in the next run. Each entry keeps the
// document as fetched (a DID document or a JWK Set) and when it goes stale;
// ParseDiscoveryCache reads the keys from the documents again, by the same
// rules as a fetch.
type DiscoveryCache struct {
	Issuers []*IssuerKeys
}

// discoveryFile is the JSON form of a DiscoveryCache.
type discoveryFile struct {
	Version int              `json:"version"`
	Issuers []discoveryEntry `json:"issuers"`
}

type discoveryEntry struct {
	Issuer     string          `json:"issuer"`
	Method     string          `json:"method"`
	URL        string          `json:"url"`
	Document   json.RawMessage `json:"document"`
	FetchedAt  time.Time       `json:"fetchedAt"`
	FreshUntil time.Time       `json:"freshUntil"`
	StaleUntil time.Time       `json:"staleUntil"`
}

// Lookup returns the entry of issuer, or nil.
func (c *DiscoveryCache) Lookup(issuer string) *IssuerKeys {
	for _, k := range c.Issuers {
		if k.Issuer == issuer {
			return k
		}
	}
	return nil
}

// Put adds k, replacing the entry of its issuer if there is one.
func (c *DiscoveryCache) Put(k *IssuerKeys) {
	for i, old := range c.Issuers {
		if old.Issuer == k.Issuer {
			c.Issuers[i] = k
			return
		}
	}
	c.Issuers = append(c.Issuers, k)
}

// Marshal returns the file form of c: JSON, each document embedded as
// fetched (compacted). Entries without a document (a DID resolved
// locally) are left out.
func (c *DiscoveryCache) Marshal() ([]byte, error) {
	f := discoveryFile{Version: discoveryCacheVersion, Issuers: []discoveryEntry{}}
	for _, k := range c.Issuers {
		if k.local() || len(k.Document) == 0 {
			continue
		}
		f.Issuers = append(f.Issuers, discoveryEntry{Issuer: k.Issuer, Method: k.Method, URL: k.URL,
			Document: k.Document, FetchedAt: k.FetchedAt.UTC(), FreshUntil: k.FreshUntil.UTC(), StaleUntil: k.StaleUntil.UTC()})
	}
	out, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("trust: discovery cache: %w", err)
	}
	return append(out, '\n'), nil
}

// ParseDiscoveryCache reads a discovery cache file, at most
// MaxDiscoveryCacheSize bytes and MaxDiscoveryCacheIssuers issuers. Every
// entry's keys are read from its document again, by the rules of its
// method (a DID document for its DID, a JWK Set); an entry whose document
// does not pass, or whose method is not its issuer's, refuses the file with
// [ErrBadDocument]. Entries may be stale: [Store.AddIssuer] ignores those.
func ParseDiscoveryCache(data []byte) (*DiscoveryCache, error) {
	if len(data) > MaxDiscoveryCacheSize {
		return nil, fmt.Errorf("%w: discovery cache over %d bytes", ErrBadDocument, MaxDiscoveryCacheSize)
	}
	var f discoveryFile
	if err := jsonstrict.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: the discovery cache is not valid JSON of its format", ErrBadDocument)
	}
	if f.Version != discoveryCacheVersion {
		return nil, fmt.Errorf("%w: discovery cache version %d, want %d", ErrBadDocument, f.Version, discoveryCacheVersion)
	}
	if len(f.Issuers) > MaxDiscoveryCacheIssuers {
		return nil, fmt.Errorf("%w: over %d issuers in the discovery cache", ErrBadDocument, MaxDiscoveryCacheIssuers)
	}
	c := &DiscoveryCache{}
	for i, e := range f.Issuers {
		k := &IssuerKeys{Issuer: e.Issuer, Method: e.Method, URL: e.URL, Document: e.Document,
			FetchedAt: e.FetchedAt, FreshUntil: e.FreshUntil, StaleUntil: e.StaleUntil}
		method, err := issuerMethod(e.Issuer, true)
		if err == nil && (method != e.Method || k.local()) {
			err = fmt.Errorf("%w: method %q", ErrBadDocument, e.Method)
		}
		if err == nil {
			err = readDocument(k)
		}
		if err != nil {
			return nil, fmt.Errorf("trust: discovery cache entry %d: %w", i+1, err)
		}
		if c.Lookup(k.Issuer) != nil {
			return nil, fmt.Errorf("%w: discovery cache entry %d repeats an issuer", ErrBadDocument, i+1)
		}
		c.Issuers = append(c.Issuers, k)
	}
	return c, nil
}
