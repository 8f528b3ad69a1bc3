package cborscan

import "github.com/idqr/claim169/internal/strictcbor"

// MaxDepth bounds the nesting that [Len], [Plain] and [Items] follow. It is
// strictcbor's bound, counted as strictcbor counts it: each array and map is
// a level, and so is each tag directly enclosing another tag.
const MaxDepth = strictcbor.MaxNestedLevels

// Len returns the length in bytes of the data item at the start of data.
// Bytes after the item are ignored. ok is false when the item is not
// complete and well-formed as the package comment describes.
func Len(data []byte) (n int, ok bool) {
	n, _, ok = scan(data, 0, 0)
	return n, ok
}

// Split returns the data item at the start of data, capped at its length
// so that appending to it cannot overwrite what follows, and the rest of
// data. ok is false, and item and rest are nil, when the item is not
// complete and well-formed as the package comment describes.
func Split(data []byte) (item, rest []byte, ok bool) {
	n, ok := Len(data)
	if !ok {
		return nil, nil, false
	}
	return data[:n:n], data[n:], true
}

// Plain reports whether data is exactly one data item, with nothing after
// it, that uses definite lengths and carries no tag at any depth.
func Plain(data []byte) bool {
	n, plain, ok := scan(data, 0, 0)
	return ok && plain && n == len(data)
}

// scan returns the offset just past the item that starts at data[off:] and
// whether that item is plain. depth is the nesting level of the item's
// container.
func scan(data []byte, off, depth int) (end int, plain, ok bool) {
	h, ok := ReadHead(data[off:])
	if !ok {
		return 0, false, false
	}
	off += h.Len
	switch h.Major {
	case MajorTag:
		for off < len(data) && data[off]>>5 == MajorTag {
			t, ok := ReadHead(data[off:])
			if depth++; !ok || depth > MaxDepth {
				return 0, false, false
			}
			off += t.Len
		}
		end, _, ok = scan(data, off, depth)
		return end, false, ok
	case MajorBytes, MajorText:
		if h.Indefinite() {
			end, ok = scanChunks(data, off, h.Major)
			return end, false, ok
		}
		if h.Arg > uint64(len(data)-off) {
			return 0, false, false
		}
		return off + int(h.Arg), true, true
	case MajorArray, MajorMap:
		if depth++; depth > MaxDepth {
			return 0, false, false
		}
		if h.Indefinite() {
			end, ok = scanUntilBreak(data, off, depth, h.Major == MajorMap)
			return end, false, ok
		}
		return scanCount(data, off, depth, h)
	case MajorSimple:
		if h.Info == 24 && h.Arg < 32 { // RFC 8949 §3.3: not well-formed
			return 0, false, false
		}
	}
	return off, true, true
}

// scanCount scans the elements of the definite-length array or map whose
// head h ends at off.
func scanCount(data []byte, off, depth int, h Head) (end int, plain, ok bool) {
	count := h.Arg
	// Every item takes at least one byte: a count beyond the data is
	// truncated, and refusing it early keeps the loop short.
	if h.Major == MajorMap {
		if count > uint64(len(data)) {
			return 0, false, false
		}
		count *= 2
	}
	if count > uint64(len(data)-off) {
		return 0, false, false
	}
	plain = true
	for ; count > 0; count-- {
		var p bool
		if off, p, ok = scan(data, off, depth); !ok {
			return 0, false, false
		}
		plain = plain && p
	}
	return off, plain, true
}

// scanChunks scans the chunks of an indefinite-length string of major type
// major, which must be definite-length strings of the same major type
// (RFC 8949 §3.2.3), up to and including the break code.
func scanChunks(data []byte, off int, major byte) (end int, ok bool) {
	for off < len(data) {
		if data[off] == Break {
			return off + 1, true
		}
		h, ok := ReadHead(data[off:])
		if !ok || h.Major != major || h.Indefinite() {
			return 0, false
		}
		off += h.Len
		if h.Arg > uint64(len(data)-off) {
			return 0, false
		}
		off += int(h.Arg)
	}
	return 0, false
}

// scanUntilBreak scans the elements of an indefinite-length array or map
// up to and including the break code. A map needs an even number of items.
func scanUntilBreak(data []byte, off, depth int, isMap bool) (end int, ok bool) {
	for i := 0; off < len(data); i++ {
		if data[off] == Break {
			if isMap && i%2 == 1 {
				return 0, false
			}
			return off + 1, true
		}
		if off, _, ok = scan(data, off, depth); !ok {
			return 0, false
		}
	}
	return 0, false
}
