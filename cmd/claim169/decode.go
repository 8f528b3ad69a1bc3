package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/internal/issuerarg"
)

const decodeExample = `  claim169 keygen --out issuer
  claim169 encode --key issuer.key.pem --in record.json > qr.txt
  claim169 decode --key issuer.pub.pem --in qr.txt
  claim169 decode --jwks issuer.jwks.json --now 2027-01-01T00:00:00Z --skew 5m < qr.txt
  claim169 decode --trust https://id.example.org=ca.pem --in qr.txt  # a credential signed with --cert
  claim169 decode --discover did:web:id.example.org --discovery-cache issuers.json --in qr.txt
  claim169 decode --allow-unverified --decrypt-key aes.hex --in qr.txt`

// decodeFlags are the flags shared by decode and inspect.
type decodeFlags struct {
	keys            listFlag
	jwks            listFlag
	trust           listFlag
	decryptKeys     listFlag
	allowUnverified bool
	now, skew       string
	in, image       string
	// Specification 1.2.2: compression and expiry.
	zlibOnly, allowUncompressed bool
	warnExpiring                string
	// Issuer discovery (decode --discover).
	discover       listFlag
	discoveryCache string
}

// hasKeys reports whether the flags name any way to verify a signature.
func (f *decodeFlags) hasKeys() bool {
	return len(f.keys)+len(f.jwks)+len(f.trust)+len(f.discover) > 0
}

func runDecode(e *env, args []string) error {
	fs := newFlagSet(e, "decode", "KEYS [--discovery-cache FILE] [--decrypt-key FILE] [--now UNIX|RFC3339] [--skew DURATION] [--warn-expiring DURATION] [--zlib-only] [--image FILE] [--in FILE]", decodeExample)
	var f decodeFlags
	fs.Var(&f.keys, "key", "issuer public key `FILE` (PEM, JWK or raw); repeatable")
	fs.Var(&f.jwks, "jwks", "issuer JWK set `FILE` (or a single JWK); keys chosen by kid; repeatable")
	fs.Var(&f.trust, "trust", "trust anchor certificates (PEM) for a credential's x5chain, as ISSUER=`FILE` (bound to that issuer) or FILE (any issuer); repeatable")
	fs.Var(&f.decryptKeys, "decrypt-key", "symmetric key `FILE` (hex) for an encrypted credential; repeatable")
	fs.BoolVar(&f.allowUnverified, "allow-unverified", false, "print the credential even when its signature does not verify (output says \"failed\", or \"skipped\" with no key)")
	fs.StringVar(&f.now, "now", "", "check validity at this `TIME` (seconds since the epoch or RFC 3339) instead of the clock")
	fs.StringVar(&f.skew, "skew", "0s", "clock skew `DURATION` tolerated for exp, nbf and iat")
	fs.StringVar(&f.in, "in", "", "read the QR text from `FILE` instead of stdin")
	fs.StringVar(&f.image, "image", "", "read the QR code from an image `FILE` (PNG, JPEG)")
	f.compressionFlags(fs)
	fs.StringVar(&f.warnExpiring, "warn-expiring", "", "warn when the credential expires within `DURATION` (such as 720h)")
	fs.Var(&f.discover, "discover", "allow-list `ISSUER` (did:key, did:jwk, did:web or https URL) and find its keys before decoding; repeatable")
	fs.StringVar(&f.discoveryCache, "discovery-cache", "", "read the keys of --discover issuers from `FILE` (written by claim169 discover) while fresh, instead of fetching")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !f.hasKeys() && !f.allowUnverified {
		return usagef("decode: give --key, --jwks, --trust, --discover or --allow-unverified")
	}
	if f.discoveryCache != "" && len(f.discover) == 0 {
		return usagef("decode: --discovery-cache needs --discover")
	}
	dec, text, warnings, err := f.prepare(e)
	if err != nil {
		return err
	}
	// With --allow-unverified the keys given, if any, are tried all the
	// same: the output says "verified", "failed" or "skipped" (no key).
	decode := dec.Decode
	if f.allowUnverified {
		decode = dec.DecodeUnverified
	}
	res, err := decode(text)
	if err != nil {
		if f.now == "" && (errors.Is(err, claim169.ErrExpired) || errors.Is(err, claim169.ErrNotYetValid)) {
			err = &hintError{err, "the system clock; --now checks at another time"}
		}
		return err
	}
	res.Warnings = append(res.Warnings, warnings...)
	return printJSON(e, record.FromResult(res))
}

