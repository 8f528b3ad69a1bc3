package site_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/web/internal/site"
)

// chromium is Debian's Chromium, which .ci/run installs. The tests run the
// program behind its wrapper script, chromiumBinary, when it is there: the
// wrapper adds Google API keys and flags for remote extensions, with which
// the browser itself (not the page) calls Google's servers at start.
const (
	chromium       = "/usr/bin/chromium"
	chromiumBinary = "/usr/lib/chromium/chromium"
)

// chromiumPath returns the program to start.
func chromiumPath() string {
	if _, err := os.Stat(chromiumBinary); err == nil {
		return chromiumBinary
	}
	return chromium
}

// browser is one headless Chromium on the built site, served from
// loopback, with a record of every request the page and its workers made,
// from the DevTools protocol's network events (data: and blob: URLs
// included).
type browser struct {
	ctx     context.Context
	origin  string // http://127.0.0.1:PORT
	workers *workers

	mu       sync.Mutex
	requests []string
}

// TestPlayground builds the site, serves it from a loopback file server and
// drives it in headless Chromium: decoding (verified, tampered, expired,
// malformed), inspecting, issuing and decoding back, scanning an uploaded
// PNG and the camera; no request may leave the loopback server.
func TestPlayground(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		t.Skipf("no %s (apt-get install -y chromium): %v", chromium, err)
	}
	if testing.Short() {
		t.Skip("builds the site and starts a browser")
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	require.NoError(t, site.Build(ctx, dir))
	f := newFixtures(t)

	// A plain file server, as any static host: the page's meta tag is its
	// only Content-Security-Policy, and a request it failed to stop would
	// show below.
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)

	b := startBrowser(t, ctx, srv.URL, f.cameraPath)
	t.Run("decode verified", func(t *testing.T) { testDecodeVerified(t, b, f) })
	t.Run("decode refused", func(t *testing.T) { testDecodeRefused(t, b, f) })
	t.Run("decode malformed", func(t *testing.T) { testDecodeMalformed(t, b, f) })
	t.Run("inspect", func(t *testing.T) { testInspect(t, b, f) })
	t.Run("issue", func(t *testing.T) { testIssue(t, b, f) })
	t.Run("scan upload", func(t *testing.T) { testScanUpload(t, b, f) })
	t.Run("camera", func(t *testing.T) { testCamera(t, b, f) })
	t.Run("no outside request", func(t *testing.T) { testNoOutsideRequest(t, b) })
}

// startBrowser starts Chromium with a fresh profile, no background
// networking, and a fake camera that plays the video at camera.
func startBrowser(t *testing.T, ctx context.Context, origin, camera string) *browser {
	t.Helper()
	b := &browser{origin: origin}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath()),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		// Chromium itself calls Google's servers at start (component
		// updates, account lookups) whatever the flags below: no name
		// resolves but loopback's, so that the test reaches no network.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.Flag("disable-component-extensions-with-background-pages", true),
		chromedp.Flag("disable-field-trial-config", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("metrics-recording-only", true),
		// Chromium's own queries (form signatures to its autofill server,
		// the network time, hints): the browser's, not the page's.
		chromedp.Flag("disable-features", "AutofillServerCommunication,NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,CertificateTransparencyComponentUpdater"),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", camera),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	b.ctx = bctx
	// Start the browser (with no deadline of its own), then listen to the
	// tab's network events, which chromedp enables.
	require.NoError(t, chromedp.Do(bctx))
	require.NoError(t, chromedp.Listen(bctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			b.record(e.Request.URL)
		}
	}))
	b.workers = b.watchWorkers(t)
	return b
}

// record notes a request the page or its worker made.
func (b *browser) record(url string) {
	b.mu.Lock()
	b.requests = append(b.requests, url)
	b.mu.Unlock()
}

// do runs actions with a deadline.
func (b *browser) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, actions...))
}

// get runs an action with a deadline and returns its value.
func get[T any](t *testing.T, b *browser, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 90*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	require.NoError(t, err)
	return v
}

// open loads the page afresh (the query makes each load a new document,
// since a new fragment alone would not reload it).
func (b *browser) open(t *testing.T, name, fragment string) {
	t.Helper()
	b.do(t, chromedp.Navigate(b.origin+"/?run="+strings.ReplaceAll(name, " ", "-")+fragment))
}

// dataset waits for the automation contract's result and returns
// document.body.dataset's verification and error.
func (b *browser) dataset(t *testing.T) (verification, stage string) {
	t.Helper()
	b.do(t, chromedp.Poll[chromedp.Void](`document.body.dataset.verification || document.body.dataset.error`,
		chromedp.WithPollingTimeout(60*time.Second)))
	got := eval[struct {
		Verification string `json:"verification"`
		Error        string `json:"error"`
	}](t, b, `({verification: document.body.dataset.verification || "", error: document.body.dataset.error || ""})`)
	return got.Verification, got.Error
}

// eval runs an expression, awaiting a promise, and returns its value.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	return get(t, b, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// imageWidth waits for the image matched by the CSS selector sel to be
// decoded and returns its natural width: 0 when it cannot be decoded.
func imageWidth(t *testing.T, b *browser, sel string) int {
	t.Helper()
	return eval[int](t, b, `(async () => {
		const img = document.querySelector(`+strconv.Quote(sel)+`);
		if (!img) return 0;
		try { await img.decode(); } catch (e) { return 0; }
		return img.naturalWidth;
	})()`)
}

// text waits for the element matched by the CSS selector sel to be visible
// and returns its text content.
func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	b.do(t, chromedp.WaitVisible(chromedp.CSS(sel)))
	return get(t, b, chromedp.TextContent(chromedp.CSS(sel)))
}

// value returns the value of the form field with the id.
func (b *browser) value(t *testing.T, id string) string {
	t.Helper()
	return get(t, b, chromedp.Value(chromedp.ID(id)))
}

// screenshot saves the page as name.png among the test's artifacts (kept
// by go test -artifacts).
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	png := get(t, b, chromedp.FullScreenshot(100))
	path := filepath.Join(t.ArtifactDir(), name+".png")
	require.NoError(t, os.WriteFile(path, png, 0o644))
	t.Logf("screenshot %s", path)
}

// testNoOutsideRequest checks every request of every subtest, the page's
// and its workers': the loopback server, data: or blob: only. The worker's
// fetch of the module must be among them, so that the record is known to
// cover the worker.
func testNoOutsideRequest(t *testing.T, b *browser) {
	n, errs := b.workers.stop()
	require.Empty(t, errs, "attaching to the workers")
	require.Positive(t, n, "no worker was watched")
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, u := range b.requests {
		ok := strings.HasPrefix(u, b.origin+"/") || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
		assert.True(t, ok, "a request left the loopback server: %.120s", u)
	}
	assert.Contains(t, b.requests, b.origin+"/"+site.WasmFile, "the worker's fetch of the module was recorded")
	t.Logf("%d requests of the page and its %d workers, all to %s, data: or blob:", len(b.requests), n, b.origin)
}
