// Package testsupport holds the test helpers several packages of this module share. It is
// imported only by _test.go files.
//
// It imports nothing of this module, so that it can serve every package without a cycle and
// so that its reference implementation stays an oracle:
//
//   - Issue and Open: an independent reference implementation of the credential pipeline
//     (COSE_Sign1 and COSE_Encrypt0 over a CWT, zlib, Base45) written with the standard
//     library, github.com/fxamacker/cbor/v2 with its own options, golang.org/x/crypto and
//     github.com/dasio/base45 (the Base45 oracle the base45 tests already compare against).
//     A test issues with the SDK and opens with Open, or issues with Issue and decodes with
//     the SDK: both sides must agree for every algorithm, AEAD and tag shape.
//   - Wrap and Unwrap: the QR text of a message and the message of a QR text (zlib and
//     Base45), the outer layers of Issue and Open, for tests that build or change messages.
//   - Sign1: a COSE_Sign1 with the header buckets as given, for messages the SDK's encoder
//     does not write.
//   - Succeeded: the outcome of a call a table test expects to fail or succeed.
//   - HSM: a signer that signs as a hardware security module or a cloud KMS does.
//   - Head, Int, Bytes, Text, Array, Map, Tag, Cat and Nested: a hand CBOR writer for
//     messages no encoder would write (duplicate keys, wrong lengths, trailing bytes),
//     writing every item in the order given.
//   - ECDSAKey and RSAKey: generated keys, made once per test binary and shared by its tests.
//   - PEM, PKCS8, SPKI and SelfSigned: key and certificate encodings for key-input tests;
//     SelfSignedAs: a self-signed certificate that says a given name, serial and validity.
//     Chain: a CA and a leaf it certifies, for x5chain and trust-anchor tests.
//   - MustHex and Unhex: hex constants.
//   - Sample and Random: deterministic payloads, credential-like or incompressible.
//   - FuzzCorpus: the inputs committed under testdata/fuzz for a fuzz target.
//   - GoldenFile: a golden file, rewritten first under -update.
//   - TextFiles: vectors kept one per text file.
//   - Canonical: whether CBOR encodes again unchanged under a given codec.
//   - LogBuffer: a log destination safe for a service's goroutines.
//   - BytesPerRun, Cost and CPUTime: what a call allocates, and the CPU time it takes.
package testsupport
