// Package keys reads, generates and writes the keys of the Claim 169 SDK and
// its claim169 command: signature keys (Ed25519, ECDSA on P-256, P-384 and
// P-521, RSA), key sets, and content-encryption keys.
//
// # Reading
//
// [ParsePublic] and [ParsePrivate] detect the form of their input:
//
//   - PEM (RFC 7468): "PUBLIC KEY" (SPKI, RFC 5280), "RSA PUBLIC KEY" (PKCS
//     #1, RFC 8017), "CERTIFICATE" (the leaf's key, with the chain kept);
//     "PRIVATE KEY" (PKCS #8, RFC 5208), "EC PRIVATE KEY" (SEC 1, RFC 5915),
//     "RSA PRIVATE KEY" (PKCS #1). Encrypted keys are not supported.
//   - JWK (RFC 7517, RFC 7518 §6, RFC 8037), read with go-jose: "OKP" with
//     "Ed25519", "EC" with "P-256", "P-384" or "P-521", "RSA".
//   - Raw keys: a 32-byte Ed25519 public key or seed (RFC 8032), the 64-byte
//     seed and public key, an uncompressed or compressed NIST point (SEC 1
//     §2.3.3).
//   - DER without PEM armour, and hex digits holding a raw key or DER.
//
// [ParsePublicPEM], [ParsePublicJWK], [ParsePublicRaw] and their private
// twins read one form only. [ParseSymmetricKey] reads a 16-, 24- or 32-byte
// content-encryption key from hex digits or an "oct" JWK. [ParseSet] reads a
// JWK Set (RFC 7517 §5) one key at a time: a key it cannot use is skipped
// with a warning rather than failing the set. The Load functions read a file
// and parse it.
//
// # What is verified
//
// Every key read or written is checked with [cose.CheckKey]: RSA moduli
// under [cose.MinRSABits], Ed25519 keys that are not a point or have small
// order (the all-zero key included) and EC points off their curve are
// refused with an error wrapping [cose.ErrWeakKey]. secp256k1, P-224, X25519,
// X448, Ed448, symmetric keys where a signature key is expected and RSA over
// [MaxRSABits] are refused with [ErrUnsupportedKey]. A private key given
// where a public one is expected is refused with [ErrPrivateKey], not
// reduced to its public half. A JWK's "use" must be "sig" and its "key_ops",
// if any, must allow the operation; its "alg", if any, restricts the key to
// that algorithm ([Key.Allows]). Private keys are checked for consistency
// (an EC JWK's d against its x and y, an Ed25519 seed against its public
// key). Certificates are parsed, not validated: trust is the verifier's job.
//
// # Generating and writing
//
// [Generate] makes a key for a signature algorithm ([GenerateRSA] chooses
// the RSA size). [MarshalPrivatePEM] writes PKCS #8, [MarshalPublicPEM]
// SPKI, [MarshalPublicJWK] a public JWK with "kid", "alg" and "use": "sig".
//
// # Limits
//
// Key input is at most [MaxKeyFileSize] bytes with at most [MaxPEMBlocks]
// PEM blocks and [MaxCertificates] certificates; a key set at most
// [MaxSetSize] bytes and [MaxSetKeys] entries; JSON nesting is bounded by
// encoding/json's validator. No error or warning contains key material.
package keys
