package cborscan

// Iter walks the items of one array or map without decoding them: the
// elements of an array, or the keys and values of a map in turn. Each item
// is a sub-slice of the data, capped at its length so that appending to one
// cannot overwrite the next. Definite and indefinite lengths are walked
// alike, and nothing is allocated.
//
// Iter checks what [Len] checks of each item, no more, and follows at most
// [MaxItems] items in all, the container's head included, as Len does:
// callers that decode what they walk call strictcbor.Valid on the container
// first.
type Iter struct {
	data    []byte
	off     int    // offset of the next item
	left    uint64 // items still to come (keys and values of a map count apart)
	n       uint64 // items returned so far
	heads   int    // heads the walk may still read, of MaxItems
	indef   bool
	isMap   bool
	done    bool
	invalid bool
}

// NewIter returns an Iter over the array or map that starts data. Bytes
// after the container are ignored. ok is false when data does not start
// with the head of an array or map, or when a definite-length head counts
// more items than the bytes that follow could hold.
func NewIter(data []byte) (it Iter, ok bool) {
	h, ok := ReadHead(data)
	if !ok || (h.Major != MajorArray && h.Major != MajorMap) {
		return Iter{}, false
	}
	it = Iter{data: data, off: h.Len, left: h.Arg, heads: MaxItems - 1, indef: h.Indefinite(), isMap: h.Major == MajorMap}
	if !it.indef {
		// Every item takes at least one byte.
		room := uint64(len(data) - h.Len)
		if it.isMap && it.left > room/2 || it.left > room {
			return Iter{}, false
		}
		if it.isMap {
			it.left *= 2
		}
	}
	return it, true
}

// Len returns the number of elements of an array, or of pairs of a map,
// that a definite-length head announces. ok is false for an indefinite
// length, whose count is known only at its end.
func (it *Iter) Len() (n int, ok bool) {
	if it.indef {
		return 0, false
	}
	n = int(it.left + it.n)
	if it.isMap {
		n /= 2
	}
	return n, true
}

// Next returns the next item. ok is false after the last item, and when the
// next item is not complete and well-formed, which [Iter.Malformed] then
// reports.
func (it *Iter) Next() (item []byte, ok bool) {
	switch {
	case it.done || it.invalid:
		return nil, false
	case !it.indef && it.left == 0:
		it.done = true
		return nil, false
	case it.indef && it.off < len(it.data) && it.data[it.off] == Break:
		it.done = true
		it.invalid = it.isMap && it.n%2 == 1
		return nil, false
	}
	s := scanner{data: it.data, left: it.heads}
	end, _, ok := s.scan(it.off, 1)
	it.heads = s.left
	if !ok {
		it.invalid = true
		return nil, false
	}
	item = it.data[it.off:end:end]
	it.off, it.n = end, it.n+1
	if !it.indef {
		it.left--
	}
	return item, true
}

// NextPair returns the next key and value of a map. ok is false after the
// last pair, and when the walk cannot go on, as for [Iter.Next].
func (it *Iter) NextPair() (key, value []byte, ok bool) {
	if key, ok = it.Next(); !ok {
		return nil, nil, false
	}
	if value, ok = it.Next(); !ok {
		it.invalid = true // a key without a value
		return nil, nil, false
	}
	return key, value, true
}

// Malformed reports whether the walk stopped on an item that is not
// complete and well-formed, or on a map key without a value, rather than
// at the end of the container.
func (it *Iter) Malformed() bool { return it.invalid }

// Items returns the elements of the array, or the keys and values (in
// turn) of the map, that starts data, each as a sub-slice of data capped at
// its length so that appending to one cannot overwrite the next. Definite
// and indefinite lengths are accepted. ok is false when data does not start
// with a complete, well-formed array or map.
func Items(data []byte) (items [][]byte, ok bool) {
	it, ok := NewIter(data)
	if !ok {
		return nil, false
	}
	if !it.indef {
		items = make([][]byte, 0, it.left)
	}
	for item, more := it.Next(); more; item, more = it.Next() {
		items = append(items, item)
	}
	if it.Malformed() {
		return nil, false
	}
	return items, true
}
