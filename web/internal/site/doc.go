// Package site builds the browser playground: one static page that runs
// the SDK compiled to WebAssembly, offline and private (docs/PLAYGROUND.md).
//
// [Build] writes the whole site into a directory: the page and its scripts
// and style (embedded from static/), the SDK as claim169.wasm (package
// web/wasm built for GOOS=js GOARCH=wasm with -trimpath, -ldflags=-s -w and
// no inlining in the packages a call runs only once: [WasmBuildArgs]),
// and Go's wasm_exec.js copied from $(go env GOROOT)/lib/wasm of the Go
// that builds it, so that the glue always matches the compiler. Everything
// is loaded by relative paths, so the directory works from any static host.
//
// The page loads nothing from elsewhere: its Content-Security-Policy meta
// tag allows only its own origin (plus data: and blob: images, and
// 'wasm-unsafe-eval' to compile the module). The command web/build runs
// Build, and can serve the result on a loopback address.
package site
