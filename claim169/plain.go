package claim169

import (
	"errors"
	"slices"
	"unicode/utf8"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// The plain path of ParseIdentity reads the identities real issuers write
// without reflection: a map that strictcbor.Valid accepts (well-formed,
// within the limits, nothing after it) and that is plain, with definite
// lengths and no tags at any depth. On such input only UTF-8, duplicate
// keys and the Go types decide what strictcbor would accept, and the plain
// path checks those itself. Wherever strictcbor could decide differently (a
// tag, an indefinite length, a key that is not an int64 integer, a repeated
// key, a finger position that is not an integer, a map beyond
// maxPlainPairs) it gives up with errNotPlain and ParseIdentity starts over
// on the generic path, so that both always give the same result. Values
// kept under Unknown are still checked by strictcbor.

// errNotPlain reports that the plain path leaves an identity to the generic
// path. It never leaves the package.
var errNotPlain = errors.New("claim169: identity left to the generic decoder")

// maxPlainPairs bounds the maps the plain path reads; it keeps its check for
// duplicate keys (quadratic, without allocating) cheap. The specification
// assigns 39 keys.
const maxPlainPairs = 64

// parsePlainIdentity is ParseIdentity on the plain path.
func parsePlainIdentity(data []byte) (*Identity, []string, error) {
	if majorType(data) != majorMap || !cborscan.Plain(data) || strictcbor.Valid(data) != nil {
		return nil, nil, errNotPlain
	}
	p := identityParser{id: new(Identity)}
	err := eachPlainPair(data, func(key int64, value []byte) error {
		return p.add(Field(key), value, true)
	})
	if err != nil {
		return nil, nil, err
	}
	return p.finish()
}

// errStop ends eachPlainPair early without an error of its own.
var errStop = errors.New("claim169: stop")

// eachPlainPair calls fn with each pair of raw, a plain map, in the order
// received, the value aliasing raw, and returns the first error of fn. It
// returns errNotPlain, possibly after some calls, when the map has more than
// maxPlainPairs pairs or a key that is not an integer within int64 or that
// repeats.
func eachPlainPair(raw []byte, fn func(key int64, value []byte) error) error {
	h, _ := cborscan.ReadHead(raw)
	if h.Major != majorMap || h.Arg > maxPlainPairs {
		return errNotPlain
	}
	var keys [maxPlainPairs]int64
	rest := raw[h.Len:]
	for i := range int(h.Arg) {
		kh, _ := cborscan.ReadHead(rest)
		key, ok := kh.Int()
		if !ok || slices.Contains(keys[:i], key) {
			return errNotPlain
		}
		keys[i] = key
		var value []byte
		value, rest, _ = cborscan.Split(rest[kh.Len:])
		if err := fn(key, value); err != nil {
			return err
		}
	}
	return nil
}

// plainElements returns the elements of raw, a plain array, aliasing raw.
func plainElements(raw []byte) [][]byte {
	h, _ := cborscan.ReadHead(raw)
	out := make([][]byte, h.Arg)
	rest := raw[h.Len:]
	for i := range out {
		out[i], rest, _ = cborscan.Split(rest)
	}
	return out
}

// plainInts returns the elements of raw, a plain array, when all are
// integers within int64.
func plainInts(raw []byte) ([]int64, bool) {
	h, _ := cborscan.ReadHead(raw)
	if h.Major != majorArray {
		return nil, false
	}
	v := make([]int64, h.Arg)
	rest := raw[h.Len:]
	for i := range v {
		eh, _ := cborscan.ReadHead(rest)
		n, ok := eh.Int()
		if !ok {
			return nil, false
		}
		v[i], rest = n, rest[eh.Len:]
	}
	return v, true
}

// The read functions decode raw, exactly one well-formed item, as
// strictcbor.Unmarshal into the Go type would, and report whether it
// succeeded. A definite-length string or an integer is read from its head;
// anything else goes through strictcbor.

// readText decodes a UTF-8 text string.
func readText(raw []byte) (string, bool) {
	if majorType(raw) != majorText {
		return "", false
	}
	if b, ok := cborscan.Text(raw); ok {
		if !utf8.Valid(b) {
			return "", false
		}
		return string(b), true
	}
	var s string
	return s, strictcbor.Unmarshal(raw, &s) == nil
}

// readBytes decodes a byte string into a new, non-nil slice.
func readBytes(raw []byte) ([]byte, bool) {
	if majorType(raw) != majorBytes {
		return nil, false
	}
	if b, ok := cborscan.Bytes(raw); ok {
		return append([]byte{}, b...), true
	}
	var b []byte
	if strictcbor.Unmarshal(raw, &b) != nil {
		return nil, false
	}
	if b == nil {
		b = []byte{}
	}
	return b, true
}

// readInt decodes an integer within int64.
func readInt(raw []byte) (int64, bool) {
	if t := majorType(raw); t != majorUint && t != majorNint {
		return 0, false
	}
	if h, _ := cborscan.ReadHead(raw); h.Len == len(raw) {
		if n, ok := h.Int(); ok {
			return n, true
		}
	}
	var n int64
	return n, strictcbor.Unmarshal(raw, &n) == nil
}
