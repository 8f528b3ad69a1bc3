package main

import (
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/idqr/claim169/claim169/brotli"

	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/qr"
	"github.com/idqr/claim169/qr/render"
)

const encodeExample = `  claim169 keygen --alg ES256 --kid issuer-2026 --out issuer
  echo '{"claim169":{"id":"3918592438","fullName":"Janardhan BS","gender":1},
         "cwt":{"issuer":"https://id.example.org","expiresAt":"2031-01-01T00:00:00Z"}}' |
    claim169 encode --key issuer.key.pem --kid issuer-2026 > qr.txt
  claim169 encode --key issuer.key.pem --in record.json --face portrait.jpg --ecc Q --max-version 25 --png card.png
  claim169 encode --key issuer.key.pem --encrypt-key aes256.hex --encrypt-alg A256GCM --in record.json`

type encodeFlags struct {
	key, alg, kid        string
	certs                listFlag
	encryptKey, encAlg   string
	png, ecc, in         string
	face                 string
	faceBytes            int
	compression          string
	maxVersion           int
	cwtTag, kidUnprotect bool
	untagged             bool
}

func runEncode(e *env, args []string) error {
	fs := newFlagSet(e, "encode", "--key KEY.pem [--alg ALG] [--kid KID] [--cert CERT.pem]... [--encrypt-key FILE --encrypt-alg ALG] [--face IMAGE [--face-bytes N]] [--compression zlib|brotli] [--png OUT.png] [--ecc L|M|Q|H] [--max-version V] [--in FILE]", encodeExample)
	var f encodeFlags
	fs.StringVar(&f.key, "key", "", "issuer private key `FILE` (PEM PKCS#8/SEC1/PKCS#1, JWK or raw Ed25519 seed)")
	fs.StringVar(&f.alg, "alg", "", "signature `ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512, RS256 (default: from the key)")
	fs.StringVar(&f.kid, "kid", "", "key ID written in the protected header")
	fs.Var(&f.certs, "cert", "certificate `FILE` (PEM) written to x5chain, leaf first; repeatable")
	fs.StringVar(&f.encryptKey, "encrypt-key", "", "symmetric key `FILE` (hex): encrypt the signed credential")
	fs.StringVar(&f.encAlg, "encrypt-alg", "", "encryption `ALG`: A128GCM, A192GCM, A256GCM or C20P (default: from the key length)")
	fs.StringVar(&f.png, "png", "", "also write the QR code as a PNG `FILE`")
	fs.StringVar(&f.ecc, "ecc", "M", "QR error correction `LEVEL` for --png: L, M, Q or H")
	fs.StringVar(&f.in, "in", "", "read the JSON record from `FILE` instead of stdin")
	fs.IntVar(&f.maxVersion, "max-version", 0, "refuse a credential that needs a QR `VERSION` above this at --ecc, naming the fields that take the room")
	fs.StringVar(&f.face, "face", "", "face picture `FILE` (JPEG, PNG, GIF or WebP): cropped to a 3:4 portrait, fitted into a JPEG and put in face (key 62)")
	fs.IntVar(&f.faceBytes, "face-bytes", 0, "byte `BUDGET` of the --face JPEG (default 600; with --max-version, the room the rest leaves)")
	fs.BoolVar(&f.cwtTag, "cwt-tag", false, "wrap the COSE message in the CWT tag 61")
	fs.BoolVar(&f.kidUnprotect, "kid-unprotected", false, "write the kid in the unprotected header, as MOSIP's key manager does")
	fs.BoolVar(&f.untagged, "untagged", false, "omit the COSE tags 18 and 16")
	fs.StringVar(&f.compression, "compression", "zlib", "compress with `METHOD`: zlib, or brotli (specification 1.2.2; verifiers of 1.2.0 and earlier read only zlib)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if f.key == "" {
		return usagef("encode: --key is required")
	}
	if f.faceBytes != 0 && (f.face == "" || f.faceBytes < 1 || f.faceBytes > photo.MaxBudget) {
		return usagef("encode: --face-bytes: want 1 to %d, with --face", photo.MaxBudget)
	}
	if f.encAlg != "" && f.encryptKey == "" {
		return usagef("encode: --encrypt-alg needs --encrypt-key")
	}
	opts, err := f.encoderOptions(e)
	if err != nil {
		return err
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return &inputError{"key", err}
	}
	data, err := readFile(e, f.in, maxRecordInput, "record")
	if err != nil {
		return err
	}
	rec, err := record.Parse(data)
	if err != nil {
		return err
	}
	var encoded *claim169.Encoded
	if f.face != "" {
		encoded, err = f.encodeWithFace(e, enc, rec)
	} else {
		encoded, err = enc.Encode(rec.Identity, rec.Claims)
	}
	if err != nil {
		return err
	}
	text := encoded.Text
	if f.png != "" {
		if err := writePNG(f.png, text, f.ecc); err != nil {
			return err
		}
	}
	for _, w := range encoded.Warnings {
		fmt.Fprintln(e.stderr, "claim169: warning: "+strings.TrimPrefix(w, "claim169: "))
	}
	if _, err := fmt.Fprintln(e.stdout, text); err != nil {
		return &ioError{"stdout", err}
	}
	return nil
}

