package cwt

// A minimal scanner over CBOR that strictcbor has already found well-formed
// and within its limits (RFC 8949 §3). It finds where items start and end,
// so that Parse sees every item exactly as received: decoding into
// cbor.RawMessage would silently strip a leading self-described CBOR tag
// (55799) from a value and so change the bytes kept raw.

// CBOR major types, the additional information of an indefinite length, the
// break code and the initial bytes of the floating-point encodings
// (RFC 8949 §3.1, §3.2.1, §3.3).
const (
	majorUint   = 0
	majorNegInt = 1
	majorBytes  = 2
	majorText   = 3
	majorArray  = 4
	majorMap    = 5
	majorTag    = 6

	infoIndefinite = 31
	breakCode      = 0xff

	float16Head = 0xf9
	float32Head = 0xfa
	float64Head = 0xfb
)

// majorType returns the major type of the item that starts data, or 0xff
// for empty data.
func majorType(data []byte) byte {
	if len(data) == 0 {
		return 0xff
	}
	return data[0] >> 5
}

// head decodes the head of the item that starts data: major type,
// additional information, argument and the length of the head. ok is false
// when data is empty, truncated or uses the reserved values 28–30.
func head(data []byte) (major, info byte, arg uint64, n int, ok bool) {
	if len(data) == 0 {
		return 0, 0, 0, 0, false
	}
	major, info = data[0]>>5, data[0]&0x1f
	switch {
	case info < 24:
		return major, info, uint64(info), 1, true
	case info <= 27:
		size := 1 << (info - 24) // 1, 2, 4 or 8 bytes of argument
		if len(data) < 1+size {
			return 0, 0, 0, 0, false
		}
		for _, b := range data[1 : 1+size] {
			arg = arg<<8 | uint64(b)
		}
		return major, info, arg, 1 + size, true
	case info == infoIndefinite:
		return major, info, 0, 1, true
	default:
		return 0, 0, 0, 0, false
	}
}

// itemEnd returns the offset just past the item that starts at data[off:].
// data must be well-formed: the recursion depth is then bounded by
// strictcbor.MaxNestedLevels.
func itemEnd(data []byte, off int) int {
	major, info, arg, n, _ := head(data[off:])
	off += n
	for major == majorTag {
		major, info, arg, n, _ = head(data[off:])
		off += n
	}
	switch major {
	case majorBytes, majorText:
		if info == infoIndefinite {
			return itemsEnd(data, off, 0, true)
		}
		return off + int(arg)
	case majorArray:
		return itemsEnd(data, off, arg, info == infoIndefinite)
	case majorMap:
		return itemsEnd(data, off, 2*arg, info == infoIndefinite)
	default: // integers, simple values and floats live in the head
		return off
	}
}

// itemsEnd returns the offset past count items starting at off, or past the
// items and their break code when indefinite.
func itemsEnd(data []byte, off int, count uint64, indefinite bool) int {
	if indefinite {
		for data[off] != breakCode {
			off = itemEnd(data, off)
		}
		return off + 1
	}
	for ; count > 0; count-- {
		off = itemEnd(data, off)
	}
	return off
}

// items returns the elements of the well-formed array or map that is data
// (keys and values alternating for a map), each as a sub-slice of data.
func items(data []byte) [][]byte {
	_, info, arg, n, _ := head(data)
	if data[0]>>5 == majorMap {
		arg *= 2
	}
	var out [][]byte
	if info != infoIndefinite {
		out = make([][]byte, 0, arg)
	}
	off := n
	for i := uint64(0); ; i++ {
		if info == infoIndefinite && data[off] == breakCode || info != infoIndefinite && i == arg {
			return out
		}
		end := itemEnd(data, off)
		out = append(out, data[off:end:end])
		off = end
	}
}
