package cose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// The COSE working group examples (vectors.COSEWG, see its SOURCE). Each JSON
// file holds the inputs (keys as JWK-like objects, with base64url x/y/d/k or
// hex x_hex/d_hex/n_hex/e_hex), the intermediate structures (ToBeSign_hex,
// AAD_hex, CEK_hex), the message (output.cbor, hex) and "fail": true for a
// message that must be rejected.

type wgVector struct {
	Title string `json:"title"`
	Fail  bool   `json:"fail"`
	Input struct {
		Plaintext string     `json:"plaintext"`
		Sign0     *wgSigner  `json:"sign0"`
		Sign      *wgSign    `json:"sign"`
		Encrypted *wgEncrypt `json:"encrypted"`
		Enveloped *wgEncrypt `json:"enveloped"`
	} `json:"input"`
	Intermediates struct {
		ToBeSignHex string `json:"ToBeSign_hex"`
		AADHex      string `json:"AAD_hex"`
		CEKHex      string `json:"CEK_hex"`
		Signers     []struct {
			ToBeSignHex string `json:"ToBeSign_hex"`
		} `json:"signers"`
	} `json:"intermediates"`
	Output struct {
		CBOR string `json:"cbor"`
	} `json:"output"`
}

type wgSigner struct {
	Key      wgKey  `json:"key"`
	External string `json:"external"` // hex external AAD
}

type wgSign struct {
	Signers []wgSigner `json:"signers"`
}

type wgEncrypt struct {
	Protected   map[string]any `json:"protected"`
	Unprotected map[string]any `json:"unprotected"`
	External    string         `json:"external"`
	Unsent      struct {
		IVHex string `json:"IV_hex"`
	} `json:"unsent"`
	Recipients []struct {
		Key wgKey `json:"key"`
	} `json:"recipients"`
}

type wgKey struct {
	Kty  string `json:"kty"`
	Crv  string `json:"crv"`
	X    string `json:"x"`
	Y    string `json:"y"`
	K    string `json:"k"`
	XHex string `json:"x_hex"`
	NHex string `json:"n_hex"`
	EHex string `json:"e_hex"`
}

// loadVector reads the example file "group/name.json" of the COSE WG
// examples.
func loadVector(t *testing.T, file string) wgVector {
	t.Helper()
	group, name, _ := strings.Cut(strings.TrimSuffix(file, ".json"), "/")
	ex, ok := vectors.LookupCOSEWG(group, name)
	require.True(t, ok, file)
	var v wgVector
	require.NoError(t, json.Unmarshal(ex.JSON, &v))
	return v
}

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	require.NoError(t, err)
	return b
}

// publicKey returns the public key of a vector key, or nil for an Ed448 key
// (no Go type; this package does not implement Ed448).
func (k wgKey) publicKey(t *testing.T) crypto.PublicKey {
	t.Helper()
	switch k.Kty {
	case "OKP":
		if k.Crv != "Ed25519" {
			return nil
		}
		return ed25519.PublicKey(ts.Unhex(t, k.XHex))
	case "EC":
		curves := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}
		curve := curves[k.Crv]
		require.NotNil(t, curve, k.Crv)
		point := append([]byte{4}, b64(t, k.X)...)
		pub, err := ecdsa.ParseUncompressedPublicKey(curve, append(point, b64(t, k.Y)...))
		require.NoError(t, err)
		return pub
	case "RSA":
		e := new(big.Int).SetBytes(ts.Unhex(t, k.EHex))
		return &rsa.PublicKey{N: new(big.Int).SetBytes(ts.Unhex(t, k.NHex)), E: int(e.Int64())}
	}
	t.Fatalf("unknown key type %q", k.Kty)
	return nil
}

// wgAlgorithms maps the examples' algorithm names to this package's.
var wgAlgorithms = map[string]Algorithm{
	"A128GCM": A128GCM, "A192GCM": A192GCM, "A256GCM": A256GCM, "ChaCha-Poly1305": ChaCha20Poly1305,
}

// aeadAlgorithm returns the content algorithm named by a vector, from
// either bucket.
func (e *wgEncrypt) aeadAlgorithm(t *testing.T) Algorithm {
	t.Helper()
	name, ok := e.Protected["alg"].(string)
	if !ok {
		name, ok = e.Unprotected["alg"].(string)
	}
	require.True(t, ok, "vector names no algorithm")
	alg, ok := wgAlgorithms[name]
	require.True(t, ok, name)
	return alg
}

// requireErrors checks that err matches every sentinel of want, or is nil
// when want is empty.
func requireErrors(t *testing.T, err error, want []error) {
	t.Helper()
	if len(want) == 0 {
		require.NoError(t, err)
		return
	}
	require.Error(t, err)
	for _, w := range want {
		require.ErrorIs(t, err, w)
	}
}