func (f *encodeFlags) encoderOptions(e *env) (claim169.EncoderOptions, error) {
	var opts claim169.EncoderOptions
	data, err := readFile(e, f.key, maxKeyInput, "--key")
	if err != nil {
		return opts, err
	}
	signer, err := keys.ParsePrivate(data)
	if err != nil {
		return opts, &inputError{"key", err}
	}
	opts.Signer = signer
	if err := record.SetSignature(&opts, f.alg, f.kid); err != nil {
		return opts, usagef("encode: %v", err)
	}
	opts.KeyIDUnprotected, opts.CWTTag, opts.Untagged = f.kidUnprotect, f.cwtTag, f.untagged
	switch claim169.Compression(f.compression) {
	case "", claim169.CompressionZlib: // batch has no --compression: zlib
	case claim169.CompressionBrotli:
		opts.Compress = brotli.Compress
	default:
		return opts, usagef("encode: --compression: want zlib or brotli")
	}
	if f.maxVersion != 0 {
		level, err := qr.ParseLevel(f.ecc)
		if err != nil {
			return opts, usagef("encode: --ecc: want L, M, Q or H")
		}
		if opts.Budget, err = record.Budget(level, f.maxVersion); err != nil {
			return opts, usagef("encode: --max-version: %v", err)
		}
	}
	for _, path := range f.certs {
		data, err := readFile(e, path, maxKeyInput, "--cert")
		if err != nil {
			return opts, err
		}
		ders, err := pemCertificates(data)
		if err != nil {
			return opts, &inputError{"cert", err}
		}
		opts.CertificateChain = append(opts.CertificateChain, ders...)
	}
	if f.encryptKey != "" {
		aeads, err := loadSymmetricKey(e, f.encryptKey, f.encAlg)
		if err != nil {
			return opts, err
		}
		opts.Encryption = aeads[0] // a 32-byte key without --encrypt-alg: A256GCM
	}
	return opts, nil
}

// pemCertificates returns the DER of every CERTIFICATE block in data.
func pemCertificates(data []byte) ([][]byte, error) {
	var out [][]byte
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			out = append(out, b.Bytes)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no PEM CERTIFICATE block")
	}
	return out, nil
}

func writePNG(path, text, ecc string) error {
	level, err := qr.ParseLevel(ecc)
	if err != nil {
		return usagef("encode: --ecc: want L, M, Q or H")
	}
	code, err := render.New(text, render.Options{Level: level})
	if err != nil {
		return &inputError{"qr", err}
	}
	return writeCode(code, path, "")
}
