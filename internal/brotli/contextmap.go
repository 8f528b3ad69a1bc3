package brotli

import "math/bits"

// readContextMap reads a context map (RFC 7932 §7.3) into dst, whose
// length is the size of the map, for ntrees >= 2 prefix codes.
//
// Its cost does not grow with the size of the map beyond filling it:
// decoding records the positions of the nonzero values, and the inverse
// move-to-front transform and the check that the map uses every prefix
// code visit those and the runs of zeros between them, not every entry.
func (d *decoder) readContextMap(dst []uint8, ntrees int) error {
	br := &d.br
	rlemax := 0
	if br.bit() == 1 {
		rlemax = int(br.bits(4)) + 1
	}
	var c prefixCode
	if err := d.readCode(ntrees+rlemax, &c); err != nil {
		return err
	}
	d.nonzero = d.nonzero[:0]
	if c.bits == 0 && (c.table[0] == 0 || int(c.table[0]) > rlemax) {
		// One symbol that takes no bits: the whole map is one value.
		v := int(c.table[0])
		if v == 0 {
			clear(dst)
		} else {
			fill(dst, uint8(v-rlemax))
		}
		return d.finishConstantMap(dst, v != 0, ntrees)
	}
	for i := 0; i < len(dst); {
		s := c.decode(br)
		switch {
		case s == 0:
			dst[i] = 0
			i++
		case s <= rlemax:
			n := 1<<s + int(br.bits(uint(s)))
			if n > len(dst)-i {
				return br.fail(faultContextMap)
			}
			clear(dst[i : i+n])
			i += n
		default:
			dst[i] = uint8(s - rlemax)
			d.nonzero = append(d.nonzero, uint16(i))
			i++
		}
	}
	return d.finishMap(dst, ntrees)
}

// finishMap applies the inverse move-to-front transform if the IMTF bit is
// set and checks that the values of the map are exactly 0..ntrees-1.
func (d *decoder) finishMap(dst []uint8, ntrees int) error {
	var seen valueSet
	imtf := d.br.bit() == 1
	if !imtf {
		if len(d.nonzero) < len(dst) {
			seen.add(0)
		}
		for _, p := range d.nonzero {
			seen.add(dst[p])
		}
		return d.checkTrees(&seen, ntrees)
	}
	var mtf [256]uint8
	for i := range mtf {
		mtf[i] = uint8(i)
	}
	at := 0
	zeros := func(end int) { // entries at..end-1 are zero: mtf[0]
		if end > at {
			if mtf[0] != 0 {
				fill(dst[at:end], mtf[0])
			}
			seen.add(mtf[0])
		}
	}
	for _, p := range d.nonzero {
		zeros(int(p))
		k := dst[p]
		v := mtf[k]
		copy(mtf[1:k+1], mtf[:k])
		mtf[0] = v
		dst[p] = v
		seen.add(v)
		at = int(p) + 1
	}
	zeros(len(dst))
	return d.checkTrees(&seen, ntrees)
}

// finishConstantMap finishes a map whose entries all hold the same index:
// zero, or k > 0 if nonzero. Under the inverse move-to-front transform the
// index k yields k, k-1, ..., 0 and again, a period of k+1 values.
func (d *decoder) finishConstantMap(dst []uint8, nonzero bool, ntrees int) error {
	var seen valueSet
	imtf := d.br.bit() == 1
	if nonzero && imtf {
		k := int(dst[0])
		for i := range min(k+1, len(dst)) {
			dst[i] = uint8(k - i)
		}
		for n := k + 1; n < len(dst); n *= 2 {
			copy(dst[n:], dst[:n])
		}
		for i := range min(k+1, len(dst)) {
			seen.add(uint8(k - i))
		}
	} else {
		seen.add(dst[0]) // zero stays zero under the transform
	}
	return d.checkTrees(&seen, ntrees)
}

// checkTrees checks that the values seen are exactly 0..ntrees-1: NTREES
// must equal the number of different values in the map (RFC 7932 §7.3).
// The transform never yields a value of ntrees or more, so counting is
// enough.
func (d *decoder) checkTrees(seen *valueSet, ntrees int) error {
	if seen.len() != ntrees {
		return d.br.fail(faultTrees)
	}
	return nil
}

// valueSet is a set of byte values.
type valueSet [4]uint64

func (s *valueSet) add(v uint8) { s[v>>6] |= 1 << (v & 63) }

func (s *valueSet) has(v int) bool { return s[v>>6]&(1<<(v&63)) != 0 }

func (s *valueSet) len() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// fill sets every byte of s to v, doubling the copied part each step.
func fill(s []uint8, v uint8) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for n := 1; n < len(s); n *= 2 {
		copy(s[n:], s[:n])
	}
}
