package trust

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose/keys"
)

// jwksServer serves a key set on loopback and counts the requests. Its
// response can be changed while it runs.
type jwksServer struct {
	*httptest.Server
	hits    atomic.Int64
	handler atomic.Pointer[http.HandlerFunc]
}

func newJWKSServer(t testing.TB, h http.HandlerFunc) *jwksServer {
	t.Helper()
	s := &jwksServer{}
	s.set(h)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		(*s.handler.Load())(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) set(h http.HandlerFunc) { s.handler.Store(&h) }

// serve returns a handler answering body with status 200 and the given
// Cache-Control, if any.
func serve(body, cacheControl string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if cacheControl != "" {
			w.Header().Set("Cache-Control", cacheControl)
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write([]byte(body))
	}
}

func newTestFetcher(t testing.TB, url string, opts FetcherOptions) *Fetcher {
	t.Helper()
	opts.AllowHTTP = true
	f, err := NewFetcher(url, opts)
	require.NoError(t, err)
	return f
}

func TestFetch(t *testing.T) {
	m := newMixedSet(t)
	tooLarge := `{"keys":[]}` + strings.Repeat(" ", MaxResponseSize)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		ok      bool
		want    []error // besides ErrFetch
	}{
		{"ok", serve(m.json, ""), true, nil},
		{"status 500", func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "down", http.StatusInternalServerError) }, false, nil},
		{"status 404", http.NotFound, false, nil},
		{"invalid JSON", serve(`{"keys":[`, ""), false, []error{keys.ErrInvalidSet}},
		{"not a key set", serve(`{"kty":"OKP"}`, ""), false, []error{keys.ErrInvalidSet}},
		{"no usable key", serve(`{"keys":[{"kty":"oct","k":"AAAA"}]}`, ""), false, nil},
		{"too large with Content-Length", serve(tooLarge, ""), false, []error{ErrResponseTooLarge}},
		{"too large, chunked", func(w http.ResponseWriter, _ *http.Request) {
			for i := 0; i <= MaxResponseSize; i += 4096 {
				_, _ = w.Write([]byte(strings.Repeat(" ", 4096)))
				w.(http.Flusher).Flush()
			}
		}, false, []error{ErrResponseTooLarge}},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, false, []error{context.DeadlineExceeded}},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newJWKSServer(t, tc.handler)
			f := newTestFetcher(t, srv.URL+"/.well-known/jwks.json", FetcherOptions{Timeout: 200 * time.Millisecond})
			set, warnings, err := f.Fetch(t.Context())
			if tc.ok {
				require.NoError(t, err)
				assert.Equal(t, 3, set.Len())
				assert.Len(t, warnings, 4)
				return
			}
			assert.Nil(t, set)
			assert.Nil(t, warnings)
			assert.ErrorIs(t, err, ErrFetch)
			for _, want := range tc.want {
				assert.ErrorIs(t, err, want)
			}
		})
	}
}

func TestFetchCallerContext(t *testing.T) {
	srv := newJWKSServer(t, serve("{}", ""))
	f := newTestFetcher(t, srv.URL, FetcherOptions{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err := f.Fetch(ctx)
	assert.ErrorIs(t, err, ErrFetch)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestFetchRedirectToHTTPRefused(t *testing.T) {
	target := newJWKSServer(t, serve(newMixedSet(t).json, ""))
	var redirectURL atomic.Value
	redirectURL.Store(target.URL)
	// An https fetcher (over an httptest TLS server) must not follow a
	// redirect to http.
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, redirectURL.Load().(string), http.StatusFound)
	}))
	t.Cleanup(tlsSrv.Close)
	f, err := NewFetcher(tlsSrv.URL, FetcherOptions{Client: tlsSrv.Client()})
	require.NoError(t, err)
	_, _, err = f.Fetch(t.Context())
	assert.ErrorIs(t, err, ErrFetch)
	assert.Zero(t, target.hits.Load())
}

func TestFetchHTTPS(t *testing.T) {
	srv := httptest.NewTLSServer(serve(newMixedSet(t).json, ""))
	t.Cleanup(srv.Close)
	f, err := NewFetcher(srv.URL+"/jwks.json", FetcherOptions{Client: srv.Client()})
	require.NoError(t, err)
	assert.Equal(t, srv.URL+"/jwks.json", f.URL())
	set, _, err := f.Fetch(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 3, set.Len())
}

