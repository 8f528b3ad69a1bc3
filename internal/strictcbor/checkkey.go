package strictcbor

import (
	"math"
	"time"

	"github.com/fxamacker/cbor/v2"
)

// key checks the map key at off and returns the Go value decoding gives it,
// which a Go map compares as the decoder's does: int64, string,
// cbor.ByteString, bool, nil, float64, cbor.SimpleValue, or a cbor.Tag of
// one of them. A key that cannot be a Go map key (an array, a map, an
// integer beyond int64, a bignum) is errKeyType.
func (c *checker) key() (any, error) {
	c.skipSelfDescribed()
	return c.keyValue()
}

// skipSelfDescribed reads the self-described CBOR tags (55799) at off,
// which decoding drops in front of a key or a value.
func (c *checker) skipSelfDescribed() {
	for {
		major, arg := c.peek()
		if major != 6 || arg != tagSelfDescribed {
			return
		}
		c.head()
	}
}

// keyValue reads the key at off, past any self-described tag.
func (c *checker) keyValue() (any, error) {
	major, info, arg := c.head()
	switch major {
	case 0:
		if arg > math.MaxInt64 {
			return nil, errKeyType
		}
		return int64(arg), nil
	case 1:
		if arg > math.MaxInt64 {
			return nil, errKeyType
		}
		return -1 ^ int64(arg), nil
	case 2:
		b, err := c.str(major, info, arg, true)
		return cbor.ByteString(b), err
	case 3:
		s, err := c.str(major, info, arg, true)
		return string(s), err
	case 4, 5:
		return nil, errKeyType
	case 6:
		return c.tag(arg, true)
	}
	return simple(info, arg), nil
}

// simple returns the value of a major type 7 item with the head info, arg.
func simple(info byte, arg uint64) any {
	switch info {
	case 20, 21:
		return info == 21
	case 22, 23:
		return nil
	case 25:
		return float64(halfToFloat32(uint16(arg)))
	case 26:
		return float64(math.Float32frombits(uint32(arg)))
	case 27:
		return math.Float64frombits(arg)
	}
	return cbor.SimpleValue(arg)
}

// halfToFloat32 converts an IEEE 754 half-precision float.
func halfToFloat32(h uint16) float32 {
	sign := uint32(h>>15) << 31
	exp, frac := uint32(h>>10)&0x1f, uint32(h)&0x3ff
	switch {
	case exp == 0x1f: // infinity or NaN
		return math.Float32frombits(sign | 0xff<<23 | frac<<13)
	case exp == 0 && frac == 0:
		return math.Float32frombits(sign)
	case exp == 0: // subnormal: frac × 2^-24
		f := float32(frac) / (1 << 24)
		if sign != 0 {
			f = -f
		}
		return f
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | frac<<13)
}

// tag checks the tag content at off, the tag number being number, and
// returns the key a tagged key decodes to when asKey is set: tags 0 and 1
// give the date as RFC 3339 text, tags 2 and 3 a big.Int (no map key),
// every other tag a cbor.Tag of its content, read as a value (a
// self-described tag inside a tag is kept).
func (c *checker) tag(number uint64, asKey bool) (any, error) {
	switch number {
	case tagDateTime, tagEpochTime:
		text, err := c.date(number)
		return text, err
	case tagBignum, tagNegativeBignum:
		major, info, arg := c.head()
		if major != 2 {
			return nil, errTagContent
		}
		if _, err := c.str(major, info, arg, false); err != nil || !asKey {
			return nil, err
		}
		return nil, errKeyType
	}
	if !asKey {
		c.skipSelfDescribed()
		return nil, c.value()
	}
	content, err := c.keyValue()
	if err != nil {
		return nil, err
	}
	return cbor.Tag{Number: number, Content: content}, nil
}

// date checks the content of tag 0 (RFC 3339 text) or 1 (seconds since the
// epoch, an integer within int64 or a float) and returns it as the RFC 3339
// text decoding gives, tag 1 in UTC: the same calls as the decoder's.
func (c *checker) date(number uint64) (string, error) {
	major, info, arg := c.head()
	var t time.Time
	switch {
	case number == tagDateTime && major == 3:
		s, err := c.str(major, info, arg, true)
		if err != nil {
			return "", err
		}
		if t, err = time.Parse(time.RFC3339, string(s)); err != nil {
			return "", errTagContent
		}
	case number == tagEpochTime && (major == 0 || major == 1):
		if arg > math.MaxInt64 {
			return "", errOverflow
		}
		sec := int64(arg)
		if major == 1 {
			sec = -1 ^ sec
		}
		t = time.Unix(sec, 0).UTC()
	case number == tagEpochTime && major == 7 && info >= 25 && info <= 27:
		f := simple(info, arg).(float64)
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			sec, frac := math.Modf(f)
			t = time.Unix(int64(sec), int64(frac*1e9))
		}
		t = t.UTC()
	default:
		return "", errTagContent
	}
	text, err := t.MarshalText()
	if err != nil {
		return "", errTagContent
	}
	return string(text), nil
}

// keySet holds the keys of one map: the first few in an array, compared
// in turn, the others in a Go map.
type keySet struct {
	few  [8]any
	n    int
	more map[any]struct{}
}

// add records k and reports whether it is new. A NaN is always new, as in
// a Go map.
func (s *keySet) add(k any) bool {
	for _, seen := range s.few[:s.n] {
		if seen == k {
			return false
		}
	}
	if _, dup := s.more[k]; dup {
		return false
	}
	if s.n < len(s.few) {
		s.few[s.n] = k
		s.n++
		return true
	}
	if s.more == nil {
		s.more = make(map[any]struct{})
	}
	s.more[k] = struct{}{}
	return true
}
