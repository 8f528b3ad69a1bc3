// Command issuer-service is a small HTTP service that signs Claim 169
// identity records and answers with their QR code as a PNG, ready to print.
//
// Usage:
//
//	issuer-service -issuer URL [-addr 127.0.0.1:8081] [-key issuer.key.pem]
//	    [-kid KID] [-validity-days 1825] [-ecc L|M|Q|H] [-max-version 25]
//	    [-photo-bytes 600] [-photo-field face|photo] [-module 8] [-drain 10s]
//
// -key is the issuer's private key (PEM, JWK or raw Ed25519 seed, as the
// claim169 command reads). Without it the service generates an Ed25519 key
// when it starts, so that the example runs out of the box; a generated key
// is lost when the service stops. Either way the public key is logged as a
// JWK at start, for verifiers. -kid is written in the protected header.
//
// The service, not the caller, sets the CWT claims: iss is -issuer, iat the
// time of issuance and exp -validity-days later. A caller sends the identity
// only; a record with claims of its own ("cwt" other than {} or null) is
// refused, so that no caller can choose the issuer or the validity.
//
// Every credential must fit a QR code of at most -max-version (0: no bound)
// at error correction level -ecc: the claim169.Encoder is built once with
// that claim169.Budget and refuses larger ones, naming the fields that take
// the room. The PNG has -module pixels per module (8 by default: 0.68 mm at
// 300 dpi, comfortably above the 0.33 mm phone cameras need) and the 4-module
// quiet zone.
//
// POST /issue takes either
//
//   - application/json: the record the claim169 command reads, with the
//     identity only, {"claim169": {...}}, at most maxRecordBytes; or
//   - multipart/form-data: a "record" field holding that JSON and an optional
//     "photo" file (JPEG, PNG, GIF or WebP, any size up to the body limit),
//     which the service crops to a centred 3:4 portrait and fits into a
//     JPEG of at most -photo-bytes with photo.FitReader. With
//     -photo-field face (the default) it becomes the face biometric (key 62:
//     format image, sub-format JPEG); with -photo-field photo, the photograph
//     (key 16) with photo format JPEG (key 17), which specification 1.2.1
//     deprecates (decoders warn). A record that already holds
//     that field is refused rather than overwritten.
//
// The answer is the PNG (image/png), with the QR text in the X-Claim169-Text
// header (Base45 of zlib data never begins or ends with a space, so the
// header carries it exactly), the version in X-QR-Version and the level in
// X-QR-ECC. Bodies are limited to maxBody bytes (8 MiB). Refusals are JSON
// {"error": CODE, "message": TEXT} without identity data:
//
//	400 Bad Request          malformed record, claims sent by the caller
//	                         ("claims_not_allowed"), unreadable photo, bad form
//	405 Method Not Allowed   not POST
//	413 Content Too Large    body, record or photo over a limit
//	415 Unsupported Media    neither application/json nor multipart/form-data
//	422 Unprocessable        the credential does not fit -max-version; the
//	                         body adds "characters", "version", "ecc",
//	                         "maxVersion" and "shares": the largest fields as
//	                         {"field", "bytes", "percent"} (percent of the
//	                         identity, to one decimal), never their values
//
// GET /healthz answers 200 {"status":"ok"} while the service runs. On
// SIGTERM (what Docker and systemd send) or SIGINT the service stops
// accepting connections and waits up to -drain for the requests under way.
//
// Try it, from a clone of the repository (the claim169 command installed
// with go install ./cmd/claim169, which puts it in $(go env GOPATH)/bin;
// portrait.jpg is any photo of a face, or the one go run ./examples/quickstart
// -portrait portrait.jpg draws):
//
//	claim169 keygen --kid issuer-2026 --out issuer
//	go run ./examples/issuer-service -key issuer.key.pem -kid issuer-2026 \
//	  -issuer https://id.example.org &
//	curl -s http://127.0.0.1:8081/healthz
//	curl -s -o card.png -D - -H 'Content-Type: application/json' \
//	  -d '{"claim169":{"id":"3918592438","fullName":"Janardhan BS"}}' \
//	  http://127.0.0.1:8081/issue
//	claim169 decode --image card.png --key issuer.pub.pem
//	curl -s -o card.png -F record='{"claim169":{"fullName":"Janardhan BS"}}' \
//	  -F photo=@portrait.jpg http://127.0.0.1:8081/issue
//	kill %1   # SIGTERM: the service drains and stops
package main

