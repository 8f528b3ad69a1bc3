package main

import (
	"crypto"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

const keygenExample = `  claim169 keygen --out issuer                       # Ed25519 (EdDSA)
  claim169 keygen --alg ES256 --kid issuer-2026 --out issuer
  # writes issuer.key.pem (PKCS#8), issuer.pub.pem (SPKI), issuer.jwk.json (public JWK)
  # and issuer.jwks.json (a JWK set of that key, for decode --jwks and verifiers)`

func runKeygen(e *env, args []string) error {
	fs := newFlagSet(e, "keygen", "--alg ALG [--kid KID] --out PREFIX", keygenExample)
	algName := fs.String("alg", "EdDSA", "`ALG`: EdDSA, ES256, ES384, ES512, PS256, PS384, PS512 or RS256")
	kid := fs.String("kid", "", "key ID for the JWK (default: the RFC 7638 thumbprint)")
	out := fs.String("out", "", "`PREFIX` of the files to write")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("keygen: --out is required")
	}
	alg, err := cose.ParseAlgorithm(*algName)
	if err != nil || !alg.IsSignature() {
		return usagef("keygen: unknown signature algorithm %q", *algName)
	}
	signer, err := keys.Generate(alg, rand.Reader)
	if err != nil {
		return &inputError{"keygen", err}
	}
	priv, err := keys.MarshalPrivatePEM(signer)
	if err != nil {
		return &inputError{"keygen", err}
	}
	pub, err := keys.MarshalPublicPEM(signer.Public())
	if err != nil {
		return &inputError{"keygen", err}
	}
	if *kid == "" {
		tp, err := (&jose.JSONWebKey{Key: signer.Public()}).Thumbprint(crypto.SHA256)
		if err != nil {
			return &inputError{"keygen", err}
		}
		*kid = base64.RawURLEncoding.EncodeToString(tp)
	}
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: *kid, Algorithm: alg, Public: signer.Public()})
	if err != nil {
		return &inputError{"keygen", err}
	}
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
		if err := os.WriteFile(*out+f.suffix, f.data, f.mode); err != nil {
			return &ioError{"write " + f.suffix, err}
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s.key.pem, %s.pub.pem, %s.jwk.json and %s.jwks.json (%v, kid %s)\n", *out, *out, *out, *out, alg, *kid)
	return nil
}
