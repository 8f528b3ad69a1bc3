package trust

import (
	"crypto/sha256"
	"crypto/x509"
	"sync"
)

// chainCache remembers the paths crypto/x509 verified for a chain, by the
// hash of the chain's certificates ([chainKey]) and for the anchor set they
// were verified under. It holds at most max chains and drops the least
// recently used first. It stores only verified chains, and what depends on
// the credential (validity at its time, the anchor's binding to its issuer)
// is checked again on every use ([usableLeaf]). A nil cache remembers
// nothing. It is safe for concurrent use.
type chainCache struct {
	mu      sync.Mutex
	max     int
	clock   uint64 // counts uses, for recency
	entries map[[sha256.Size]byte]*cacheEntry
}

// cacheEntry is one verified chain.
type cacheEntry struct {
	anchors  *anchorSet
	chains   [][]*x509.Certificate // verified paths, leaf first, anchor last
	lastUsed uint64
}

func newChainCache(max int) *chainCache {
	return &chainCache{max: max, entries: make(map[[sha256.Size]byte]*cacheEntry)}
}

// get returns the verified paths of the chain key under anchors, or nil.
// An entry verified under other anchors is dropped: anchors were added
// since.
func (c *chainCache) get(key [sha256.Size]byte, anchors *anchorSet) [][]*x509.Certificate {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	switch {
	case !ok:
		return nil
	case e.anchors != anchors:
		delete(c.entries, key)
		return nil
	}
	c.clock++
	e.lastUsed = c.clock
	return e.chains
}

// put remembers the verified paths of the chain key under anchors, dropping
// the least recently used chain when the cache is full. Evicting scans the
// entries, which costs far less than the chain verification that precedes
// every put.
func (c *chainCache) put(key [sha256.Size]byte, anchors *anchorSet, chains [][]*x509.Certificate) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		var oldest [sha256.Size]byte
		first := true
		for k, e := range c.entries {
			if first || e.lastUsed < c.entries[oldest].lastUsed {
				oldest, first = k, false
			}
		}
		delete(c.entries, oldest)
	}
	c.clock++
	c.entries[key] = &cacheEntry{anchors: anchors, chains: chains, lastUsed: c.clock}
}

// size returns the number of chains remembered.
func (c *chainCache) size() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
