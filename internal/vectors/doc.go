// Package vectors holds the published test vectors of this module, once, embedded in the
// test binaries that import it, with a small typed API so that a test reads a vector without
// knowing where its file lives.
//
// It is a leaf: it imports only the standard library and nothing of this module, so that
// every package (the stage packages, the facade, the command) can test against the same
// bytes. Its types are made of standard-library types only. A later release exports it to
// users through a test kit.
//
// # The sets
//
// Each set is a directory of FS, with its SOURCE (where the files come from, at which
// commit, and any known defect) and, where the set has its own licence, its LICENSE beside
// it; Set.Source and Set.License return them.
//
//   - idpass (Idpass, LookupIdpass): the 18 conformance vectors of idpass/claim-169 v0.3.0,
//     MIT. One JSON file per credential, in valid/, edge/ (expired, not yet valid, unknown
//     fields) and invalid/ (bad Base45, bad zlib, not COSE, no claim 169): the QR text, the
//     signing and encryption keys where the credential has them, and the expected identity
//     and CWT fields, or the class of the expected error. One expectation is known to be
//     wrong: valid/with-face.json expects the face data "//3+4AAQ", but the credential holds
//     ff d8 ff e0 00 10 (a JPEG header, "/9j/4AAQ"); trust the bytes.
//   - golden (Goldens, LookupGolden): this project's 15 end-to-end vectors, MIT like the
//     module. One JSON file per vector: the encoder's input record, the output of every
//     stage (Claim 169 CBOR, CWT, COSE, zlib in hex, the Base45 text) and the expected
//     outcome of decoding. They are signed with Ed25519 and so are deterministic; the
//     claim169 package's golden test writes them (go test ./claim169 -run TestGolden
//     -update).
//   - mosip-spec (SpecExampleCOSE): the example credential of the MOSIP "169 - QR Code
//     Specifications" v1.2.0, section 3.2.1, as hex: a COSE_Sign1 under the CWT tag 61,
//     signed by a key MOSIP does not publish (it can be inspected, not verified), with three
//     deviations from the specification's own table. Included unchanged with attribution to
//     MOSIP.
//   - cose-wg (COSEWG, COSEWGGroups, LookupCOSEWG): examples of the COSE working group
//     (github.com/cose-wg/Examples), public domain: the COSE_Sign1 and COSE_Encrypt0
//     examples and CWT/A_3 … A_7, the RFC 8392 Appendix A credentials. One JSON file per
//     example: inputs (keys, plaintext, headers), intermediates (ToBeSign_hex, AAD_hex,
//     CEK_hex) and the message (output.cbor), with "fail": true for a message that must be
//     rejected.
//
// The files are returned as published; the typed views decode only what every reader needs
// (hex to bytes, JSON objects to maps) and leave the rest in the raw JSON. Every call returns
// fresh values that the caller may change.
//
// A function of this package panics only if an embedded file is malformed, which the
// package's own tests rule out: the files are part of the build, not input.
package vectors
