// Command build writes the browser playground into a directory: the page,
// its scripts and style, the SDK compiled to WebAssembly and Go's
// wasm_exec.js (see docs/PLAYGROUND.md). Run it from a clone of the module:
//
//	go run ./web/build -o site
//	go run ./web/build -o site -serve 127.0.0.1:8169
//
// Any static server can serve the directory; -serve starts a small one
// that serves it with the page's Content-Security-Policy as a header too.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/idqr/claim169/web/internal/site"
)

func main() {
	out := flag.String("o", "", "write the site into `DIR` (created if needed)")
	serve := flag.String("serve", "", "then serve DIR on `ADDR`, such as 127.0.0.1:8169")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./web/build -o DIR [-serve ADDR]")
		os.Exit(1)
	}
	if err := site.Build(context.Background(), *out); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote the playground into %s\n", *out)
	if *serve == "" {
		return
	}
	srv := &http.Server{Addr: *serve, Handler: site.Handler(*out), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(os.Stderr, "serving it at http://%s/\n", *serve)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}
