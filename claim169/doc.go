// Package claim169 implements MOSIP Claim 169 identity QR codes (the
// "169 - QR Code Specifications", v1.0.0 and v1.2.0): the identity model and
// its CBOR map, and an Encoder and a Decoder that compose the stages of the
// pipeline
//
//	Identity → Claim 169 CBOR map → CWT claims (key 169) → COSE_Sign1
//	  → optional COSE_Encrypt0 → optional CWT tag 61 → zlib → Base45 → QR text
//
// built from the packages cwt (RFC 8392), cose (RFC 9052/9053), base45
// (RFC 9285) and a bounded zlib (RFC 1950).
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
// of the sentinels ErrMalformed, ErrTooLarge, ErrVerification (and
// ErrUnknownKey), ErrExpired, ErrNotYetValid, ErrDecryption or ErrRevoked,
// and errors.As reaches the stage's own error types. No error or warning
// contains identity data, payload bytes or key material. Input is bounded:
// the QR text by DecoderOptions.MaxTextLength (default 8192 characters), the
// inflated payload by MaxDecompressedSize (default 16 KiB), and CBOR nesting
// (16 levels), array and map sizes (1024 elements or pairs) and the data
// items of each CBOR message (2051: the COSE message, its protected header,
// the CWT claims with the identity) by the limits of the shared strict CBOR
// mode, counted before anything is decoded. Cost is bounded with size:
// under the default limits, no input costs more than about 10 normal
// decodes to refuse or inspect, or 20 to verify (BENCHMARKS.md).
//
// Encoders and Decoders are immutable once built and safe for concurrent
// use.
package claim169
