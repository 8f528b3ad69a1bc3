// Command verifier-service is a small HTTP service that verifies Claim 169
// identity QR codes against a trust store loaded when it starts.
//
// Usage:
//
//	verifier-service [-addr 127.0.0.1:8080] [-jwks FILE]... [-key FILE]... [-trust CA.pem]...
//
// -jwks reads a JWK Set, -key a public key (PEM, JWK or raw; its kid and alg
// come from a JWK), -trust PEM root certificates that validate an x5chain
// carried by the credential. Keys are trusted for every issuer
// (trust.AnyIssuer). At least one of them is required.
//
// POST /verify takes the QR text as a text/plain body, exactly as scanned
// (one trailing newline, LF or CRLF, is removed; nothing else is trimmed,
// since Base45 contains spaces), or a photo or scan of the code as the
// "image" field of a multipart/form-data body. Bodies are limited to
// maxTextBody and maxImageBody bytes. The answer is the JSON the claim169
// command prints:
//
//	{"claim169": {...}, "cwt": {...}, "verification": "verified",
//	 "algorithm": "EdDSA", "kid": "...", "warnings": []}
//
// Errors are JSON {"error": CODE, "message": TEXT, "stage": STAGE} without
// identity data, with these statuses:
//
//	400 Bad Request          malformed credential, unreadable image, no QR code
//	403 Forbidden            verification failed (bad signature, unknown key,
//	                         untrusted or expired certificate chain), an
//	                         encrypted credential, a refused status
//	405 Method Not Allowed   not POST
//	413 Content Too Large    body, text or image over a limit
//	415 Unsupported Media    neither text/plain nor multipart/form-data
//	422 Unprocessable        the credential is expired or not yet valid
//
// 403 rather than 401 because the client did nothing wrong in authenticating
// to this service: the credential it presented is not trusted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose/keys"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "verifier-service:", err)
		os.Exit(1)
	}
}

// files is a repeatable flag of file paths.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(s string) error { *f = append(*f, s); return nil }

// config is the parsed command line.
type config struct {
	addr                string
	jwks, keys, anchors files
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("verifier-service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address")
	fs.Var(&c.jwks, "jwks", "JWK Set `FILE` of trusted keys (repeatable)")
	fs.Var(&c.keys, "key", "public key `FILE`: PEM, JWK or raw (repeatable)")
	fs.Var(&c.anchors, "trust", "PEM root certificates validating x5chain, as ISSUER=`FILE` (bound to that issuer) or FILE (any issuer); repeatable")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, errors.New("unexpected arguments")
	}
	if len(c.jwks)+len(c.keys)+len(c.anchors) == 0 {
		return c, errors.New("no trusted keys: give -jwks, -key or -trust")
	}
	return c, nil
}

// loadStore builds the trust store of c, logging the warnings of key sets.
func loadStore(c config, logger *log.Logger) (*trust.Store, error) {
	store := trust.New(trust.Options{})
	for _, path := range c.jwks {
		set, warnings, err := keys.LoadSetFile(path)
		if err != nil {
			return nil, fmt.Errorf("-jwks %s: %w", path, err)
		}
		for _, w := range warnings {
			logger.Printf("-jwks %s: %s", path, w)
		}
		store.AddSet(trust.AnyIssuer, set)
	}
	for _, path := range c.keys {
		k, err := keys.LoadPublicFile(path)
		if err != nil {
			return nil, fmt.Errorf("-key %s: %w", path, err)
		}
		if err := store.AddKey(trust.AnyIssuer, k.KeyID, k.Public, k.Algorithm); err != nil {
			return nil, fmt.Errorf("-key %s: %w", path, err)
		}
	}
	for _, arg := range c.anchors {
		// ISSUER=FILE binds the anchors to one issuer (split on the last
		// '='); a bare FILE trusts them for every issuer.
		issuer, path, bound := "", arg, false
		if i := strings.LastIndexByte(arg, '='); i >= 0 {
			issuer, path, bound = arg[:i], arg[i+1:], true
		}
		data, err := readBounded(path, trust.MaxAnchorsPEMSize)
		if err != nil {
			return nil, fmt.Errorf("-trust %s: %w", path, err)
		}
		if bound {
			err = store.AddAnchorsPEMFor(issuer, data)
		} else {
			logger.Printf("-trust %s: the anchors are trusted for every issuer; bind them with -trust ISSUER=%s", path, path)
			err = store.AddAnchorsPEM(data)
		}
		if err != nil {
			return nil, fmt.Errorf("-trust %s: %w", path, err)
		}
	}
	return store, nil
}

// readBounded reads the file at path, refusing one over limit bytes.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("over %d bytes", limit)
	}
	return data, nil
}

// run parses args, loads the trust store and serves until ctx is done or an
// interrupt arrives.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	logger := log.New(stderr, "verifier-service: ", log.LstdFlags)
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	store, err := loadStore(c, logger)
	if err != nil {
		return err
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              c.addr,
		Handler:           newHandler(dec, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Printf("listening on %s", c.addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
