package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	ts "github.com/idqr/claim169/internal/testsupport"
)

func TestParsePublicRefusals(t *testing.T) {
	x25519, p224 := x25519Key(t), ts.ECDSAKey(elliptic.P224())
	huge, _ := hugeRSA(t)
	ed := signer(t, "Ed25519")
	spkiPEM := ts.PEM("PUBLIC KEY", ts.SPKI(t, ed.Public()))
	evenExponent := *signer(t, "RSA").Public().(*rsa.PublicKey)
	evenExponent.E = 65536
	encrypted := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED"}, Bytes: []byte{1}})

	requireRefusals(t, ParsePublic, []refusal{
		{"Ed25519 all zeros", make([]byte, 32), cose.ErrWeakKey},
		{"Ed25519 all zeros in hex", []byte(strings.Repeat("00", 32)), cose.ErrWeakKey},
		{"Ed25519 identity point", append([]byte{1}, make([]byte, 31)...), cose.ErrWeakKey},
		{"Ed25519 point of order 2", ts.Unhex(t, "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), cose.ErrWeakKey},
		{"Ed25519 not a point", ts.Unhex(t, "0200000000000000000000000000000000000000000000000000000000000000"), cose.ErrWeakKey},
		{"P-256 point off the curve", offCurve(t), cose.ErrWeakKey},
		{"P-256 compressed x without a point", notCompressedPoint(t), cose.ErrWeakKey},
		{"RSA 1024 SPKI", ts.PEM("PUBLIC KEY", ts.SPKI(t, ts.RSAKey(1024).Public())), cose.ErrWeakKey},
		{"RSA 1024 PKCS #1", ts.PEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&ts.RSAKey(1024).PublicKey)), cose.ErrWeakKey},
		{"RSA even exponent", ts.PEM("PUBLIC KEY", ts.SPKI(t, &evenExponent)), cose.ErrWeakKey},
		{"RSA 5000 bits", ts.PEM("PUBLIC KEY", ts.SPKI(t, huge)), ErrUnsupportedKey},
		{"secp256k1 SPKI", ts.PEM("PUBLIC KEY", curveSPKI(t, oidSecp256k1)), ErrUnsupportedKey},
		{"secp256k1 SPKI DER", curveSPKI(t, oidSecp256k1), ErrUnsupportedKey},
		{"P-224 SPKI", ts.PEM("PUBLIC KEY", ts.SPKI(t, p224.Public())), ErrUnsupportedKey},
		{"X25519 SPKI", ts.PEM("PUBLIC KEY", ts.SPKI(t, x25519.PublicKey())), ErrUnsupportedKey},
		{"X25519 certificate-less DER", ts.SPKI(t, x25519.PublicKey()), ErrUnsupportedKey},
		{"PKCS #8 PEM", ts.PEM("PRIVATE KEY", ts.PKCS8(t, ed)), ErrPrivateKey},
		{"PKCS #8 DER", ts.PKCS8(t, ed), ErrPrivateKey},
		{"PKCS #1 private PEM", ts.PEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(signer(t, "RSA").(*rsa.PrivateKey))), ErrPrivateKey},
		{"encrypted PKCS #8", ts.PEM("ENCRYPTED PRIVATE KEY", []byte{1}), ErrPrivateKey},
		{"RFC 1421 encrypted block", encrypted, ErrUnsupportedKey},
		{"unknown PEM type", ts.PEM("FOO", []byte{1}), ErrUnsupportedKey},
		{"two public keys", append(append([]byte{}, spkiPEM...), spkiPEM...), ErrInvalidKey},
		{"public key and certificate", append(append([]byte{}, spkiPEM...), ts.PEM("CERTIFICATE", ts.SelfSigned(t, ed))...), ErrInvalidKey},
		{"truncated PEM", spkiPEM[:len(spkiPEM)-20], ErrInvalidKey},
		{"PEM with bad base64", []byte("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n"), ErrInvalidKey},
		{"PEM without a key block", ts.PEM("EC PARAMETERS", []byte{6, 1, 0}), ErrInvalidKey},
		{"garbage SPKI in PEM", ts.PEM("PUBLIC KEY", []byte{0x30, 0x03, 1, 2, 3}), ErrInvalidKey},
		{"garbage certificate", ts.PEM("CERTIFICATE", []byte{0x30, 0}), ErrInvalidKey},
		{"empty input", nil, ErrInvalidKey},
		{"31 bytes", make([]byte, 31), ErrInvalidKey},
		{"64 bytes", make([]byte, 64), ErrUnsupportedKey},
		{"malformed JSON", []byte(`{"kty":`), ErrInvalidKey},
		{"too large", make([]byte, MaxKeyFileSize+1), ErrInvalidKey},
		{"too many PEM blocks", []byte(strings.Repeat(string(spkiPEM), MaxPEMBlocks+1)), ErrInvalidKey},
	})
}

