package trust

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// edQuery asks for the EdDSA key "ed-2027" of testIssuer.
var edQuery = claim169.KeyQuery{Issuer: testIssuer, KeyID: []byte("ed-2027"), Algorithm: cose.EdDSA, Now: testNow}

func failing(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "unavailable", http.StatusServiceUnavailable)
}

func TestRefreshCachePolicy(t *testing.T) {
	m := newMixedSet(t)
	srv := newJWKSServer(t, serve(m.json, ""))
	clk := newClock(testNow)
	s := New(Options{Now: clk.Now})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{MaxAge: time.Hour, MaxStale: 2 * time.Hour}))
	ctx := t.Context()

	steps := []struct {
		name       string
		advance    time.Duration
		handler    http.HandlerFunc // nil: unchanged
		refresh    bool
		refreshErr error // nil: Refresh succeeds
		hits       int64
		resolveErr error // nil: the key resolves
	}{
		{"nothing loaded before Refresh", 0, nil, false, nil, 0, ErrUnknownIssuer},
		{"first Refresh fetches", 0, nil, true, nil, 1, nil},
		{"fresh set is not fetched again", 59 * time.Minute, nil, true, nil, 1, nil},
		{"due after MaxAge; failure keeps the stale set", 2 * time.Minute, failing, true, ErrFetch, 2, nil},
		{"stale set still served within MaxStale", 118 * time.Minute, nil, false, nil, 2, nil},
		{"past MaxStale Resolve drops the set", 2 * time.Minute, nil, false, nil, 2, ErrUnknownIssuer},
		{"past MaxStale Refresh reports ErrStale", 0, nil, true, ErrStale, 3, ErrUnknownIssuer},
		{"failure with nothing cached", 0, nil, true, ErrFetch, 4, ErrUnknownIssuer},
		{"recovery", 0, serve(m.json, ""), true, nil, 5, nil},
	}
	for _, step := range steps {
		clk.advance(step.advance)
		if step.handler != nil {
			srv.set(step.handler)
		}
		if step.refresh {
			err := s.Refresh(ctx)
			if step.refreshErr == nil {
				require.NoError(t, err, step.name)
			} else {
				require.ErrorIs(t, err, step.refreshErr, step.name)
			}
		}
		assert.Equal(t, step.hits, srv.hits.Load(), step.name)
		got, err := s.Resolve(t.Context(), edQuery)
		if step.resolveErr == nil {
			require.NoError(t, err, step.name)
			assert.Equal(t, []any{m.ed.Public()}, toAny(got), step.name)
		} else {
			assert.ErrorIs(t, err, step.resolveErr, step.name)
		}
	}
}

func toAny[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func TestRefreshStaleErrorIsFetchError(t *testing.T) {
	srv := newJWKSServer(t, serve(newMixedSet(t).json, ""))
	clk := newClock(testNow)
	s := New(Options{Now: clk.Now})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{MaxAge: time.Minute, MaxStale: time.Minute}))
	require.NoError(t, s.Refresh(t.Context()))
	srv.set(failing)
	clk.advance(90 * time.Second)
	err := s.Refresh(t.Context())
	assert.ErrorIs(t, err, ErrFetch)
	assert.NotErrorIs(t, err, ErrStale)
	clk.advance(time.Minute)
	err = s.Refresh(t.Context())
	assert.ErrorIs(t, err, ErrFetch)
	assert.ErrorIs(t, err, ErrStale)
}

func TestRefreshCacheControl(t *testing.T) {
	m := newMixedSet(t)
	tests := []struct {
		name   string
		header string
		fresh  time.Duration // the set is fetched again just after this
	}{
		{"no header: MaxAge", "", time.Hour},
		{"max-age within bounds", "max-age=600", 10 * time.Minute},
		{"max-age under MinAge", "max-age=1", time.Minute},
		{"no-store: MinAge", "no-store", time.Minute},
		{"max-age over MaxAge", "max-age=86400", time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newJWKSServer(t, serve(m.json, tc.header))
			clk := newClock(testNow)
			s := New(Options{Now: clk.Now})
			s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{MaxAge: time.Hour}))
			require.NoError(t, s.Refresh(t.Context()))
			clk.advance(tc.fresh - time.Second)
			require.NoError(t, s.Refresh(t.Context()))
			assert.EqualValues(t, 1, srv.hits.Load(), "still fresh")
			clk.advance(time.Second)
			require.NoError(t, s.Refresh(t.Context()))
			assert.EqualValues(t, 2, srv.hits.Load(), "due")
		})
	}
}

