package trust_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
)

// issue signs a credential for issuer with signer, kid and chain.
func issue(signer ed25519.PrivateKey, issuer, kid string, chain ...[]byte) string {
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: signer, KeyID: []byte(kid), CertificateChain: chain})
	if err != nil {
		log.Fatal(err)
	}
	encoded, err := enc.Encode(&claim169.Identity{ID: "ID-1", FullName: "Jane Doe"}, &cwt.Claims{Issuer: issuer})
	if err != nil {
		log.Fatal(err)
	}
	return encoded.Text
}

func ExampleStore() {
	// The issuer's signing key; the verifier holds only its public half.
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))

	store := trust.New(trust.Options{})
	if err := store.AddKey("https://issuer.example", "key-2027", signer.Public(), cose.EdDSA); err != nil {
		log.Fatal(err)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood})
	if err != nil {
		log.Fatal(err)
	}

	res, err := dec.Decode(issue(signer, "https://issuer.example", "key-2027"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Verification, res.Identity.FullName)

	_, err = dec.Decode(issue(signer, "https://issuer.example", "key-2020"))
	fmt.Println(errors.Is(err, claim169.ErrUnknownKey), errors.Is(err, trust.ErrUnknownKeyID))

	_, err = dec.Decode(issue(signer, "https://other.example", "key-2027"))
	fmt.Println(errors.Is(err, claim169.ErrUnknownKey), errors.Is(err, trust.ErrUnknownIssuer))
	// Output:
	// verified Jane Doe
	// true true
	// true true
}

func ExampleStore_AddSet() {
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{4}, ed25519.SeedSize))
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "key-2027", Public: signer.Public()})
	if err != nil {
		log.Fatal(err)
	}
	// An X25519 key cannot verify signatures: it is skipped with a warning.
	jwks := `{"keys":[` + string(jwk) + `,{"kty":"OKP","crv":"X25519","kid":"ecdh","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}`
	set, warnings, err := keys.ParseSet([]byte(jwks))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(set.Len(), "key,", len(warnings), "warning")

	store := trust.New(trust.Options{})
	store.AddSet("https://issuer.example", set)
	found, err := store.Resolve(context.Background(), claim169.KeyQuery{
		Issuer:    "https://issuer.example",
		KeyID:     []byte("key-2027"),
		Algorithm: cose.EdDSA,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(found), "candidate")
	_, err = store.Resolve(context.Background(), claim169.KeyQuery{
		Issuer:    "https://issuer.example",
		KeyID:     []byte("key-2027"),
		Algorithm: cose.ES256,
	})
	fmt.Println(errors.Is(err, trust.ErrAlgorithmNotAllowed))
	// Output:
	// 1 key, 1 warning
	// 1 candidate
	// true
}

func ExampleStore_AddAnchorsFor() {
	// A root CA and a leaf certificate for the issuer's Ed25519 key.
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize))
	root := certificate(&x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Root"},
		NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}, nil, caKey.Public(), caKey)
	leaf := certificate(&x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Issuer"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}, root, signer.Public(), caKey)

	// The root speaks for one issuer, and another issuer has a root of
	// its own.
	otherKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherRoot := certificate(&x509.Certificate{
		SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "Other Root"},
		NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}, nil, otherKey.Public(), otherKey)
	store := trust.New(trust.Options{})
	store.AddAnchorsFor("https://issuer.example", root)
	store.AddAnchorsFor("https://other.example", otherRoot)

	for _, c := range []struct {
		issuer string
		year   int
	}{
		{"https://issuer.example", 2027},
		{"https://issuer.example", 2029},
		{"https://other.example", 2027},
	} {
		now := time.Date(c.year, 1, 1, 0, 0, 0, 0, time.UTC)
		dec, err := claim169.NewDecoder(claim169.DecoderOptions{
			Resolver:   store.Resolver(),
			Understood: store.Understood,
			Now:        func() time.Time { return now },
		})
		if err != nil {
			log.Fatal(err)
		}
		res, err := dec.Decode(issue(signer, c.issuer, "", leaf.Raw))
		var chainErr *trust.ChainError
		switch {
		case err == nil:
			fmt.Println(c.issuer, c.year, res.Verification)
		case errors.As(err, &chainErr):
			fmt.Println(c.issuer, c.year, chainErr.Reason)
		default:
			fmt.Println(c.issuer, c.year, err)
		}
	}
	// Output:
	// https://issuer.example 2027 verified
	// https://issuer.example 2029 certificate expired
	// https://other.example 2027 the anchor is not trusted for the issuer
}

// certificate creates a certificate from tmpl (self-signed when parent is
// nil).
func certificate(tmpl, parent *x509.Certificate, pub any, key *ecdsa.PrivateKey) *x509.Certificate {
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		log.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		log.Fatal(err)
	}
	return cert
}

func ExampleFetcher() {
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, ed25519.SeedSize))
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "key-2027", Public: signer.Public()})
	if err != nil {
		log.Fatal(err)
	}
	// The issuer publishes its key set; here on loopback, so over http.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Cache-Control", "max-age=600")
		fmt.Fprintf(w, `{"keys":[%s]}`, jwk)
	}))
	defer srv.Close()

	fetcher, err := trust.NewFetcher(srv.URL+"/.well-known/jwks.json", trust.FetcherOptions{AllowHTTP: true})
	if err != nil {
		log.Fatal(err)
	}
	store := trust.New(trust.Options{})
	store.AddFetcher("https://issuer.example", fetcher)
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver()})
	if err != nil {
		log.Fatal(err)
	}
	text := issue(signer, "https://issuer.example", "key-2027")

	// Nothing is fetched while decoding: the store is empty until Refresh.
	_, err = dec.Decode(text)
	fmt.Println(errors.Is(err, trust.ErrUnknownIssuer))

	if err := store.Refresh(context.Background()); err != nil {
		log.Fatal(err)
	}
	res, err := dec.Decode(text)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Verification)
	// Output:
	// true
	// verified
}

func ExampleThumbprint() {
	der := []byte("the DER bytes of a certificate")
	for _, alg := range []cose.Algorithm{trust.HashSHA256Trunc64, trust.HashSHA256, trust.HashSHA512} {
		t, err := trust.Thumbprint(alg, der)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(int64(alg), len(t))
	}
	// Output:
	// -15 8
	// -16 32
	// -44 64
}

// An issuer identified by a did:key is discovered without any network: the
// key is the identifier. A did:web or an https issuer is added the same
// way, and fetched by Refresh (never by Decode).
func ExampleStore_AddIssuer() {
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	const issuer = "did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX" // signer's public key

	d, err := trust.NewDiscoverer(trust.DiscoveryOptions{Issuers: []string{issuer}})
	if err != nil {
		log.Fatal(err)
	}
	store := trust.New(trust.Options{})
	if err := store.AddIssuer(d, issuer, nil); err != nil {
		log.Fatal(err)
	}
	if err := store.Refresh(context.Background()); err != nil { // nothing to fetch here
		log.Fatal(err)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood})
	if err != nil {
		log.Fatal(err)
	}

	res, err := dec.Decode(issue(signer, issuer, issuer+"#z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Verification, res.Identity.FullName)

	// A kid naming another DID is refused, and so is an issuer off the
	// allow-list.
	_, err = dec.Decode(issue(signer, issuer, "did:web:elsewhere.example#key-1"))
	fmt.Println(errors.Is(err, trust.ErrKeyIDOtherDID))
	fmt.Println(errors.Is(store.AddIssuer(d, "did:web:elsewhere.example", nil), trust.ErrNotAllowed))
	// Output:
	// verified Jane Doe
	// true
	// true
}