import (
	"context"
	"crypto"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/service"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

func main() {
	service.Main("issuer-service", run)
}

// config is the parsed command line.
type config struct {
	service.Flags
	key, kid   string
	issuer     string
	validity   time.Duration
	level      qr.Level
	maxVersion int
	photoBytes int
	photoField string
	module     int
	// now is the clock of iat and exp; nil means time.Now (tests fix it).
	now func() time.Time
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	var ecc string
	var days int
	fs := c.FlagSet("issuer-service", "127.0.0.1:8081", stderr)
	fs.StringVar(&c.key, "key", "", "issuer private key `FILE`; without it an Ed25519 key is generated")
	fs.StringVar(&c.kid, "kid", "", "key ID written in the protected header")
	fs.StringVar(&c.issuer, "issuer", "", "the CWT issuer (iss) of every credential, an https `URL` (required)")
	fs.IntVar(&days, "validity-days", 5*365, "credentials expire this many `DAYS` after issuance (CWT exp)")
	fs.StringVar(&ecc, "ecc", "M", "QR error correction `LEVEL`: L, M, Q or H")
	fs.IntVar(&c.maxVersion, "max-version", 25, "largest QR `VERSION` a credential may need (0: no bound)")
	fs.IntVar(&c.photoBytes, "photo-bytes", 600, "byte `BUDGET` of an uploaded photo")
	fs.StringVar(&c.photoField, "photo-field", "face", "where an uploaded photo goes: face (key 62) or photo (key 16, deprecated since specification 1.2.1)")
	fs.IntVar(&c.module, "module", render.DefaultModuleSize, "module size of the PNG in `PIXELS`")
	if err := c.Parse(fs, args); err != nil {
		return c, err
	}
	level, err := qr.ParseLevel(ecc)
	if err != nil {
		return c, errors.New("-ecc: want L, M, Q or H")
	}
	c.level = level
	c.validity = time.Duration(days) * 24 * time.Hour
	switch {
	case c.issuer == "":
		return c, errors.New("-issuer is required: the URL verifiers know the issuer by, such as https://id.example.org")
	case days < 1 || days > 100*365:
		return c, errors.New("-validity-days: want 1 to 36500")
	case c.maxVersion < 0 || c.maxVersion > qr.MaxVersion:
		return c, fmt.Errorf("-max-version: want 0 to %d", qr.MaxVersion)
	case c.photoBytes < 1 || c.photoBytes > photo.MaxBudget:
		return c, fmt.Errorf("-photo-bytes: want 1 to %d", photo.MaxBudget)
	case c.photoField != "face" && c.photoField != "photo":
		return c, errors.New("-photo-field: want face or photo")
	case c.module < 1 || c.module > render.MaxModuleSize:
		return c, fmt.Errorf("-module: want 1 to %d", render.MaxModuleSize)
	}
	return c, nil
}

// loadSigner reads the -key file, or generates an Ed25519 key without one,
// and logs the public key as a JWK.
func loadSigner(c config, logger *log.Logger) (crypto.Signer, error) {
	var signer crypto.Signer
	var err error
	if c.key != "" {
		if signer, err = keys.LoadPrivateFile(c.key); err != nil {
			return nil, fmt.Errorf("-key %s: %w", c.key, err)
		}
	} else {
		if signer, err = keys.Generate(cose.EdDSA, rand.Reader); err != nil {
			return nil, err
		}
		logger.Printf("no -key: generated an Ed25519 key for this run only")
	}
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: c.kid, Public: signer.Public()})
	if err != nil {
		return nil, err
	}
	logger.Printf("public key (JWK): %s", jwk)
	return signer, nil
}

// setup builds the encoder of c and the handler serving it.
func setup(c config, logger *log.Logger) (http.Handler, error) {
	signer, err := loadSigner(c, logger)
	if err != nil {
		return nil, err
	}
	opts := claim169.EncoderOptions{
		Signer: signer,
		Budget: claim169.Budget{Level: c.level, MaxVersion: c.maxVersion},
		Now:    c.now,
	}
	if c.kid != "" {
		opts.KeyID = []byte(c.kid)
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return nil, err
	}
	return newHandler(enc, c, logger), nil
}

// run parses args, builds the service and serves until ctx is done or
// SIGTERM or SIGINT arrives, then drains the requests under way.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	logger := log.New(stderr, "issuer-service: ", log.LstdFlags)
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	h, err := setup(c, logger)
	if err != nil {
		return err
	}
	return service.ListenAndServe(ctx, c.Addr, h, c.Drain, logger)
}
