package keys_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// The key of RFC 8037 Appendix A (TEST 1 of RFC 8032 §7.1).
const (
	rfcSeed   = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
	rfcPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
)

func ExampleParsePublic() {
	// A key file holding the Ed25519 public key in hex.
	key, err := keys.ParsePublic([]byte(rfcPublic + "\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	alg, _ := cose.AlgorithmForKey(key.Public)
	fmt.Println(alg, key.Allows(cose.EdDSA) == nil, key.Allows(cose.ES256) == nil)

	// An all-zero Ed25519 key is refused.
	_, err = keys.ParsePublic(make([]byte, 32))
	fmt.Println(err)
	// Output:
	// EdDSA true false
	// cose: weak or invalid key: Ed25519 key of small order
}

func ExampleParsePrivate() {
	signer, err := keys.ParsePrivate([]byte(rfcSeed))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", signer.Public())
	// Output: d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
}

func ExampleParsePublicPEM() {
	pemText := "-----BEGIN PUBLIC KEY-----\n" +
		"MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n" +
		"-----END PUBLIC KEY-----\n"
	key, err := keys.ParsePublicPEM([]byte(pemText))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", key.Public)
	// Output: d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
}

func ExampleParsePrivatePEM() {
	signer, err := keys.ParsePrivatePEM([]byte("-----BEGIN PRIVATE KEY-----\n" +
		"MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n" +
		"-----END PRIVATE KEY-----\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", signer.Public())
	// Output: d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
}

func ExampleParsePublicJWK() {
	key, err := keys.ParsePublicJWK([]byte(`{"kty":"OKP","crv":"Ed25519","kid":"issuer-1","alg":"EdDSA",
		"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.KeyID, key.Algorithm)
	// Output: issuer-1 EdDSA
}

func ExampleParsePrivateJWK() {
	// RFC 8037 A.1, then the signature of RFC 8037 A.4.
	signer, err := keys.ParsePrivateJWK([]byte(`{"kty":"OKP","crv":"Ed25519",
		"d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
		"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	sig, _ := signer.Sign(nil, []byte("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"), crypto.Hash(0))
	fmt.Println(base64.RawURLEncoding.EncodeToString(sig))
	// Output: hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg
}

func ExampleParsePublicRaw() {
	raw := make([]byte, 65) // an uncompressed P-256 point, here not on the curve
	raw[0] = 4
	_, err := keys.ParsePublicRaw(raw)
	fmt.Println(err)
	// Output: cose: weak or invalid key: the point is not on its curve
}

func ExampleParsePrivateRaw() {
	seed := make([]byte, ed25519.SeedSize)
	signer, err := keys.ParsePrivateRaw(seed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%T\n", signer)
	// Output: ed25519.PrivateKey
}

func ExampleParseSymmetricKey() {
	key, err := keys.ParseSymmetricKey([]byte("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(key))

	_, err = keys.ParseSymmetricKey([]byte("0001020304050607"))
	fmt.Println(err)
	// Output:
	// 32
	// keys: invalid key: a symmetric key is 32, 48 or 64 hex digits
}

func ExampleParseSet() {
	set, warnings, err := keys.ParseSet([]byte(`{"keys":[
		{"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
		{"kty":"OKP","crv":"X25519","kid":"b","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"},
		{"kty":"oct","kid":"c","k":"AAECAwQFBgcICQoLDA0ODw"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.Len())
	for _, w := range warnings {
		fmt.Println(w)
	}
	// Output:
	// 1
	// keys: keys[1] (kid "b") skipped: keys: unsupported key: a key-agreement (ECDH, X25519) key cannot sign or verify
	// keys: keys[2] (kid "c") skipped: keys: unsupported key: a symmetric (oct) key cannot sign or verify
}

func ExampleSet_Lookup() {
	set, _, err := keys.LoadSetFile("testdata/rfc7517-a1.jwks.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, key := range set.Lookup("2011-04-29") {
		fmt.Println(key.Algorithm, key.Allows(cose.RS256) == nil, key.Allows(cose.PS256) == nil)
	}
	fmt.Println(len(set.Lookup("1"))) // "use": "enc": skipped
	// Output:
	// RS256 true false
	// 0
}

func ExampleSet_Keys() {
	set, _, err := keys.LoadSetFile("testdata/rfc7517-a1.jwks.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.Len())
	for _, key := range set.Keys() {
		fmt.Printf("%s %v %T\n", key.KeyID, key.Algorithm, key.Public)
	}
	// Output:
	// 1
	// 2011-04-29 RS256 *rsa.PublicKey
}

func ExampleKey_Allows() {
	key, _ := keys.ParsePublic([]byte(rfcPublic))
	fmt.Println(key.Allows(cose.EdDSA))
	fmt.Println(key.Allows(cose.ES256))
	// Output:
	// <nil>
	// cose: key does not match the algorithm: an Ed25519 key cannot verify ES256
}

func ExampleGenerate() {
	signer, err := keys.Generate(cose.ES256, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(signer.Public().(*ecdsa.PublicKey).Curve.Params().Name)
	// Output: P-256
}

func ExampleGenerateRSA() {
	key, err := keys.GenerateRSA(2048, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.N.BitLen())
	_, err = keys.GenerateRSA(1024, nil)
	fmt.Println(err)
	// Output:
	// 2048
	// cose: weak or invalid key: RSA modulus under 2048 bits
}

func ExampleMarshalPrivatePEM() {
	signer, _ := keys.ParsePrivate([]byte(rfcSeed))
	out, err := keys.MarshalPrivatePEM(signer)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// -----BEGIN PRIVATE KEY-----
	// MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
	// -----END PRIVATE KEY-----
}

func ExampleMarshalPublicPEM() {
	key, _ := keys.ParsePublic([]byte(rfcPublic))
	out, err := keys.MarshalPublicPEM(key.Public)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// -----BEGIN PUBLIC KEY-----
	// MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
	// -----END PUBLIC KEY-----
}

func ExampleMarshalPublicJWK() {
	key, _ := keys.ParsePublic([]byte(rfcPublic))
	key.KeyID = "issuer-1"
	out, err := keys.MarshalPublicJWK(key)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))
	// Output: {"use":"sig","kty":"OKP","kid":"issuer-1","crv":"Ed25519","alg":"EdDSA","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
}

func ExampleNewSet() {
	key, _ := keys.ParsePublic([]byte(rfcPublic))
	key.KeyID = "issuer-1"
	set, err := keys.NewSet(key)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(set.Lookup("issuer-1")))
	// Output: 1
}

func ExampleLoadSetFile() {
	set, warnings, err := keys.LoadSetFile("testdata/rfc7517-a1.jwks.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.Len(), warnings)
	// Output: 1 [keys: keys[0] (kid "1") skipped: keys: unsupported key: JWK use is not sig]
}

func ExampleLoadPublicFile() {
	key, err := keys.LoadPublicFile("testdata/p384.cert.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.Certificates[0].Subject.CommonName, key.Allows(cose.ES384) == nil)
	// Output: claim169-keys-test true
}

func ExampleLoadPrivateFile() {
	signer, err := keys.LoadPrivateFile("testdata/p256-sec1.key.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	alg, _ := cose.AlgorithmForKey(signer.Public())
	fmt.Println(alg)
	// Output: ES256
}

func ExampleLoadSymmetricKeyFile() {
	path := filepath.Join(os.TempDir(), "claim169-keys-example.hex")
	if err := os.WriteFile(path, []byte("000102030405060708090a0b0c0d0e0f\n"), 0o600); err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(path)
	key, err := keys.LoadSymmetricKeyFile(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(key), cose.A128GCM.KeySize() == len(key))
	// Output: 16 true
}
