// Package cborscan reads and writes the heads of CBOR data items (RFC 8949
// §3) and finds where items end, without decoding them. It is the one
// hand-written CBOR scanner of this module: cose, cwt and claim169 use it to
// slice messages into the items exactly as received, to build the small
// structures they sign and encode, and to walk maps on their fast paths.
//
// It never decides what is acceptable input: that is strictcbor's job.
// [ReadHead] and [Len] check only what they need to stay within the data
// (complete heads, no reserved additional information, strings and
// containers that fit, break codes where an indefinite length ends, nesting
// bounded as strictcbor bounds it), so that every item strictcbor.Valid
// accepts is scanned. They do not check the strictcbor limits on array and
// map sizes, UTF-8, duplicate keys or the content of tags. Callers that
// decode what they scan call strictcbor.Valid first.
//
// [Plain] reports whether an item uses definite lengths and no tags at any
// depth: the items that the fast paths of the decoders handle by hand, every
// other item being left to strictcbor.Unmarshal.
//
// The Append functions write the shortest head of the RFC 8949 §4.2.1 core
// deterministic encoding.
package cborscan
