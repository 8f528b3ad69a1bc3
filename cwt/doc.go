// Package cwt implements the claims set of a CBOR Web Token (CWT, RFC 8392)
// as it surrounds a MOSIP Claim 169 identity: the CBOR map that is the
// payload of the COSE message, and the optional CWT tag 61 in front of that
// message.
//
// [Parse] reads a claims set strictly with the module's one strict CBOR mode
// (internal/strictcbor):
//
//   - the payload must be exactly one CBOR map, with nothing after it, and
//     its labels integers or text strings (RFC 8392 §3), each at most once;
//   - the registered claims 1–7 must have their RFC 8392 §3.1 types: iss and
//     sub text strings, aud a text string or an array of them, exp, nbf and
//     iat NumericDates, cti a byte string; a wrong type is a [*ClaimError]
//     that names the label;
//   - a NumericDate is an integer within int64; a finite float, floored to
//     whole seconds, and a tag 1 around either are tolerated with a warning;
//   - every other claim (cnf at 8, Claim 169 at 169, text-labelled claims) is
//     kept as the exact CBOR bytes received, unchecked: interpreting Claim 169
//     is the job of package claim169.
//
// [Claims.MarshalCBOR] writes core deterministic CBOR (RFC 8949 §4.2.1) and
// the raw claims verbatim, so that a canonical claims set that parses
// without warnings re-encodes to the same bytes. [Claims.Validate] checks
// exp, nbf and iat against an injected clock with a skew. [Untag] and
// [AddTag] strip and add tag 61 (RFC 8392 §6) on the COSE message, which
// go-cose cannot parse under that tag.
//
// This package does not verify signatures: the claims are only as
// trustworthy as the COSE layer that delivered them. Error messages and
// warnings never contain claim values or dates.
//
// Limits: those of internal/strictcbor (nesting depth
// strictcbor.MaxNestedLevels, at most strictcbor.MaxMapPairs claims and
// strictcbor.MaxArrayElements audiences); input length is bounded by the
// caller, typically the decompression limit of the layer below.
package cwt
