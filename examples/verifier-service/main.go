// Command verifier-service is a small HTTP service that verifies Claim 169
// identity QR codes against a trust store: keys and certificates loaded
// when it starts, and JWK sets fetched from issuers and refreshed while it
// runs.
//
// Usage:
//
//	verifier-service [-addr 127.0.0.1:8080] [-jwks FILE]... [-key FILE]...
//	    [-trust [ISSUER=]CA.pem]... [-jwks-url [ISSUER=]URL]... [-refresh 5m]
//	    [-allow-http] [-drain 10s]
//
// -jwks reads a JWK Set, -key a public key (PEM, JWK or raw; its kid and alg
// come from a JWK), -trust PEM root certificates that validate an x5chain
// carried by the credential (ISSUER=FILE binds them to that issuer). These
// keys are trusted for every issuer (trust.AnyIssuer).
//
// -jwks-url attaches a trust.Fetcher for the JWK Set at URL (https only,
// unless -allow-http, for tests and closed networks), trusted for the
// credentials of ISSUER when given as ISSUER=URL, else for every issuer.
// The sets are fetched once when the service starts, then
// trust.Store.RefreshLoop refreshes each when it is no longer fresh (its
// Cache-Control max-age, at most an hour), retrying every -refresh after a
// failure; a set that cannot be refreshed is served for a day past its
// freshness. Resolving never fetches: a credential is checked against what
// is loaded. At least one of -jwks, -key, -trust and -jwks-url is required.
//
// POST /verify takes the QR text as a text/plain body, exactly as scanned
// (the decoder removes one trailing newline, LF or CRLF, and nothing else,
// since Base45 contains spaces), or a photo or scan of the code as the
// "image" field of a multipart/form-data body. Bodies are limited to
// maxTextBody and maxImageBody bytes (scan.MaxBytes, 16 MiB, and 64 KiB of
// form). Half the CPUs' worth of images (at least one) are read and scanned
// at once, each within a second of CPU and 256 MiB; an upload waits up to
// scanWait (5 s) for its turn, its body unread, then is refused with 503
// and Retry-After, so that concurrent uploads cannot exhaust the memory.
// The answer is the JSON the claim169
// command prints, whose "trust" says how the verifying key is trusted:
// "key" (-key), "keySet" (-jwks or -jwks-url) or "chain" (an x5chain
// validated to a -trust anchor):
//
//	{"claim169": {...}, "cwt": {...}, "verification": "verified",
//	 "trust": "keySet", "algorithm": "EdDSA", "kid": "...", "warnings": []}
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
//	503 Service Unavailable  every image scan slot stayed taken (Retry-After)
//
// 403 rather than 401 because the client did nothing wrong in authenticating
// to this service: the credential it presented is not trusted.
//
// GET /healthz answers 200 {"status":"ok"} while the service runs. On
// SIGTERM (what Docker and systemd send) or SIGINT the service stops
// accepting connections, waits up to -drain for the requests under way and
// stops refreshing.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/bounded"
	"github.com/idqr/claim169/internal/issuerarg"
	"github.com/idqr/claim169/internal/service"
)

func main() {
	service.Main("verifier-service", run)
}

// files is a repeatable flag of file paths.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(s string) error { *f = append(*f, s); return nil }

// config is the parsed command line.
type config struct {
	service.Flags
	jwks, keys, anchors files
	jwksURLs            files
	refresh             time.Duration
	allowHTTP           bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := c.FlagSet("verifier-service", "127.0.0.1:8080", stderr)
	fs.Var(&c.jwks, "jwks", "JWK Set `FILE` of trusted keys (repeatable)")
	fs.Var(&c.keys, "key", "public key `FILE`: PEM, JWK or raw (repeatable)")
	fs.Var(&c.anchors, "trust", "PEM root certificates validating x5chain, as ISSUER=`FILE` (bound to that issuer) or FILE (any issuer); repeatable")
	fs.Var(&c.jwksURLs, "jwks-url", "JWK Set to fetch and refresh, as ISSUER=`URL` (bound to that issuer) or URL (any issuer); repeatable")
	fs.DurationVar(&c.refresh, "refresh", 5*time.Minute, "retry `INTERVAL` of the -jwks-url refresh after a failure")
	fs.BoolVar(&c.allowHTTP, "allow-http", false, "allow http -jwks-url (tests and closed networks only)")
	if err := c.Parse(fs, args); err != nil {
		return c, err
	}
	switch {
	case len(c.jwks)+len(c.keys)+len(c.anchors)+len(c.jwksURLs) == 0:
		return c, errors.New("no trusted keys: give -jwks, -key, -trust or -jwks-url")
	case c.refresh <= 0:
		return c, errors.New("-refresh: want a positive duration")
	}
	return c, nil
}

// loadStore builds the trust store of c, logging the warnings of key sets.
func loadStore(c config, logger *log.Logger) (*trust.Store, error) {
	store := trust.New(trust.Options{Warn: func(w string) { logger.Printf("-jwks-url: %s", w) }})
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
		// ISSUER=FILE binds the anchors to one issuer; a bare FILE trusts
		// them for every issuer.
		issuer, path, bound, err := issuerarg.File(arg)
		if err != nil {
			return nil, fmt.Errorf("-trust: %w", err)
		}
		data, err := bounded.ReadFile(path, trust.MaxAnchorsPEMSize)
		if errors.Is(err, bounded.ErrTooLarge) {
			return nil, fmt.Errorf("-trust %s: over %d bytes", path, trust.MaxAnchorsPEMSize)
		}
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
	for _, arg := range c.jwksURLs {
		issuer, url := issuerarg.URL(arg)
		f, err := trust.NewFetcher(url, trust.FetcherOptions{AllowHTTP: c.allowHTTP})
		if err != nil {
			return nil, fmt.Errorf("-jwks-url: %w", err)
		}
		store.AddFetcher(issuer, f)
	}
	return store, nil
}

// run parses args, loads the trust store, fetches the key sets and serves
// until ctx is done or SIGTERM or SIGINT arrives, refreshing the sets
// meanwhile; it then drains the requests under way.
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
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	if len(c.jwksURLs) > 0 {
		refreshCtx, stop := context.WithCancel(ctx)
		defer stop()
		report := func(err error) {
			if err != nil {
				logger.Printf("refreshing the key sets: %v", err)
			}
		}
		report(store.Refresh(refreshCtx)) // the first fetch, before serving
		go store.RefreshLoop(refreshCtx, c.refresh, report)
	}
	return service.Serve(ctx, service.NewServer(newHandler(dec, logger)), ln, c.Drain, logger)
}