func TestParsePrivateRefusals(t *testing.T) {
	x25519, p224 := x25519Key(t), ts.ECDSAKey(elliptic.P224())
	_, hugePKCS1 := hugeRSA(t)
	ed := signer(t, "Ed25519")
	sec1 := func(k *ecdsa.PrivateKey) []byte {
		der, err := x509.MarshalECPrivateKey(k)
		require.NoError(t, err)
		return der
	}

	requireRefusals(t, ParsePrivate, []refusal{
		{"RSA 1024 PKCS #8", ts.PEM("PRIVATE KEY", ts.PKCS8(t, ts.RSAKey(1024))), cose.ErrWeakKey},
		{"RSA 1024 PKCS #1", ts.PEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(ts.RSAKey(1024))), cose.ErrWeakKey},
		{"RSA 5000 bits PKCS #1", ts.PEM("RSA PRIVATE KEY", hugePKCS1), ErrUnsupportedKey},
		{"RSA 5000 bits PKCS #1 DER", hugePKCS1, ErrUnsupportedKey},
		{"X25519 PKCS #8", ts.PEM("PRIVATE KEY", ts.PKCS8(t, x25519)), ErrUnsupportedKey},
		{"X25519 PKCS #8 DER", ts.PKCS8(t, x25519), ErrUnsupportedKey},
		{"P-224 SEC 1", ts.PEM("EC PRIVATE KEY", sec1(p224)), ErrUnsupportedKey},
		{"P-224 PKCS #8", ts.PEM("PRIVATE KEY", ts.PKCS8(t, p224)), ErrUnsupportedKey},
		{"encrypted PKCS #8", ts.PEM("ENCRYPTED PRIVATE KEY", []byte{1}), ErrUnsupportedKey},
		{"public key PEM", ts.PEM("PUBLIC KEY", ts.SPKI(t, ed.Public())), ErrInvalidKey},
		{"public key DER", ts.SPKI(t, ed.Public()), ErrInvalidKey},
		{"certificate", ts.PEM("CERTIFICATE", ts.SelfSigned(t, ed)), ErrInvalidKey},
		{"public JWK", readTestdata(t, "rfc8037-a2.jwk.json"), ErrInvalidKey},
		{"two private keys", append(ts.PEM("PRIVATE KEY", ts.PKCS8(t, ed)), ts.PEM("PRIVATE KEY", ts.PKCS8(t, ed))...), ErrInvalidKey},
		{"garbage PKCS #8", ts.PEM("PRIVATE KEY", []byte{0x30, 0}), ErrInvalidKey},
		{"garbage SEC 1", ts.PEM("EC PRIVATE KEY", []byte{0x30, 0}), ErrInvalidKey},
		{"garbage PKCS #1", ts.PEM("RSA PRIVATE KEY", []byte{0x30, 0}), ErrInvalidKey},
		{"garbage DER", []byte{0x30, 3, 2, 1, 0}, ErrInvalidKey},
		{"unknown PEM type", ts.PEM("OPENSSH PRIVATE KEY", []byte{1}), ErrUnsupportedKey},
		{"raw of a public length", offCurve(t), ErrUnsupportedKey},
		{"too large", make([]byte, MaxKeyFileSize+1), ErrInvalidKey},
	})
}