// prepare builds the decoder the flags describe and reads the QR text. The
// warnings name keys of a JWK set that were skipped.
func (f *decodeFlags) prepare(e *env) (*claim169.Decoder, string, []string, error) {
	opts, warnings, err := f.decoderOptions(e)
	if err != nil {
		return nil, "", nil, err
	}
	dec, err := claim169.NewDecoder(opts)
	if err != nil {
		return nil, "", nil, &inputError{"key", err}
	}
	text, err := f.readText(e)
	if err != nil {
		return nil, "", nil, err
	}
	return dec, text, warnings, nil
}

// decoderOptions loads the keys named by the flags into one trust store:
// --key keys verify credentials of any issuer and kid, --jwks keys are
// chosen by kid, and --trust anchors validate a credential's x5chain (whose
// leaf key is then the only candidate). The warnings name keys of a JWK set
// that were skipped.
func (f *decodeFlags) decoderOptions(e *env) (claim169.DecoderOptions, []string, error) {
	var opts claim169.DecoderOptions
	var warnings []string
	// Every --key file is a candidate for every credential: allow as many.
	store := trust.New(trust.Options{MaxCandidates: max(trust.DefaultMaxCandidates, len(f.keys))})
	for _, path := range f.keys {
		data, err := readFile(e, path, maxKeyInput, "--key")
		if err != nil {
			return opts, nil, err
		}
		k, err := keys.ParsePublic(data)
		if err != nil {
			return opts, nil, &inputError{"key", err}
		}
		// A key given by hand is tried whatever the credential's kid.
		if err := store.AddKey(trust.AnyIssuer, "", k.Public, k.Algorithm); err != nil {
			return opts, nil, &inputError{"key", err}
		}
	}
	for _, path := range f.jwks {
		data, err := readFile(e, path, maxKeyInput, "--jwks")
		if err != nil {
			return opts, nil, err
		}
		set, w, err := keys.ParseSet(singleJWKAsSet(data))
		if err != nil {
			return opts, nil, &inputError{"jwks", err}
		}
		store.AddSet(trust.AnyIssuer, set)
		warnings = append(warnings, w...)
	}
	for _, arg := range f.trust {
		if err := addAnchors(e, store, arg); err != nil {
			return opts, nil, err
		}
	}
	if len(f.discover) > 0 {
		if err := f.addDiscovered(e, store); err != nil {
			return opts, nil, err
		}
	}
	if f.hasKeys() {
		opts.Resolver = store.Resolver()
		opts.Understood = store.Understood
	}
	for _, path := range f.decryptKeys {
		aead, err := loadSymmetricKey(e, path, "")
		if err != nil {
			return opts, nil, err
		}
		opts.DecryptionKeys = append(opts.DecryptionKeys, aead...)
	}
	if f.now != "" {
		t, err := parseNow(f.now)
		if err != nil {
			return opts, nil, err
		}
		opts.Now = func() time.Time { return t }
	}
	skew, err := parseSkew(f.skew)
	if err != nil {
		return opts, nil, err
	}
	opts.Skew = skew
	opts.ZlibOnly, opts.AllowUncompressed = f.zlibOnly, f.allowUncompressed
	if f.warnExpiring != "" {
		d, err := time.ParseDuration(f.warnExpiring)
		if err != nil || d <= 0 {
			return opts, nil, usagef("--warn-expiring: want a positive duration such as 720h")
		}
		opts.WarnExpiring = d
	}
	return opts, warnings, nil
}

