package trust

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/bounded"
)

// Limits and defaults of a Fetcher.
const (
	// MaxResponseSize bounds a fetched key set: 1 MiB, the most
	// [keys.ParseSet] reads.
	MaxResponseSize = keys.MaxSetSize
	// MaxRedirects bounds the redirects followed by one fetch.
	MaxRedirects = 3
	// DefaultTimeout bounds one fetch, connection to last byte.
	DefaultTimeout = 10 * time.Second
	// DefaultMaxAge is how long a fetched set stays fresh when the response
	// names no shorter Cache-Control max-age.
	DefaultMaxAge = time.Hour
	// DefaultMinAge is the shortest freshness a Cache-Control max-age (or
	// no-cache, no-store) can impose.
	DefaultMinAge = time.Minute
	// DefaultMaxStale is how long past its freshness a fetched set is still
	// served while refreshing it fails.
	DefaultMaxStale = 24 * time.Hour
)

// FetcherOptions configures a Fetcher. The zero value is the safe default:
// https only, the default timeout and cache policy.
type FetcherOptions struct {
	// Client makes the requests; nil means a client with the default
	// transport. Its CheckRedirect is replaced by the fetcher's policy
	// (at most MaxRedirects, https only unless AllowHTTP).
	Client *http.Client
	// Timeout bounds one fetch; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxAge is the longest a fetched set stays fresh; 0 means
	// DefaultMaxAge. A Cache-Control max-age in the response shortens it,
	// down to MinAge.
	MaxAge time.Duration
	// MinAge is the shortest freshness a response can ask for; 0 means
	// DefaultMinAge (MaxAge, if that is shorter).
	MinAge time.Duration
	// MaxStale is how long past its freshness a set is still served while
	// refreshing it fails; 0 means DefaultMaxStale.
	MaxStale time.Duration
	// AllowHTTP permits http URLs (for tests and closed networks). Without
	// it only https is fetched, redirects included.
	AllowHTTP bool
}

// Fetcher fetches the JWK Set of an issuer, such as
// https://issuer.example/.well-known/jwks.json. Attach it to a Store with
// [Store.AddFetcher]; the store fetches only when [Store.Refresh] is
// called. A Fetcher is immutable and safe for concurrent use.
type Fetcher struct {
	url string
	fetchPolicy
}

// fetchPolicy is what a Fetcher and a Discoverer fetch with: a client whose
// redirects follow the policy of FetcherOptions, a timeout per fetch and
// the freshness rules of what was fetched.
type fetchPolicy struct {
	client    *http.Client
	allowHTTP bool
	timeout   time.Duration
	maxAge    time.Duration
	minAge    time.Duration
	maxStale  time.Duration
}

// newFetchPolicy checks opts and applies their defaults.
func newFetchPolicy(opts FetcherOptions) (fetchPolicy, error) {
	if opts.Timeout < 0 || opts.MaxAge < 0 || opts.MinAge < 0 || opts.MaxStale < 0 {
		return fetchPolicy{}, errors.New("trust: negative fetcher duration")
	}
	p := fetchPolicy{
		allowHTTP: opts.AllowHTTP,
		timeout:   orDefault(opts.Timeout, DefaultTimeout),
		maxAge:    orDefault(opts.MaxAge, DefaultMaxAge),
		minAge:    orDefault(opts.MinAge, DefaultMinAge),
		maxStale:  orDefault(opts.MaxStale, DefaultMaxStale),
	}
	p.minAge = min(p.minAge, p.maxAge)
	client := http.Client{}
	if opts.Client != nil {
		client = *opts.Client
	}
	client.CheckRedirect = redirectPolicy(opts.AllowHTTP)
	p.client = &client
	return p, nil
}

// NewFetcher returns a Fetcher for the key set at rawURL, an absolute https
// URL (or http with AllowHTTP) without user information.
func NewFetcher(rawURL string, opts FetcherOptions) (*Fetcher, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" || u.User != nil {
		return nil, errors.New("trust: the key set URL must be absolute, with a host and no user information")
	}
	if u.Scheme != "https" && (u.Scheme != "http" || !opts.AllowHTTP) {
		return nil, errors.New("trust: the key set URL must use https")
	}
	p, err := newFetchPolicy(opts)
	if err != nil {
		return nil, err
	}
	return &Fetcher{url: u.String(), fetchPolicy: p}, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// redirectPolicy follows at most MaxRedirects redirects, to https only
