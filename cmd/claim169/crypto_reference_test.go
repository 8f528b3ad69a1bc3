package main

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// The command against the reference implementation of internal/testsupport,
// which shares no code with this module's packages: the command must read
// what it writes and write what it reads, for every algorithm, AEAD and tag
// shape.

// referenceAlgs maps the command's algorithm names to their IANA "COSE
// Algorithms" numbers.
var referenceAlgs = map[string]int64{
	"EdDSA": ts.AlgEdDSA, "ES256": ts.AlgES256, "ES384": ts.AlgES384,
	"ES512": ts.AlgES512, "PS256": ts.AlgPS256, "PS384": ts.AlgPS384,
	"PS512": ts.AlgPS512, "RS256": ts.AlgRS256,
}

// referenceAEADs maps the command's AEAD names to their number and key
// size; "" is no encryption.
var referenceAEADs = map[string]struct {
	id   int64
	size int
}{
	"": {}, "A128GCM": {ts.AlgA128GCM, 16}, "A192GCM": {ts.AlgA192GCM, 24},
	"A256GCM": {ts.AlgA256GCM, 32}, "C20P": {ts.AlgChaCha20Poly1305, 32},
}

// referenceClaims is cryptoRecord as the reference implementation issues it.
func referenceClaims() map[int64]any {
	return map[int64]any{1: "https://issuer.example", 4: 1900000000, 6: 1760000000,
		169: map[int64]any{1: "ID-CLI-77", 4: "Amina Okafor"}}
}

// referenceSigners returns a private key for every signature algorithm.
func referenceSigners() map[string]crypto.Signer {
	privs := map[string]crypto.Signer{
		"EdDSA": ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32)),
		"ES256": ts.ECDSAKey(elliptic.P256()),
		"ES384": ts.ECDSAKey(elliptic.P384()),
		"ES512": ts.ECDSAKey(elliptic.P521()),
	}
	for _, alg := range []string{"PS256", "PS384", "PS512", "RS256"} {
		privs[alg] = ts.RSAKey(2048)
	}
	return privs
}

func TestCryptoIndependentImplementation(t *testing.T) {
	dir := t.TempDir()
	for alg, priv := range referenceSigners() {
		privPath := writeFile(t, dir, alg+".key.pem", cryptoPKCS8(t, priv))
		pubPath := writeFile(t, dir, alg+".pub.pem", cryptoSPKI(t, priv.Public()))
		for _, aead := range []string{"", "A128GCM", "A192GCM", "A256GCM", "C20P"} {
			enc := referenceAEADs[aead]
			var key []byte
			args := []string{"--key", privPath, "--alg", alg}
			decodeArgs := []string{"--key", pubPath}
			if aead != "" {
				key = make([]byte, enc.size)
				_, err := rand.Read(key)
				require.NoError(t, err)
				keyPath := writeFile(t, dir, alg+aead+".hex", []byte(hex.EncodeToString(key)))
				args = append(args, "--encrypt-key", keyPath, "--encrypt-alg", aead)
				decodeArgs = append(decodeArgs, "--decrypt-key", keyPath)
			}
			for _, shape := range []struct{ untagged, cwtTag bool }{{false, false}, {true, false}, {false, true}} {
				t.Run(fmt.Sprintf("%s/%s/untagged=%v/tag61=%v", alg, aead, shape.untagged, shape.cwtTag), func(t *testing.T) {
					extra := []string{}
					if shape.untagged {
						extra = append(extra, "--untagged")
					}
					if shape.cwtTag {
						extra = append(extra, "--cwt-tag")
					}
					text := cryptoEncode(t, append(args, extra...)...)
					claims := ts.Open(t, text, ts.Opening{
						Alg: referenceAlgs[alg], Public: priv.Public(), EncAlg: enc.id, EncKey: key,
					})
					var id map[int64]any
					require.NoError(t, cbor.Unmarshal(claims[169], &id))
					assert.Equal(t, "Amina Okafor", id[4])

					text = ts.Issue(t, ts.Credential{
						Claims: referenceClaims(), Alg: referenceAlgs[alg], Key: priv, EncAlg: enc.id, EncKey: key,
						Untagged: shape.untagged, CWTTag: shape.cwtTag,
					})
					code, out := cryptoDecode(t, text, decodeArgs...)
					require.Equal(t, 0, code)
					assert.Equal(t, "verified", out["verification"])
					assert.Equal(t, alg, out["algorithm"])
				})
			}
		}
	}
}
