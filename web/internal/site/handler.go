package site

import (
	"net/http"
	"strings"
)

// ContentSecurityPolicy is the policy of the page, in its meta tag and in
// the header Handler sends: its own origin only; data: and blob: images
// (the face photo, the QR code); compiling WebAssembly
// ('wasm-unsafe-eval'); no plugins, no base URL, no form submission.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'none'"

// Handler serves the site written into dir with the page's
// Content-Security-Policy as a header too (so that it also binds the
// worker), no referrer, no content sniffing, and no caching, so that a
// rebuilt site is never mixed with an old one.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			h.Set("Content-Type", "application/wasm")
		}
		files.ServeHTTP(w, r)
	})
}
