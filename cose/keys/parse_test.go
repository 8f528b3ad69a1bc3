package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

var allKeyNames = []string{"Ed25519", "P-256", "P-384", "P-521", "RSA"}

func TestParsePublicForms(t *testing.T) {
	type form struct {
		name  string
		input func(s crypto.Signer) []byte
		only  string // key type the form exists for, "" for all
	}
	forms := []form{
		{name: "SPKI PEM", input: func(s crypto.Signer) []byte { return ts.PEM("PUBLIC KEY", ts.SPKI(t, s.Public())) }},
		{name: "SPKI DER", input: func(s crypto.Signer) []byte { return ts.SPKI(t, s.Public()) }},
		{name: "SPKI PEM with text around", input: func(s crypto.Signer) []byte {
			return append(append([]byte("a comment\n"), ts.PEM("PUBLIC KEY", ts.SPKI(t, s.Public()))...), "\ntrailer\n"...)
		}},
		{name: "certificate PEM", input: func(s crypto.Signer) []byte { return ts.PEM("CERTIFICATE", ts.SelfSigned(t, s)) }},
		{name: "certificate DER", input: func(s crypto.Signer) []byte { return ts.SelfSigned(t, s) }},
		{name: "PKCS #1 PEM", only: "RSA", input: func(s crypto.Signer) []byte {
			return ts.PEM("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(s.Public().(*rsa.PublicKey)))
		}},
		{name: "PKCS #1 DER", only: "RSA", input: func(s crypto.Signer) []byte {
			return x509.MarshalPKCS1PublicKey(s.Public().(*rsa.PublicKey))
		}},
	}
	for _, f := range forms {
		for _, name := range allKeyNames {
			if f.only != "" && f.only != name {
				continue
			}
			t.Run(f.name+"/"+name, func(t *testing.T) {
				s := signer(t, name)
				key, err := ParsePublic(f.input(s))
				require.NoError(t, err)
				assert.True(t, equalPublic(s.Public(), key.Public))
				assert.Empty(t, key.KeyID)
				assert.Zero(t, key.Algorithm)
				if strings.HasPrefix(f.name, "certificate") {
					require.Len(t, key.Certificates, 1)
				} else {
					assert.Empty(t, key.Certificates)
				}
			})
		}
	}
}

func TestParsePrivateForms(t *testing.T) {
	type form struct {
		name  string
		input func(s crypto.Signer) []byte
		only  []string
	}
	ecNames := []string{"P-256", "P-384", "P-521"}
	sec1 := func(s crypto.Signer) []byte {
		der, err := x509.MarshalECPrivateKey(s.(*ecdsa.PrivateKey))
		require.NoError(t, err)
		return der
	}
	forms := []form{
		{name: "PKCS #8 PEM", input: func(s crypto.Signer) []byte { return ts.PEM("PRIVATE KEY", ts.PKCS8(t, s)) }},
		{name: "PKCS #8 DER", input: func(s crypto.Signer) []byte { return ts.PKCS8(t, s) }},
		{name: "PKCS #8 DER in hex", input: func(s crypto.Signer) []byte { return []byte(hex.EncodeToString(ts.PKCS8(t, s)) + "\n") }},
		{name: "SEC 1 PEM", only: ecNames, input: func(s crypto.Signer) []byte { return ts.PEM("EC PRIVATE KEY", sec1(s)) }},
		{name: "SEC 1 PEM after EC PARAMETERS", only: ecNames, input: func(s crypto.Signer) []byte {
			params, err := asn1.Marshal(oidP256)
			require.NoError(t, err)
			return append(ts.PEM("EC PARAMETERS", params), ts.PEM("EC PRIVATE KEY", sec1(s))...)
		}},
		{name: "SEC 1 DER", only: ecNames, input: sec1},
		{name: "PKCS #1 PEM", only: []string{"RSA"}, input: func(s crypto.Signer) []byte {
			return ts.PEM("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(s.(*rsa.PrivateKey)))
		}},
		{name: "PKCS #1 DER", only: []string{"RSA"}, input: func(s crypto.Signer) []byte {
			return x509.MarshalPKCS1PrivateKey(s.(*rsa.PrivateKey))
		}},
	}
	for _, f := range forms {
		for _, name := range allKeyNames {
			if f.only != nil && !contains(f.only, name) {
				continue
			}
			t.Run(f.name+"/"+name, func(t *testing.T) {
				s := signer(t, name)
				got, err := ParsePrivate(f.input(s))
				require.NoError(t, err)
				assert.True(t, equalPublic(s.Public(), got.Public()))
				assert.True(t, got.(interface{ Equal(crypto.PrivateKey) bool }).Equal(s))
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestParseRawAndHex(t *testing.T) {
	edPub := ts.Unhex(t, rfc8032Public)
	points := map[string][]byte{}
	for _, name := range []string{"P-256", "P-384", "P-521"} {
		pub := signer(t, name).Public().(*ecdsa.PublicKey)
		b, err := pub.Bytes()
		require.NoError(t, err)
		points[name] = b
		size := (len(b) - 1) / 2
		compressed := append([]byte{2 | b[len(b)-1]&1}, b[1:1+size]...)
		points[name+" compressed"] = compressed
	}
	tests := []struct {
		name  string
		input []byte
		want  crypto.PublicKey
	}{
		{"Ed25519 raw", edPub, ed25519.PublicKey(edPub)},
		{"Ed25519 hex", []byte(rfc8032Public), ed25519.PublicKey(edPub)},
		{"Ed25519 hex upper case with newline", []byte(strings.ToUpper(rfc8032Public) + "\r\n"), ed25519.PublicKey(edPub)},
		{"Ed25519 hex with spaces around", []byte("  " + rfc8032Public + "\t\n"), ed25519.PublicKey(edPub)},
	}
	for name, b := range points {
		curveName, _, _ := strings.Cut(name, " ")
		want := signer(t, curveName).Public()
		tests = append(tests,
			struct {
				name  string
				input []byte
				want  crypto.PublicKey
			}{name + " raw", b, want},
			struct {
				name  string
				input []byte
				want  crypto.PublicKey
			}{name + " hex", []byte(hex.EncodeToString(b) + "\n"), want})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			key, err := ParsePublic(tc.input)
			require.NoError(t, err)
			assert.True(t, equalPublic(tc.want, key.Public))
		})
	}
}

func TestParsePrivateRaw(t *testing.T) {
	seed := ts.Unhex(t, rfc8032Seed)
	full := ed25519.NewKeyFromSeed(seed)
	mismatched := append([]byte(nil), full...)
	mismatched[63] ^= 1
	tests := []struct {
		name    string
		input   []byte
		wantErr error
	}{
		{"seed", seed, nil},
		{"seed in hex", []byte(rfc8032Seed + "\n"), nil},
		{"seed and public key", full, nil},
		{"seed and public key in hex", []byte(hex.EncodeToString(full)), nil},
		{"public key does not match seed", mismatched, ErrInvalidKey},
		{"P-256 point is not a private key", append([]byte{4}, make([]byte, 64)...), ErrUnsupportedKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePrivate(tc.input)
			if !ts.Succeeded(t, got, err, tc.wantErr) {
				return
			}
			assert.Equal(t, ed25519.PublicKey(ts.Unhex(t, rfc8032Public)), got.Public())
		})
	}
}

// offCurve returns the uncompressed point of a P-256 key with y altered.
func offCurve(t *testing.T) []byte {
	b, err := signer(t, "P-256").Public().(*ecdsa.PublicKey).Bytes()
	require.NoError(t, err)
	b[64] ^= 1
	return b
}

// notCompressedPoint returns 0x02||x for an x that has no point on P-256.
func notCompressedPoint(t *testing.T) []byte {
	for i := range 256 {
		b := make([]byte, 33)
		b[0], b[32] = 2, byte(i)
		if x, _ := elliptic.UnmarshalCompressed(elliptic.P256(), b); x == nil {
			return b
		}
	}
	t.Fatal("no x without a point found")
	return nil
}

// curveSPKI builds an EC SubjectPublicKeyInfo naming curve, with point bytes
// that are not checked.
func curveSPKI(t *testing.T, curve asn1.ObjectIdentifier) []byte {
	params, err := asn1.Marshal(curve)
	require.NoError(t, err)
	point := append([]byte{4}, make([]byte, 64)...)
	der, err := asn1.Marshal(struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}{pkix.AlgorithmIdentifier{Algorithm: oidEC, Parameters: asn1.RawValue{FullBytes: params}}, asn1.BitString{Bytes: point, BitLength: 8 * len(point)}})
	require.NoError(t, err)
	return der
}

// hugeRSA returns a public key and a PKCS #1 private key structure with a
// 5000-bit modulus (not a real key: only the size matters).
func hugeRSA(t *testing.T) (*rsa.PublicKey, []byte) {
	n := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 5000), big.NewInt(1))
	one := big.NewInt(1)
	der, err := asn1.Marshal(struct {
		Version                   int
		N                         *big.Int
		E                         int
		D, P, Q, Dp, Dq, Qinverse *big.Int
	}{0, n, 65537, one, one, one, one, one, one})
	require.NoError(t, err)
	return &rsa.PublicKey{N: n, E: 65537}, der
}
