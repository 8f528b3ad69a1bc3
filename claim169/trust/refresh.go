package trust

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Refresh fetches, with the fetchers attached by [Store.AddFetcher] and the
// discoveries attached by [Store.AddIssuer], every key set that is not
// loaded yet or is no longer fresh, and replaces it in the store; fresh
// sets are not fetched again. A set is fresh for the
// fetcher's MaxAge, or for the response's Cache-Control max-age when that
// is shorter (but not under MinAge). When a fetch fails, the set fetched
// before is still served until MaxStale past its freshness; after that it
// is dropped and the error matches [ErrStale]. The fetches run concurrently;
// the error joins the failures of each (each wrapping [ErrFetch]), and nil
// means every due set was fetched. Resolve keeps answering from the
// previous snapshot meanwhile. Concurrent calls run one after the other.
func (s *Store) Refresh(ctx context.Context) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	now := s.now()
	var due []*source
	for _, src := range s.state.Load().sources {
		if src.keys == nil || !now.Before(src.freshUntil) {
			due = append(due, src)
		}
	}
	if len(due) == 0 {
		return nil
	}
	results := make([]fetched, len(due))
	errs := make([]error, len(due))
	var wg sync.WaitGroup
	for i, src := range due {
		wg.Go(func() { results[i], errs[i] = src.fetch(ctx, now) })
	}
	wg.Wait()
	now = s.now()
	updated := make([]*source, len(due))
	var failures []error
	for i, src := range due {
		next, err := s.refreshed(src, results[i], errs[i], now)
		updated[i] = next
		if err != nil {
			failures = append(failures, err)
		}
	}
	s.update(func(st *state) {
		st.sources = slices.Clone(st.sources)
		for _, next := range updated {
			st.sources[next.id] = next
		}
	})
	return errors.Join(failures...)
}

// refreshed returns src updated with the outcome of one fetch at time now,
// and the error to report.
func (s *Store) refreshed(src *source, r fetched, err error, now time.Time) (*source, error) {
	next := *src
	p := src.policy()
	if err == nil {
		warnings := r.warnings
		if r.found != nil {
			next.found, next.keys, warnings = r.found, r.found.Keys, r.found.Warnings
			next.fetchedAt, next.freshUntil, next.staleUntil = r.found.FetchedAt, r.found.FreshUntil, r.found.StaleUntil
		} else {
			next.keys = r.set.Keys()
			next.fetchedAt = now
			next.freshUntil = now.Add(p.freshness(r.cache))
			next.staleUntil = next.freshUntil.Add(p.maxStale)
		}
		if s.warn != nil {
			for _, w := range warnings {
				s.warn(w)
			}
		}
		return &next, nil
	}
	err = fmt.Errorf("trust: refreshing %s: %w", src.name(), err)
	switch {
	case src.keys == nil:
		return &next, err
	case now.Before(src.staleUntil):
		return &next, fmt.Errorf("%w; serving the set fetched at %s", err, src.fetchedAt.UTC().Format(time.RFC3339))
	}
	next.keys, next.found = nil, nil
	return &next, fmt.Errorf("%w: %w", ErrStale, err)
}

// RefreshLoop calls Refresh now and then every interval until ctx is done,
// passing each error to report (which may be nil). Since Refresh fetches
// only the sets that are due, interval is the retry period after a
// failure, and can be well under the sets' MaxAge. It panics if interval is
// not positive.
func (s *Store) RefreshLoop(ctx context.Context, interval time.Duration, report func(error)) {
	if interval <= 0 {
		panic("trust: non-positive refresh interval")
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.Refresh(ctx); err != nil && report != nil && ctx.Err() == nil {
			report(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// cacheControl is what a response's Cache-Control says about freshness.
type cacheControl struct {
	maxAge time.Duration
	set    bool // max-age, no-cache or no-store present
}

// maxCacheSeconds caps a max-age before conversion, against overflow; far
// above any MaxAge.
const maxCacheSeconds = 1 << 31

// parseCacheControl reads the max-age, no-cache and no-store directives
// (RFC 9111 §5.2.2); no-cache and no-store count as max-age=0, and the
// smallest max-age wins. Other directives and malformed ones are ignored.
func parseCacheControl(values []string) cacheControl {
	var cc cacheControl
	for _, v := range values {
		for d := range strings.SplitSeq(v, ",") {
			name, arg, _ := strings.Cut(strings.TrimSpace(d), "=")
			var age time.Duration
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "no-cache", "no-store":
			case "max-age":
				n, err := strconv.ParseUint(strings.Trim(strings.TrimSpace(arg), `"`), 10, 64)
				if err != nil {
					continue
				}
				age = time.Duration(min(n, maxCacheSeconds)) * time.Second
			default:
				continue
			}
			if !cc.set || age < cc.maxAge {
				cc.maxAge, cc.set = age, true
			}
		}
	}
	return cc
}

// freshness returns how long a set fetched with cache directives cc stays
// fresh: MaxAge, or the response's max-age within [MinAge, MaxAge].
func (p *fetchPolicy) freshness(cc cacheControl) time.Duration {
	if !cc.set {
		return p.maxAge
	}
	return min(max(cc.maxAge, p.minAge), p.maxAge)
}
