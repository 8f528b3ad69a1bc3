package site_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/web/internal/site"
)

// goCmd runs the go command with env added and returns its output.
func goCmd(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	require.NoError(t, err, "go %s", strings.Join(args, " "))
	return strings.TrimSpace(string(out))
}

// TestWasmDeps keeps the browser's module lean: no net/http (the trust
// package's fetcher links it), no Brotli encoder, no trust package, and of
// gozxing the detector but not its QR reader or encoder (the SDK reads
// symbols with its own decoder: gozxing's would link x/text's Japanese,
// Korean and Chinese tables, which TestWasmSize would see).
func TestWasmDeps(t *testing.T) {
	deps := strings.Fields(goCmd(t, []string{"GOOS=js", "GOARCH=wasm"}, "list", "-deps", site.WasmPackage))
	require.Contains(t, deps, "github.com/idqr/claim169/claim169")
	require.Contains(t, deps, "github.com/makiuchi-d/gozxing/qrcode/detector")
	for _, dep := range deps {
		assert.NotEqual(t, "net/http", dep)
		assert.False(t, strings.HasPrefix(dep, "github.com/andybalholm/brotli"), dep)
		assert.NotEqual(t, "github.com/idqr/claim169/claim169/trust", dep)
		assert.NotContains(t, []string{
			"github.com/makiuchi-d/gozxing/qrcode",
			"github.com/makiuchi-d/gozxing/qrcode/encoder",
		}, dep)
	}
}

// maxWasmGzip is the goal for the module's size under gzip -9: 3 MB.
const maxWasmGzip = 3_000_000

// TestWasmSize builds the module as Build does and keeps it within
// maxWasmGzip once compressed. It compresses with compress/gzip at level
// 9, which leaves about 1% more than GNU gzip -9: the check is on the safe
// side.
func TestWasmSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	out := filepath.Join(t.TempDir(), site.WasmFile)
	goCmd(t, []string{"GOOS=js", "GOARCH=wasm"}, site.WasmBuildArgs(out)...)
	wasm, err := os.ReadFile(out)
	require.NoError(t, err)
	var compressed bytes.Buffer
	zw, err := gzip.NewWriterLevel(&compressed, gzip.BestCompression)
	require.NoError(t, err)
	_, err = zw.Write(wasm)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	t.Logf("%s: %d bytes, %d under gzip at level 9", site.WasmFile, len(wasm), compressed.Len())
	assert.LessOrEqual(t, compressed.Len(), maxWasmGzip, "see BENCHMARKS.md, WebAssembly")
}

// TestBuild writes the whole site, with Go's own wasm_exec.js, and a page
// that loads everything by relative paths from its own origin.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly module")
	}
	dir := filepath.Join(t.TempDir(), "new", "site") // created by Build
	require.NoError(t, site.Build(context.Background(), dir))
	for _, name := range append(site.StaticFiles(), site.WasmFile, site.WasmExecFile) {
		info, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err, name)
		assert.Positive(t, info.Size(), name)
	}
	glue, err := os.ReadFile(filepath.Join(goCmd(t, nil, "env", "GOROOT"), "lib", "wasm", site.WasmExecFile))
	require.NoError(t, err)
	built, err := os.ReadFile(filepath.Join(dir, site.WasmExecFile))
	require.NoError(t, err)
	assert.Equal(t, glue, built)
	wasm, err := os.ReadFile(filepath.Join(dir, site.WasmFile))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(wasm, []byte("\x00asm")))
}

// TestPageLoadsOnlyItsOwnFiles reads the static files: every src or href of
// the page and every import of its scripts is a relative path to a file of
// the site, and the page's Content-Security-Policy is ContentSecurityPolicy.
func TestPageLoadsOnlyItsOwnFiles(t *testing.T) {
	files := map[string]bool{site.WasmFile: true, site.WasmExecFile: true}
	for _, name := range site.StaticFiles() {
		files[name] = true
	}
	static := os.DirFS("static")
	page, err := os.ReadFile(filepath.Join("static", "index.html"))
	require.NoError(t, err)
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindSubmatch(page)
	require.NotNil(t, csp)
	assert.Equal(t, site.ContentSecurityPolicy, string(csp[1]))

	refs := regexp.MustCompile(`(?:src|href)="([^"#]+)"`).FindAllSubmatch(page, -1)
	require.NotEmpty(t, refs)
	for _, r := range refs {
		assert.True(t, files[string(r[1])], "index.html loads %s", r[1])
	}
	imports := regexp.MustCompile(`(?:from |importScripts\(|new Worker\(|fetch\()"(\./)?([^"]+)"`)
	for _, name := range site.StaticFiles() {
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		data, err := fs.ReadFile(static, name)
		require.NoError(t, err)
		for _, m := range imports.FindAllSubmatch(data, -1) {
			assert.True(t, files[string(m[2])], "%s loads %s", name, m[2])
		}
		assert.NotRegexp(t, `https?://`, string(data), "%s names a URL", name)
	}
}

// TestHandler serves the site with the policy, the module's MIME type and
// no caching.
func TestHandler(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, site.WasmFile), []byte("\x00asm"), 0o644))
	for path, typ := range map[string]string{"/": "text/html; charset=utf-8", "/" + site.WasmFile: "application/wasm"} {
		rec := httptest.NewRecorder()
		site.Handler(dir).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		assert.Equal(t, http.StatusOK, rec.Code, path)
		assert.Equal(t, typ, rec.Header().Get("Content-Type"), path)
		assert.Equal(t, site.ContentSecurityPolicy, rec.Header().Get("Content-Security-Policy"))
		assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"))
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
	}
}