func TestNoFetchDuringResolve(t *testing.T) {
	srv := newJWKSServer(t, serve(newMixedSet(t).json, ""))
	clk := newClock(testNow)
	s := New(Options{Now: clk.Now})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{MaxAge: time.Minute}))
	for range 10 {
		_, err := s.Resolve(t.Context(), edQuery)
		assert.ErrorIs(t, err, ErrUnknownIssuer)
	}
	require.NoError(t, s.Refresh(t.Context()))
	clk.advance(time.Hour) // the set is due, but only Refresh fetches
	for range 10 {
		_, err := s.Resolve(t.Context(), edQuery)
		require.NoError(t, err)
	}
	assert.EqualValues(t, 1, srv.hits.Load())
}

func TestRefreshWarnings(t *testing.T) {
	srv := newJWKSServer(t, serve(newMixedSet(t).json, ""))
	var mu sync.Mutex
	var warnings []string
	s := New(Options{Warn: func(w string) {
		mu.Lock()
		defer mu.Unlock()
		warnings = append(warnings, w)
	}})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{}))
	require.NoError(t, s.Refresh(t.Context()))
	assert.Len(t, warnings, 4)
}

func TestRefreshSeveralIssuers(t *testing.T) {
	m1, m2 := newMixedSet(t), newMixedSet(t)
	srv1 := newJWKSServer(t, serve(m1.json, ""))
	srv2 := newJWKSServer(t, failing)
	s := New(Options{})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv1.URL, FetcherOptions{}))
	s.AddFetcher("https://second.example", newTestFetcher(t, srv2.URL, FetcherOptions{}))
	err := s.Refresh(t.Context())
	assert.ErrorIs(t, err, ErrFetch, "the second issuer failed")
	_, err = s.Resolve(t.Context(), edQuery)
	require.NoError(t, err, "the first issuer's set is loaded")
	q := edQuery
	q.Issuer = "https://second.example"
	_, err = s.Resolve(t.Context(), q)
	assert.ErrorIs(t, err, ErrUnknownIssuer)

	srv2.set(serve(m2.json, ""))
	require.NoError(t, s.Refresh(t.Context()))
	got, err := s.Resolve(t.Context(), q)
	require.NoError(t, err)
	assert.Equal(t, []any{m2.ed.Public()}, toAny(got))
	assert.EqualValues(t, 1, srv1.hits.Load(), "the fresh set was not fetched again")
}

func TestRefreshLoop(t *testing.T) {
	srv := newJWKSServer(t, failing)
	s := New(Options{})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{}))
	ctx, cancel := context.WithCancel(t.Context())
	var reports atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.RefreshLoop(ctx, time.Millisecond, func(err error) {
			assert.ErrorIs(t, err, ErrFetch)
			if reports.Add(1) == 3 {
				cancel()
			}
		})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("RefreshLoop did not stop")
	}
	assert.GreaterOrEqual(t, reports.Load(), int64(3))
	assert.Panics(t, func() { s.RefreshLoop(t.Context(), 0, nil) })
}

// TestConcurrentResolveRefresh runs Resolve, Refresh and the Add methods at
// once; run it with -race.
func TestConcurrentResolveRefresh(t *testing.T) {
	m := newMixedSet(t)
	srv := newJWKSServer(t, serve(m.json, ""))
	clk := newClock(testNow)
	s := New(Options{Now: clk.Now})
	s.AddFetcher(testIssuer, newTestFetcher(t, srv.URL, FetcherOptions{MaxAge: time.Minute}))
	require.NoError(t, s.Refresh(t.Context()))
	pki := newPKI(t)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				got, err := s.Resolve(t.Context(), edQuery)
				if !assert.NoError(t, err) || !assert.Len(t, got, 1) {
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			clk.advance(2 * time.Minute) // always due, never past MaxStale
			assert.NoError(t, s.Refresh(t.Context()))
		}
	})
	wg.Go(func() {
		for range 20 {
			assert.NoError(t, s.AddKey("https://other.example", "k", newEd25519(t).Public(), 0))
			s.AddAnchors(pki.root.cert)
			assert.NoError(t, s.AddCertificates(pki.leaf.cert))
		}
	})
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	assert.GreaterOrEqual(t, srv.hits.Load(), int64(2))
}
