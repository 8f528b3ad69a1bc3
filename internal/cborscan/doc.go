// Package cborscan reads and writes the heads of CBOR data items (RFC 8949
// §3), finds where items end and reads the scalar items by hand. It is the
// one hand-written CBOR reader of this module: cose, cwt and claim169 use it
// to slice messages into the items exactly as received, to walk arrays and
// maps ([Iter]), to read text, byte strings, integers and tags ([ReadText],
// [ReadBytes], [ReadInt], [ReadTag]), to name an item's type in a warning
// ([Describe]) and to build the small structures they sign and encode. No
// other package keeps a copy of these readers.
//
// It never decides what is acceptable input: that is strictcbor's job.
// [ReadHead] and [Len] check only what they need to stay within the data
// (complete heads, no reserved additional information, strings and
// containers that fit, break codes where an indefinite length ends, nesting
// and the number of items bounded as strictcbor bounds them: [MaxDepth],
// [MaxItems]), so that every item strictcbor.Valid accepts is scanned and
// finding where an item ends costs at most MaxItems heads. They do not check the strictcbor limits on array and
// map sizes, UTF-8, duplicate keys or the content of tags. Callers that
// decode what they scan call strictcbor.Valid first.
//
// [Plain] reports whether an item uses definite lengths and no tags at any
// depth: the items that the fast paths of the decoders handle by hand, every
// other item being left to strictcbor.Unmarshal.
//
// The Read functions accept exactly what strictcbor.Unmarshal accepts into
// their Go type, once the item has the major type of that type (a tag or a
// null in front is refused, never skipped). They read definite-length items
// by hand and leave to strictcbor.Unmarshal only what the head cannot
// decide, an indefinite-length string.
//
// The Append functions write the shortest head of the RFC 8949 §4.2.1 core
// deterministic encoding.
package cborscan
