package cborscan

import "github.com/idqr/claim169/internal/strictcbor"

// MaxDepth bounds the nesting that [Len], [Plain] and [Items] follow. It is
// strictcbor's bound, counted as strictcbor counts it: each array and map is
// a level, and so is each tag directly enclosing another tag.
const MaxDepth = strictcbor.MaxNestedLevels

// MaxItems bounds the data items of one item that [Len], [Plain] and
// [Items] follow, the item itself included. It is strictcbor's bound,
// counted as strictcbor counts it: every head counts one, string chunks and
// tags included, and a break code none. Past it they give up, so that
// finding where an item ends costs at most MaxItems heads.
const MaxItems = strictcbor.MaxItems

// Len returns the length in bytes of the data item at the start of data.
// Bytes after the item are ignored. ok is false when the item is not
// complete and well-formed as the package comment describes.
func Len(data []byte) (n int, ok bool) {
	n, _, ok = newScanner(data).scan(0, 0)
	return n, ok
}

// Count returns the number of data items of the item at the start of data,
// the item itself included, counted as [MaxItems] counts them. Bytes after
// the item are ignored. ok is false, and n zero, as for [Len].
func Count(data []byte) (n int, ok bool) {
	s := scanner{data: data, left: MaxItems}
	if _, _, ok = s.scan(0, 0); !ok {
		return 0, false
	}
	return MaxItems - s.left, true
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
	n, plain, ok := newScanner(data).scan(0, 0)
	return ok && plain && n == len(data)
}

// scanner finds where the items of data end, counting their heads.
type scanner struct {
	data []byte
	left int // heads still allowed: MaxItems at first
}

func newScanner(data []byte) *scanner { return &scanner{data: data, left: MaxItems} }

// head reads the head at data[off:], counting it against MaxItems.
func (s *scanner) head(off int) (Head, bool) {
	if s.left--; s.left < 0 {
		return Head{}, false
	}
	return ReadHead(s.data[off:])
}

// scan returns the offset just past the item that starts at data[off:] and
// whether that item is plain. depth is the nesting level of the item's
// container.
func (s *scanner) scan(off, depth int) (end int, plain, ok bool) {
	data := s.data
	h, ok := s.head(off)
	if !ok {
		return 0, false, false
	}
	off += h.Len
	switch h.Major {
	case MajorTag:
		for off < len(data) && data[off]>>5 == MajorTag {
			t, ok := s.head(off)
			if depth++; !ok || depth > MaxDepth {
				return 0, false, false
			}
			off += t.Len
		}
		end, _, ok = s.scan(off, depth)
		return end, false, ok
	case MajorBytes, MajorText:
		if h.Indefinite() {
			end, ok = s.scanChunks(off, h.Major)
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
			end, ok = s.scanUntilBreak(off, depth, h.Major == MajorMap)
			return end, false, ok
		}
		return s.scanCount(off, depth, h)
	case MajorSimple:
		if h.Info == 24 && h.Arg < 32 { // RFC 8949 §3.3: not well-formed
			return 0, false, false
		}
	}
	return off, true, true
}

// scanCount scans the elements of the definite-length array or map whose
// head h ends at off.
func (s *scanner) scanCount(off, depth int, h Head) (end int, plain, ok bool) {
	data, count := s.data, h.Arg
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
		if off, p, ok = s.scan(off, depth); !ok {
			return 0, false, false
		}
		plain = plain && p
	}
	return off, plain, true
}

// scanChunks scans the chunks of an indefinite-length string of major type
// major, which must be definite-length strings of the same major type
// (RFC 8949 §3.2.3), up to and including the break code.
func (s *scanner) scanChunks(off int, major byte) (end int, ok bool) {
	data := s.data
	for off < len(data) {
		if data[off] == Break {
			return off + 1, true
		}
		h, ok := s.head(off)
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
func (s *scanner) scanUntilBreak(off, depth int, isMap bool) (end int, ok bool) {
	data := s.data
	for i := 0; off < len(data); i++ {
		if data[off] == Break {
			if isMap && i%2 == 1 {
				return 0, false
			}
			return off + 1, true
		}
		if off, _, ok = s.scan(off, depth); !ok {
			return 0, false
		}
	}
	return 0, false
}
