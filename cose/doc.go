// Package cose implements the two COSE messages of a Claim 169 credential
// (RFC 9052 structures, RFC 9053 algorithms): COSE_Sign1, which signs the CWT,
// and COSE_Encrypt0, which may encrypt the signed message.
//
// # Messages
//
// [ParseSign1] and [ParseEncrypt0] read a message under its own tag (18 or
// 16) or untagged; any other tag, the CWT tag 61 included (the cwt package
// strips it first), is refused. [Identify] tells the two apart from their
// first bytes. [Sign] creates a COSE_Sign1 with any crypto.Signer, HSM and KMS
// keys included; [Encrypt] creates a COSE_Encrypt0 with any [AEAD], and
// [NewAEAD] builds one for A128GCM, A192GCM, A256GCM (RFC 9053 §4.1) or
// ChaCha20/Poly1305 (RFC 9053 §4.3).
//
// Signature algorithms: EdDSA with Ed25519 (RFC 9053 §2.2), ES256, ES384,
// ES512 (RFC 9053 §2.1, raw r‖s signatures), PS256, PS384, PS512 (RFC 8230)
// and RS256 (RFC 8812; verified always, signed only with
// SignOptions.AllowRS256). Ed448 is not implemented. The signature
// algorithms themselves come from github.com/veraison/go-cose; RS256 from
// crypto/rsa.
//
// # What is verified
//
//   - Signatures and authentication tags are computed over the protected
//     header bytes exactly as received, in the Sig_structure (RFC 9052 §4.4)
//     and the Enc_structure (RFC 9052 §5.3). (For an empty protected bucket
//     those structures hold a zero-length byte string, but such a message
//     has no protected alg and is refused before.)
//   - The algorithm is taken only from the protected header. An alg
//     parameter found only in the unprotected header is refused, although RFC
//     9052 allows it there: it would let an attacker choose the algorithm.
//   - The algorithm must match the key: key type, curve and hash, and
//     for an AEAD the algorithm it was built for. Weak keys are refused
//     ([CheckKey]: RSA under [MinRSABits], small-order or invalid Ed25519
//     points, ECDSA points off their curve). ECDSA P-256 with ES512 (a
//     combination RFC 9053 allows but does not recommend) is refused.
//   - A crit header parameter (RFC 9052 §3.1) must be a non-empty array in
//     the protected header naming labels present there; a message whose crit
//     names a parameter that is not processed is refused
//     ([ErrNotUnderstood]). Sign1 processes alg, crit, content type and kid;
//     the x5 certificates (x5bag, x5chain, x5t, x5u) are exposed, not
//     validated, so a crit naming them is accepted only when the caller says
//     it processes them ([VerifyOptions].Understood); Encrypt0 processes
//     alg, crit, content type, kid and IV.
//   - Signatures must have the exact length of the algorithm (64 bytes for
//     EdDSA, twice the coordinate size for ECDSA, the modulus size for RSA).
//   - The IV must be exactly [IVSize] bytes; a Partial IV is not supported.
//
// A message is parsed in one pass, never started over. The module's strict
// CBOR mode checks the array once, whole (well-formed, within its limits,
// nothing after it), and the map in the protected byte string on its own;
// the array and the header maps are then walked once, each element, label
// and value decided by its own type. Duplicate labels, labels that are
// neither integers nor UTF-8 text strings, a label in both buckets (RFC 9052
// §3), IV and Partial IV together, and known parameters of the wrong type
// are malformed. Definite and indefinite lengths are both accepted. A
// zero-length protected byte string and one holding an empty map are both
// accepted. Detached content (a null payload or ciphertext) is not
// supported. Bytes after a message are refused.
//
// Tags: RFC 9052 gives each element of the array, each label and the value
// of each parameter this package processes a CBOR type, so a tag in front of
// one is malformed (the x5u value alone may be under tag 32, RFC 9360 §2). A
// self-described CBOR tag (55799) is no exception: it is never skipped. The
// value of any other parameter may be tagged; it is kept as received, tag
// included, once the strict mode has checked that tag (a date, epoch or
// bignum tag must enclose the type RFC 8949 §3.4 gives it).
//
// A parsed message shares no memory with its input: the message is copied
// once, and RawProtected, Payload, Signature, Ciphertext and the values of
// the unprotected parameters are capped slices of that copy; the protected
// parameters are parsed from a copy of their own, so that they do not alias
// RawProtected.
//
// # Errors
//
// Callers decide with errors.Is on these sentinels:
//
//   - [ErrMalformed]: the input is not a well-formed COSE_Sign1 or
//     COSE_Encrypt0 (parse time).
//   - [ErrVerification]: every failure of [Sign1.Verify]. When the cause is
//     the algorithm or the key, the error also matches
//     [ErrUnsupportedAlgorithm] (alg missing from the protected header,
//     unknown, or a text string), [ErrAlgorithmMismatch] or [ErrWeakKey]. An
//     unknown critical parameter also matches [ErrNotUnderstood]; a
//     signature of the wrong length or one that does not verify match
//     ErrVerification only.
//   - [ErrDecryption]: every failure of [Encrypt0.Decrypt]; it also matches
//     [ErrUnsupportedAlgorithm] or [ErrAlgorithmMismatch] when the algorithm
//     is the cause. A wrong key and a changed byte are not told apart.
//   - [ErrUnsupportedAlgorithm], [ErrAlgorithmMismatch], [ErrWeakKey] alone:
//     refusals by [Sign], [Encrypt], [NewAEAD], [CheckKey] and the Algorithm
//     methods.
//
// Error messages never contain payload bytes, header values or key material.
//
// # Limits
//
// Every message is decoded with the limits of the module's strict CBOR mode
// (nesting depth, array and map sizes); a header bucket holds at most
// [MaxHeaderParameters] parameters and an x5bag or x5chain at most
// [MaxX509Certificates] certificates. Parsing allocates in proportion to the
// input, whose size the earlier stages (decompression) bound. [CheckKey]
// remembers the last few valid Ed25519 keys it has seen, so that verifying
// many credentials of one issuer decodes its key once.
package cose