// unless allowHTTP.
func redirectPolicy(allowHTTP bool) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return fmt.Errorf("%w: more than %d redirects", ErrRedirect, MaxRedirects)
		}
		if req.URL.Scheme != "https" && (req.URL.Scheme != "http" || !allowHTTP) {
			return fmt.Errorf("%w: to a URL that is not https", ErrRedirect)
		}
		return nil
	}
}

// URL returns the URL the fetcher reads.
func (f *Fetcher) URL() string { return f.url }

// Fetch fetches and parses the key set once, without caching, within the
// fetcher's timeout. Entries that cannot be used are skipped and named in
// the warnings ([keys.ParseSet]). Every error wraps [ErrFetch]: a network
// error or timeout (also matching context.DeadlineExceeded), a redirect the
// policy refuses ([ErrRedirect]), a status other than 200, a body over
// [MaxResponseSize] ([ErrResponseTooLarge]), a body that is not a key set
// ([keys.ErrInvalidSet]) or a set without a usable key.
func (f *Fetcher) Fetch(ctx context.Context) (*keys.Set, []string, error) {
	r, err := f.fetch(ctx)
	if err != nil {
		return nil, nil, err
	}
	return r.set, r.warnings, nil
}

// fetched is the result of one fetch.
type fetched struct {
	set      *keys.Set
	warnings []string
	cache    cacheControl
	// found is what a Discoverer found (nil for a Fetcher's key set).
	found *IssuerKeys
}

func (f *Fetcher) fetch(ctx context.Context) (fetched, error) {
	data, cc, err := f.get(ctx, f.url, "application/jwk-set+json, application/json", false)
	if err != nil {
		return fetched{}, err
	}
	set, warnings, err := parseKeySet(data)
	if err != nil {
		return fetched{}, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	return fetched{set: set, warnings: warnings, cache: cc}, nil
}

// errNoUsableKey reports a key set without a key that can be used.
var errNoUsableKey = errors.New("the key set holds no usable key")

// parseKeySet reads a fetched key set, which must hold a usable key.
func parseKeySet(data []byte) (*keys.Set, []string, error) {
	set, warnings, err := keys.ParseSet(data)
	if err != nil {
		return nil, nil, err
	}
	if set.Len() == 0 {
		return nil, nil, errNoUsableKey
	}
	return set, warnings, nil
}

// statusError is an HTTP status other than 200.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("HTTP status %d", e.code) }

// get fetches rawURL within the timeout and returns its body, at most
// MaxResponseSize bytes, and its cache directives. With jsonOnly, a
// response whose Content-Type is not JSON (application/json or
// application/*+json) is refused with ErrContentType. Every error wraps
// ErrFetch; a status other than 200 is a *statusError.
func (p *fetchPolicy) get(ctx context.Context, rawURL, accept string, jsonOnly bool) ([]byte, cacheControl, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	req.Header.Set("Accept", accept)
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, &statusError{resp.StatusCode})
	}
	if jsonOnly && !isJSONType(resp.Header.Get("Content-Type")) {
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, ErrContentType)
	}
	if resp.ContentLength > MaxResponseSize {
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, ErrResponseTooLarge)
	}
	data, err := bounded.ReadAll(resp.Body, MaxResponseSize)
	switch {
	case errors.Is(err, bounded.ErrTooLarge):
		return nil, cacheControl{}, fmt.Errorf("%w: %w", ErrFetch, ErrResponseTooLarge)
	case err != nil:
		return nil, cacheControl{}, fmt.Errorf("%w: reading the response: %w", ErrFetch, err)
	}
	return data, parseCacheControl(resp.Header.Values("Cache-Control")), nil
}

// isJSONType reports whether a Content-Type names JSON: application/json
// or a structured syntax suffix, such as application/did+json or
// application/jwk-set+json.
func isJSONType(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	sub, ok := strings.CutPrefix(mt, "application/")
	return ok && (sub == "json" || strings.HasSuffix(sub, "+json"))
}