// compressionFlags adds the flags of decode and inspect about the
// compression of specification 1.2.2.
func (f *decodeFlags) compressionFlags(fs *flag.FlagSet) {
	fs.BoolVar(&f.zlibOnly, "zlib-only", false, "refuse credentials compressed with anything but zlib (Brotli is read by default, as specification 1.2.2 says)")
	fs.BoolVar(&f.allowUncompressed, "allow-uncompressed", false, "read a COSE message that is not compressed, which the specification does not allow")
}

// addAnchors adds the trust anchors of one --trust argument to store:
// ISSUER=FILE binds the anchors of FILE to the issuer ISSUER (split on the
// last '=', since an issuer URL may hold one); a bare FILE trusts them for
// every issuer, which is said on stderr.
func addAnchors(e *env, store *trust.Store, arg string) error {
	issuer, path, bound, err := issuerarg.File(arg)
	if err != nil {
		return usagef("--trust: %v", err)
	}
	data, err := readFile(e, path, maxKeyInput, "--trust")
	if err != nil {
		return err
	}
	if bound {
		err = store.AddAnchorsPEMFor(issuer, data)
	} else {
		err = store.AddAnchorsPEM(data)
		fmt.Fprintf(e.stderr, "claim169: warning: the anchors of %s are trusted for every issuer; bind them with --trust ISSUER=%s\n", path, path)
	}
	if err != nil {
		return &inputError{"trust", err}
	}
	return nil
}

// loadSymmetricKey reads a hex key file and returns the AEADs it can serve:
// the one named by alg, or, when alg is empty, every algorithm of its
// length (a 32-byte key serves A256GCM and ChaCha20/Poly1305).
func loadSymmetricKey(e *env, path, alg string) ([]cose.AEAD, error) {
	data, err := readFile(e, path, maxKeyInput, "symmetric key")
	if err != nil {
		return nil, err
	}
	key, err := keys.ParseSymmetricKey(data)
	if err != nil {
		return nil, &inputError{"key", err}
	}
	var a cose.Algorithm
	if alg != "" {
		if a, err = record.EncryptionAlgorithm(alg); err != nil {
			return nil, usagef("%v", err)
		}
	}
	aeads, err := record.AEADs(key, a)
	if err != nil {
		return nil, &inputError{"key", err}
	}
	return aeads, nil
}

func (f *decodeFlags) readText(e *env) (string, error) {
	if f.image != "" {
		if f.in != "" {
			return "", usagef("give --in or --image, not both")
		}
		return scanImage(f.image)
	}
	data, err := readFile(e, f.in, maxTextInput, "QR text")
	if err != nil {
		return "", err
	}
	// The decoder removes one trailing newline and names the usual damage.
	return string(data), nil
}

const inspectExample = `  claim169 inspect --in qr.txt
  claim169 inspect < qr.txt`

func runInspect(e *env, args []string) error {
	fs := newFlagSet(e, "inspect", "[--in FILE] [--image FILE] [--decrypt-key FILE] [--zlib-only] [--allow-uncompressed]", inspectExample)
	var f decodeFlags
	fs.StringVar(&f.in, "in", "", "read the QR text from `FILE` instead of stdin")
	fs.StringVar(&f.image, "image", "", "read the QR code from an image `FILE` (PNG, JPEG)")
	fs.Var(&f.decryptKeys, "decrypt-key", "symmetric key `FILE` (hex) to look inside an encrypted credential; repeatable")
	f.compressionFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	dec, text, _, err := f.prepare(e)
	if err != nil {
		return err
	}
	res, err := dec.Inspect(text)
	if err != nil {
		return inspectEncrypted(e, text, err)
	}
	return printJSON(e, record.Inspect(res))
}

// singleJWKAsSet returns data, a JWK set, as it is, or a single JWK (an
// object with "kty" and no "keys", such as keygen's PREFIX.jwk.json) as a
// set of that one key.
func singleJWKAsSet(data []byte) []byte {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return data
	}
	_, kty := obj["kty"]
	if _, set := obj["keys"]; set || !kty {
		return data
	}
	return append(append([]byte(`{"keys":[`), bytes.TrimSpace(data)...), "]}"...)
}
