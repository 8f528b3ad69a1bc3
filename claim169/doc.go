// Package claim169 implements MOSIP Claim 169 identity QR codes (the
// "169 - QR Code Specifications", up to version 1.2.2): the identity model
// and its CBOR map, and an Encoder and a Decoder that compose the stages of
// the pipeline
//
//	Identity → Claim 169 CBOR map → CWT claims (key 169) → COSE_Sign1
//	  → optional COSE_Encrypt0 → optional CWT tag 61 → zlib or Brotli
//	  → Base45 → QR text
//
// built from the packages cwt (RFC 8392), cose (RFC 9052/9053), base45
// (RFC 9285), a bounded zlib (RFC 1950) and a bounded Brotli decoder of its
// own (RFC 7932).
//
// # Versions of the specification
//
// Each version is read by this package; what it does for each:
//
//   - 1.0.0: the identity map (keys 1 to 18, the biometrics 50 to 65), the
//     CWT with the identity at key 169, COSE_Sign1 (optionally inside a
//     COSE_Encrypt0), zlib, Base45. Everything is implemented.
//   - 1.1.0 (November 2024): the biometric sub-formats, the CWT claims
//     (iss, sub, exp, nbf, iat), credential status left out of scope, and
//     unassigned keys usable in closed ecosystems. The Decoder checks exp
//     and nbf, keeps unassigned keys in Identity.Unknown and writes them
//     back; a StatusCheck plugs in a revocation list.
//   - 1.2.0 (January 2026): keys 19 to 23 (secondary full name and
//     language, location code, legal status, country of issuance). The
//     deviations of its example (claim 169 as a byte string, gender as
//     text, a single face map) are read and named in Result.Warnings.
//   - 1.2.1 (May 2026): keys 16 and 17 (photo, photo format) are
//     deprecated in favour of face (key 62): they still decode and encode,
//     with a warning. The CWT may be compressed with Brotli: the Decoder
//     tells zlib from Brotli by the zlib magic number, before
//     decompressing, as it must; DecoderOptions.ZlibOnly refuses Brotli, and
//     EncoderOptions.Compression writes it. Key discovery through
//     .well-known JWK Sets is no longer in the text, which recommends the
//     COSE headers x5chain, x5bag, x5t and x5u; iss must be a fully
//     qualified URI (https://mosip.io, not www.mosip.io), which the Encoder
//     and the Decoder warn about otherwise.
//   - 1.2.2 (May 2026): the same rules, republished; it is the version this
//     package follows. Trust (x5chain against anchors, key sets, and the
//     discovery of did:key, did:jwk, did:web and https issuers' keys that
//     MOSIP's Inji stack uses) is in package claim169/trust.
//
// An uncompressed COSE message, which no version allows, is refused with
// ErrUncompressed unless DecoderOptions.AllowUncompressed reads it.
//
// # Verification
//
// Decoder.Decode verifies the COSE_Sign1 signature with the keys the Decoder
// was built with (static keys or a KeyResolver choosing by kid, algorithm,
// issuer or certificate chain), taking the algorithm only from the protected
// header and requiring it to match the key; it then checks exp and nbf
// against an injectable clock with a configurable skew, runs the optional
// status check, and decodes the identity. A failed verification returns no
// identity, only an error. Decoding without verification needs a call whose
// name says so: DecodeUnverified (time checks still apply) or Inspect (no
// checks; never reports Verified).
//
// # Tolerance
//
// Real issuers deviate from the specification's table, starting with the
// specification's own example. The decoder accepts, normalises and names in
// Result.Warnings: claim 169 as a byte string wrapping the identity map;
// gender and marital status as numeric text; a single Biometrics map where
// an array is due. It keeps date-of-birth text verbatim (YYYYMMDD or
// YYYY-MM-DD). Any other value whose type contradicts the table is kept raw
// in Identity.Unknown, with a warning: nothing is dropped silently. Keys the
// table does not assign are kept raw in Identity.Unknown and written back
// byte for byte. The JSON form of an identity renders those values while
// their CBOR items total at most MaxUnknownJSONItems, and a placeholder
// for a value past that total, which the decoder names in a warning.
//
// # Errors and limits
//
// Every error is an *Error naming the failing Stage; errors.Is matches one
// of the sentinels ErrMalformed (and ErrNotZlib, ErrUncompressed),
// ErrTooLarge, ErrVerification (and ErrUnknownKey, ErrTooManyCandidates),
// ErrExpired, ErrNotYetValid, ErrDecryption or ErrRevoked, and errors.As
// reaches the stage's own error types. No error or warning contains
// identity data, payload bytes or key material. Input is bounded: the QR
// text by DecoderOptions.MaxTextLength (default 8192 characters), the
// decompressed payload, zlib or Brotli, by MaxDecompressedSize (default 8
// KiB), and CBOR nesting (16 levels), array and map sizes (1024 elements or
// pairs) and the data items of each CBOR message (2051: the COSE message,
// its protected header, the CWT claims with the identity) by the limits of
// the shared strict CBOR mode, counted before anything is decoded; the keys
// a credential's kid selects from DecoderOptions.KeySets by MaxCandidates
// (default 8), counted before any is tried. Cost is bounded with size:
// under the default limits, no input costs more than about 10 normal
// decodes to refuse or inspect, or 20 to verify, the costliest Brotli
// stream included (BENCHMARKS.md).
//
// Encoders and Decoders are immutable once built and safe for concurrent
// use.
package claim169
