package strictcbor

import (
	"errors"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"
)

// Check reports whether [Unmarshal] would decode data into an interface
// value (a *any) without error, and returns an error of the same class
// when it would not, without building the value: after [Valid], one pass
// over the items that checks by hand what decoding checks (text in UTF-8,
// chunk by chunk; no map key repeated, keys being compared as the decoded
// values; keys that can be Go map keys; the content of tags 0 to 3). It
// costs tens of nanoseconds an item where decoding costs up to a
// microsecond, so that a message of [MaxItems] items is checked in a small
// fraction of a normal credential's decode. FuzzCheck holds it to Unmarshal.
func Check(data []byte) error {
	if err := Valid(data); err != nil {
		return err
	}
	c := checker{data: data}
	if err := c.value(); err != nil {
		return sanitize(err)
	}
	return nil
}

// The errors of Check, of the classes reason gives Unmarshal's.
var (
	errDuplicateKey = &cbor.DupMapKeyError{}
	errText         = &cbor.SemanticError{}
	errKeyType      = &cbor.InvalidMapKeyTypeError{}
	errTagContent   = errors.New("cbor: inadmissible tag content")
	errOverflow     = &cbor.UnmarshalTypeError{} // an epoch time beyond int64
)

// Tag numbers that decoding into an interface gives a meaning
// (RFC 8949 §3.4).
const (
	tagDateTime       = 0
	tagEpochTime      = 1
	tagBignum         = 2
	tagNegativeBignum = 3
	tagSelfDescribed  = 55799
)

// checker walks data, which Valid has accepted, item by item.
type checker struct {
	data []byte
	off  int
}

// head reads the head at off.
func (c *checker) head() (major, info byte, arg uint64) {
	b := c.data[c.off]
	c.off++
	major, info = b>>5, b&0x1f
	switch {
	case info < 24:
		arg = uint64(info)
	case info <= 27:
		n := 1 << (info - 24)
		for _, x := range c.data[c.off : c.off+n] {
			arg = arg<<8 | uint64(x)
		}
		c.off += n
	}
	return major, info, arg
}

// peek returns the head at off without reading it.
func (c *checker) peek() (major byte, arg uint64) {
	off := c.off
	major, _, arg = c.head()
	c.off = off
	return major, arg
}

// more reports whether a container of n items (n < 0: indefinite length)
// has an item after the i-th, reading the break code that ends it.
func (c *checker) more(i int, n int64) bool {
	if n >= 0 {
		return int64(i) < n
	}
	if c.data[c.off] == 0xff {
		c.off++
		return false
	}
	return true
}

// length returns the item count of a container head: -1 for an indefinite
// length, pairs times two for a map.
func length(major, info byte, arg uint64) int64 {
	switch {
	case info == 31:
		return -1
	case major == 5:
		return int64(arg) * 2
	}
	return int64(arg)
}

// value checks the item at off as decoding it into an interface does.
func (c *checker) value() error {
	major, info, arg := c.head()
	switch major {
	case 2, 3:
		_, err := c.str(major, info, arg, false)
		return err
	case 4:
		for i, n := 0, length(major, info, arg); c.more(i, n); i++ {
			if err := c.value(); err != nil {
				return err
			}
		}
	case 5:
		return c.pairs(length(major, info, arg))
	case 6:
		_, err := c.tag(arg, false)
		return err
	}
	return nil
}

// str reads the content of a string whose head was major, info, arg: a
// text is checked to be UTF-8, each chunk on its own. The content is
// returned joined when join is set or the string is definite.
func (c *checker) str(major, info byte, arg uint64, join bool) ([]byte, error) {
	if info != 31 {
		s := c.data[c.off : c.off+int(arg)]
		c.off += int(arg)
		if major == 3 && !utf8.Valid(s) {
			return nil, errText
		}
		return s, nil
	}
	var joined []byte
	for c.more(0, -1) {
		_, _, n := c.head()
		s := c.data[c.off : c.off+int(n)]
		c.off += int(n)
		if major == 3 && !utf8.Valid(s) {
			return nil, errText
		}
		if join {
			joined = append(joined, s...)
		}
	}
	return joined, nil
}

// pairs checks the n keys and values (n < 0: up to a break code) of a map.
func (c *checker) pairs(n int64) error {
	var seen keySet
	for i := 0; c.more(i, n); i += 2 {
		k, err := c.key()
		if err != nil {
			return err
		}
		if err := c.value(); err != nil {
			return err
		}
		if !seen.add(k) {
			return errDuplicateKey
		}
	}
	return nil
}
