// Package claim169test is a test kit for the users of this SDK: issuing
// services and verifier backends test their own integration with it, as
// testing/fstest, net/http/httptest and testing/iotest serve the standard
// library's users.
//
// # Conformance vectors
//
// [Vectors] returns the conformance vectors embedded in the package: this
// project's golden vectors, the published idpass/claim-169 v0.3.0 vectors
// (MIT) and the Claim 169 specification's example. Each [Vector] has a
// name, the QR text, the keys and the clock to verify it with, and the
// expected [Outcome] of a verifier (Want) and of a decode without a
// signature check (WantUnverified): the identity and claims as JSON, or
// the sentinel error and the stage of the refusal. A vector whose outcome
// differs from what its source publishes says so in its Note: the idpass
// vectors that are not signed are refused by a verifier (their content is
// in WantUnverified), and valid/with-face's published face data is wrong
// (the credential's bytes are authoritative).
//
// # The runner
//
// [Run] runs a [Verifier] — the user's verifier on one vector — on every
// vector as a subtest, and reports each mismatch: what it accepted but must
// refuse, what it refused with the wrong sentinel or at the wrong stage,
// an identity or claims not exactly as expected, warnings that differ where
// the vector pins them. [Decode] is this SDK's Decoder, which passes. [HTTP]
// adapts a verifier behind an http.Handler:
//
//	func TestConformance(t *testing.T) {
//		claim169test.Run(t, claim169test.HTTP{Handler: func(v claim169test.Vector) (http.Handler, error) {
//			return newService(v.Keys, v.Now) // the service under test
//		}}.Verify)
//	}
//
// # The conformance pack
//
// [Pack] holds the same vectors as JSON files, for other implementations;
// `claim169 vectors --out DIR` writes it. Its schema is documented in
// docs/VECTORS.md and read by [ParseVector].
//
// # A deterministic issuer
//
// [Signer] returns a signer over the package's test keys, one per
// algorithm of [Algorithms], whose signatures are deterministic: Ed25519
// by nature, ECDSA with RFC 6979 nonces, RSA-PSS with a salt derived from
// the digest. An [Issuer] signs with it at the fixed clock [Now], so that a
// credential issued twice is the same text, byte for byte, on every run
// (for golden files), and [Issuer.Tamper] makes the credential a verifier
// must refuse: a flipped signature bit, a claim changed after signing, a
// signature by another key, an expired or not yet valid credential.
//
// The test keys are published with the module: anyone can sign with them.
// Nothing signed by them may be trusted outside tests.
package claim169test
