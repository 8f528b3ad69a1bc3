package site_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// workers attaches to the dedicated workers the page starts, so that their
// requests are recorded too: the page's network events do not show a
// worker's. Each worker starts paused (waitForDebuggerOnStart) until its own
// session records network events, then runs.
type workers struct {
	b *browser

	mu      sync.Mutex
	cancels []context.CancelFunc
	seen    int
	errs    []error
}

// watchWorkers starts attaching to the page's workers; stop ends it.
func (b *browser) watchWorkers(t *testing.T) *workers {
	t.Helper()
	w := &workers{b: b}
	require.NoError(t, chromedp.Listen(b.ctx, func(ev any) {
		if e, ok := ev.(*target.EventAttachedToTarget); ok && e.TargetInfo != nil && e.TargetInfo.Type == "worker" {
			go w.attach(e.TargetInfo.TargetID, e.WaitingForDebugger)
		}
	}))
	flatten := true
	_, err := chromedp.Call(b.ctx, target.SetAutoAttach, target.SetAutoAttachParams{
		AutoAttach: true, WaitForDebuggerOnStart: true, Flatten: &flatten})
	require.NoError(t, err)
	return w
}

// attach opens a session on the worker that records its requests, then
// lets it run.
func (w *workers) attach(id target.ID, waiting bool) {
	ctx, cancel := chromedp.NewContext(w.b.ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel(),
		chromedp.WithListener(func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				w.b.record(e.Request.URL)
			}
		}))
	w.mu.Lock()
	w.cancels = append(w.cancels, cancel)
	w.mu.Unlock()
	err := chromedp.Do(ctx)
	if err == nil && waiting {
		_, err = chromedp.Call(ctx, runtime.RunIfWaitingForDebugger, cdp.Empty{})
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case errors.Is(err, chromedp.ErrTargetDetached):
		// The page went on before the worker ran: paused from its start,
		// it made no request.
	case err != nil:
		w.errs = append(w.errs, err)
	default:
		w.seen++
	}
}

// stop detaches from the workers and returns how many ran watched and the
// errors met.
func (w *workers) stop() (int, []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, cancel := range w.cancels {
		cancel()
	}
	return w.seen, w.errs
}