func TestNewFetcherRefused(t *testing.T) {
	tests := []struct {
		name string
		url  string
		opts FetcherOptions
	}{
		{"http without AllowHTTP", "http://issuer.example/jwks.json", FetcherOptions{}},
		{"ftp", "ftp://issuer.example/jwks.json", FetcherOptions{AllowHTTP: true}},
		{"relative", "/jwks.json", FetcherOptions{}},
		{"no host", "https:///jwks.json", FetcherOptions{}},
		{"user information", "https://user:pass@issuer.example/jwks.json", FetcherOptions{}},
		{"unparsable", "https://issuer.example/%zz", FetcherOptions{}},
		{"negative timeout", "https://issuer.example/jwks.json", FetcherOptions{Timeout: -1}},
		{"negative max age", "https://issuer.example/jwks.json", FetcherOptions{MaxAge: -1}},
		{"negative min age", "https://issuer.example/jwks.json", FetcherOptions{MinAge: -1}},
		{"negative max stale", "https://issuer.example/jwks.json", FetcherOptions{MaxStale: -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, err := NewFetcher(tc.url, tc.opts)
			assert.Nil(t, f)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), "pass")
		})
	}
}

func TestParseCacheControl(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   cacheControl
	}{
		{"absent", nil, cacheControl{}},
		{"max-age", []string{"public, max-age=300"}, cacheControl{5 * time.Minute, true}},
		{"quoted, upper case", []string{`MAX-AGE="60"`}, cacheControl{time.Minute, true}},
		{"smallest wins", []string{"max-age=600", "max-age=120"}, cacheControl{2 * time.Minute, true}},
		{"no-cache", []string{"no-cache"}, cacheControl{0, true}},
		{"no-store", []string{"max-age=600, no-store"}, cacheControl{0, true}},
		{"malformed ignored", []string{"max-age=-1, max-age=abc, max-age"}, cacheControl{}},
		{"huge capped", []string{"max-age=99999999999999999999"}, cacheControl{}},
		{"large capped", []string{"max-age=9999999999999"}, cacheControl{maxCacheSeconds * time.Second, true}},
		{"other directives", []string{"private, must-revalidate"}, cacheControl{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, parseCacheControl(tc.values))
		})
	}
}

func TestFreshness(t *testing.T) {
	f, err := NewFetcher("https://issuer.example/jwks.json", FetcherOptions{MaxAge: time.Hour, MinAge: 5 * time.Minute})
	require.NoError(t, err)
	assert.Equal(t, time.Hour, f.freshness(cacheControl{}))
	assert.Equal(t, 10*time.Minute, f.freshness(cacheControl{10 * time.Minute, true}))
	assert.Equal(t, 5*time.Minute, f.freshness(cacheControl{0, true}))
	assert.Equal(t, time.Hour, f.freshness(cacheControl{48 * time.Hour, true}))

	short, err := NewFetcher("https://issuer.example/jwks.json", FetcherOptions{MaxAge: 30 * time.Second})
	require.NoError(t, err)
	assert.Equal(t, 30*time.Second, short.freshness(cacheControl{0, true}), "MinAge is capped by MaxAge")
}

func TestFetchErrorsNameNoKeys(t *testing.T) {
	srv := newJWKSServer(t, serve(`{"keys":[{"kty":"oct","kid":"secret-kid-value","k":"AAAA"}]}`, ""))
	f := newTestFetcher(t, srv.URL, FetcherOptions{})
	_, _, err := f.Fetch(t.Context())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "AAAA")
	assert.NotContains(t, err.Error(), "secret-kid-value")
	assert.True(t, errors.Is(err, ErrFetch))
}

// A fetch follows at most MaxRedirects redirects: a set behind exactly that
// many is fetched, one more is refused without reaching it.
func TestFetchRedirectBound(t *testing.T) {
	body := newMixedSet(t).json
	for _, redirects := range []int{MaxRedirects, MaxRedirects + 1} {
		t.Run(fmt.Sprint(redirects, " redirects"), func(t *testing.T) {
			var served atomic.Int64
			srv := newJWKSServer(t, func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
				if n < redirects {
					http.Redirect(w, r, fmt.Sprint("/", n+1), http.StatusFound)
					return
				}
				served.Add(1)
				serve(body, "")(w, r)
			})
			f := newTestFetcher(t, srv.URL+"/0", FetcherOptions{})
			set, _, err := f.Fetch(t.Context())
			if redirects <= MaxRedirects {
				require.NoError(t, err)
				assert.Equal(t, 3, set.Len())
				return
			}
			assert.ErrorIs(t, err, ErrFetch)
			assert.Zero(t, served.Load(), "the set behind one redirect too many is not requested")
			assert.Equal(t, int64(MaxRedirects+1), srv.hits.Load())
		})
	}
}

// A set of more than keys.MaxSetKeys entries is refused whole.
func TestFetchTooManyKeys(t *testing.T) {
	entry := `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`
	body := `{"keys":[` + strings.Repeat(entry+",", keys.MaxSetKeys) + entry + `]}`
	srv := newJWKSServer(t, serve(body, ""))
	_, _, err := newTestFetcher(t, srv.URL, FetcherOptions{}).Fetch(t.Context())
	assert.ErrorIs(t, err, ErrFetch)
	assert.ErrorIs(t, err, keys.ErrInvalidSet)
}
