package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/idqr/claim169/claim169/record"
)

const keygenExample = `  claim169 keygen --out issuer                       # Ed25519 (EdDSA)
  claim169 keygen --alg ES256 --kid issuer-2026 --out issuer
  # writes issuer.key.pem (PKCS#8), issuer.pub.pem (SPKI), issuer.jwk.json (public JWK)
  # and issuer.jwks.json (a JWK set of that key, for decode --jwks and verifiers);
  # existing files are never overwritten unless --force, and the key file is 0600`

func runKeygen(e *env, args []string) error {
	fs := newFlagSet(e, "keygen", "--alg ALG [--kid KID] --out PREFIX", keygenExample)
	algName := fs.String("alg", "EdDSA", "`ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512 or RS256")
	kid := fs.String("kid", "", "key ID for the JWK (default: the RFC 7638 thumbprint)")
	out := fs.String("out", "", "`PREFIX` of the files to write")
	force := fs.Bool("force", false, "replace existing files (atomically); a symbolic link is never followed or replaced")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("keygen: --out is required")
	}
	alg, err := record.SignatureAlgorithm(*algName)
	if err != nil {
		return usagef("keygen: %v", err)
	}
	kp, err := record.GenerateKeyPair(alg, *kid, rand.Reader)
	if err != nil {
		return &inputError{"keygen", err}
	}
	priv, pub, jwk := kp.PrivatePEM, kp.PublicPEM, kp.JWK
	jwks := append(append([]byte(`{"keys":[`), jwk...), "]}\n"...)
	files := []struct {
		suffix string
		data   []byte
		mode   os.FileMode
	}{
		{".key.pem", priv, 0o600},
		{".pub.pem", pub, 0o644},
		{".jwk.json", jwk, 0o644},
		{".jwks.json", jwks, 0o644},
	}
	for _, f := range files {
		if err := checkTarget(*out+f.suffix, *force); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := writeNew(*out+f.suffix, f.data, f.mode, *force); err != nil {
			return &ioError{"write " + f.suffix, err}
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s.key.pem, %s.pub.pem, %s.jwk.json and %s.jwks.json (%v, kid %s)\n", *out, *out, *out, *out, alg, kp.KeyID)
	return nil
}

// checkTarget refuses a path keygen must not write: a symbolic link, or
// any existing file unless force.
func checkTarget(path string, force bool) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return &ioError{"check " + path, err}
	case st.Mode()&fs.ModeSymlink != 0:
		return usagef("keygen: %s is a symbolic link; keygen never writes through one", path)
	case !st.Mode().IsRegular():
		return usagef("keygen: %s exists and is not a regular file", path)
	case !force:
		return usagef("keygen: %s exists; keygen never overwrites a key (use --force to replace it)", path)
	}
	return nil
}

// writeNew writes data to path with mode: a new file (O_EXCL, so that no
// existing file or link is followed), or with replace a temporary file in
// the same directory renamed over path, so that the old file is replaced
// whole and its mode does not carry over.
func writeNew(path string, data []byte, mode os.FileMode, replace bool) error {
	target := path
	if replace {
		target = fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && replace {
		err = os.Rename(target, path)
	}
	if err != nil && replace {
		_ = os.Remove(target)
	}
	return err
}
