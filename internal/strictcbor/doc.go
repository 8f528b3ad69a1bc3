// Package strictcbor holds the one CBOR (RFC 8949) decoding mode and the one
// CBOR encoding mode that every package of this module uses, together with
// the limits they enforce. No other package builds its own mode.
//
// Decoding ([Unmarshal], [DecMode]) is strict where the specification leaves
// room for attacks and deliberate where real issuers deviate:
//
//   - duplicate map keys are rejected (RFC 8949 §5.6: a map with duplicate
//     keys is not valid, and two parsers could read it differently); keys
//     are compared as decoded values, so 1 and its non-shortest encodings are
//     duplicates, while NaN keys never are (NaN is not equal to itself);
//   - text strings must be valid UTF-8;
//   - nesting, array lengths and map sizes are bounded by [MaxNestedLevels],
//     [MaxArrayElements] and [MaxMapPairs], and the data items of a whole
//     message by [MaxItems], counted in one pass over the heads before
//     anything else; a length header that claims more than the input holds
//     is refused before anything is allocated;
//   - data after the first complete item is rejected;
//   - indefinite-length items are accepted on input (RFC 8949 §3.2.2 makes
//     them valid CBOR, and signatures are always checked over the bytes as
//     received) but never produced on output;
//   - tags are accepted. Decoded into an interface, tags 2 and 3 (bignums)
//     and integers beyond int64 become big.Int; tags 0 and 1 (date/time)
//     become RFC 3339 text, tag 1 in UTC (an unparsable date, or a year
//     outside 0-9999, is an error); tag 55799 (self-described CBOR) is
//     dropped; every other tag becomes a cbor.Tag left to the caller;
//   - simple value 23 (undefined) decodes to nil, like null.
//
// The checks apply to what is decoded: the bytes of a cbor.RawMessage are
// only checked to be well-formed until they are decoded in turn (their items
// count towards MaxItems of the message they are part of). [Valid] checks
// well-formedness and the limits only; [Check] gives Unmarshal's verdict on
// decoding into an interface without building the value, for the callers
// that keep an item raw.
//
// Encoding ([Marshal], [EncMode]) uses the RFC 8949 §4.2.1 core
// deterministic rules, so that the same value always yields the same bytes:
// shortest integer and length encodings, definite lengths, map keys sorted
// bytewise by their encoding, and each float in the shortest of the 16-, 32-
// and 64-bit forms that preserves its value (floats are not turned into
// integers; every NaN is written f97e00 and infinities as 16-bit floats).
package strictcbor
