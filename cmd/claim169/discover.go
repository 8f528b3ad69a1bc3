package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose/keys"
)

const discoverExample = `  claim169 discover did:web:id.example.org --discovery-cache issuers.json
  claim169 discover https://certify.example.org did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX
  claim169 decode --discover did:web:id.example.org --discovery-cache issuers.json --in qr.txt`

// discoveryNet is how the command reaches issuers: nil in production (the
// default client, public addresses only); tests set a client that trusts
// their loopback server, and allow its address.
type discoveryNet struct {
	client       *http.Client
	allowPrivate bool
}

// newDiscoverer returns a Discoverer of issuers for the command.
func newDiscoverer(e *env, issuers []string) (*trust.Discoverer, error) {
	opts := trust.DiscoveryOptions{Issuers: issuers}
	if e.discovery != nil {
		opts.Fetch.Client, opts.AllowPrivateAddresses = e.discovery.client, e.discovery.allowPrivate
	}
	d, err := trust.NewDiscoverer(opts)
	if err != nil {
		return nil, usagef("discover: %v", err)
	}
	return d, nil
}

// readDiscoveryCache reads the cache file at path; a file that does not
// exist yet is an empty cache.
func readDiscoveryCache(e *env, path string) (*trust.DiscoveryCache, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &trust.DiscoveryCache{}, nil
	}
	data, err := readFile(e, path, trust.MaxDiscoveryCacheSize, "--discovery-cache")
	if err != nil {
		return nil, err
	}
	c, err := trust.ParseDiscoveryCache(data)
	if err != nil {
		return nil, &inputError{"discovery-cache", err}
	}
	return c, nil
}

// addDiscovered allow-lists the --discover issuers in store and finds
// their keys before decoding: from --discovery-cache when it holds a fresh
// entry, else by fetching (did:key and did:jwk need neither). When a fetch
// fails but the cache still serves the issuer's keys, the failure is a
// warning on stderr; an issuer left without keys fails the command.
func (f *decodeFlags) addDiscovered(e *env, store *trust.Store) error {
	d, err := newDiscoverer(e, f.discover)
	if err != nil {
		return err
	}
	cache := &trust.DiscoveryCache{}
	if f.discoveryCache != "" {
		if cache, err = readDiscoveryCache(e, f.discoveryCache); err != nil {
			return err
		}
	}
	for _, iss := range f.discover {
		if err := store.AddIssuer(d, iss, cache.Lookup(iss)); err != nil {
			return &inputError{"discover", err}
		}
	}
	err = store.Refresh(context.Background())
	if err == nil {
		return nil
	}
	served := map[string]bool{}
	for _, k := range store.IssuerKeys() {
		served[k.Issuer] = true
	}
	for _, iss := range f.discover {
		local := strings.HasPrefix(iss, "did:key:") || strings.HasPrefix(iss, "did:jwk:")
		if !served[iss] && !local {
			return &ioError{"discover", err}
		}
	}
	fmt.Fprintln(e.stderr, "claim169: warning: "+oneLine(err.Error()))
	return nil
}

// discoveredIssuer is the JSON that discover prints for one issuer.
type discoveredIssuer struct {
	Issuer     string          `json:"issuer"`
	Method     string          `json:"method"`
	URL        string          `json:"url,omitempty"`
	Keys       []discoveredKey `json:"keys"`
	FetchedAt  *time.Time      `json:"fetchedAt,omitempty"`
	FreshUntil *time.Time      `json:"freshUntil,omitempty"`
	StaleUntil *time.Time      `json:"staleUntil,omitempty"`
	Warnings   []string        `json:"warnings"`
}

type discoveredKey struct {
	KeyID     string `json:"kid"`
	Type      string `json:"type"`
	Algorithm string `json:"alg,omitempty"`
}

func runDiscover(e *env, args []string) error {
	fs := newFlagSet(e, "discover", "ISSUER... [--discovery-cache FILE]", discoverExample)
	var cachePath string
	fs.StringVar(&cachePath, "discovery-cache", "", "write what was found to `FILE` (other issuers already in it are kept), for decode --discover to run offline")
	issuers, err := parseWithArgs(fs, args)
	if err != nil {
		return err
	}
	if len(issuers) == 0 {
		return usagef("discover: give one or more issuers (did:key, did:jwk, did:web or https URLs)")
	}
	d, err := newDiscoverer(e, issuers)
	if err != nil {
		return err
	}
	cache := &trust.DiscoveryCache{}
	if cachePath != "" {
		if cache, err = readDiscoveryCache(e, cachePath); err != nil {
			return err
		}
	}
	out := struct {
		Issuers []discoveredIssuer `json:"issuers"`
	}{Issuers: []discoveredIssuer{}}
	var failures []error
	for _, iss := range issuers {
		found, err := d.Discover(context.Background(), iss)
		if err != nil {
			failures = append(failures, err)
			continue
		}
		cache.Put(found)
		out.Issuers = append(out.Issuers, describeDiscovered(found))
	}
	if cachePath != "" {
		data, err := cache.Marshal()
		if err != nil {
			return &ioError{"--discovery-cache", err}
		}
		if err := writeCache(cachePath, data); err != nil {
			return err
		}
	}
	if err := printJSON(e, out); err != nil {
		return err
	}
	if len(failures) > 0 {
		return &ioError{"discover", errors.Join(failures...)}
	}
	return nil
}

// writeCache writes the cache file as keygen replaces a key (writeNew): a
// new temporary file beside it, renamed into place, so that a verifier
// never reads half a cache and no link at the temporary name is followed.
func writeCache(path string, data []byte) error {
	if err := writeNew(path, data, 0o644, true); err != nil {
		return &ioError{"--discovery-cache", err}
	}
	return nil
}

// parseWithArgs parses fs from args, flags and positional arguments in any
// order, and returns the positional ones.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlagsOnly(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// describeDiscovered returns the JSON form of what was found for an issuer.
func describeDiscovered(k *trust.IssuerKeys) discoveredIssuer {
	out := discoveredIssuer{Issuer: k.Issuer, Method: k.Method, URL: k.URL, Keys: []discoveredKey{}, Warnings: k.Warnings}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if !k.FetchedAt.IsZero() {
		fetched, fresh, stale := k.FetchedAt.UTC(), k.FreshUntil.UTC(), k.StaleUntil.UTC()
		out.FetchedAt, out.FreshUntil, out.StaleUntil = &fetched, &fresh, &stale
	}
	for _, key := range k.Keys {
		dk := discoveredKey{KeyID: key.KeyID, Type: keyType(key)}
		if key.Algorithm != 0 {
			dk.Algorithm = key.Algorithm.String()
		}
		out.Keys = append(out.Keys, dk)
	}
	return out
}

// keyType names the type of a verification key: Ed25519, P-256, P-384,
// P-521 or RSA.
func keyType(k keys.Key) string {
	switch p := k.Public.(type) {
	case ed25519.PublicKey:
		return "Ed25519"
	case *ecdsa.PublicKey:
		return p.Curve.Params().Name
	case *rsa.PublicKey:
		return "RSA"
	}
	return "unknown"
}
