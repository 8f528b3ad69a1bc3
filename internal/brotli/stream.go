package brotli

// metaBlock decodes one meta-block (RFC 7932 §9.2, §10) and reports whether
// it was the last.
func (d *decoder) metaBlock() (last bool, err error) {
	br := &d.br
	last = br.bit() == 1
	if last && br.bit() == 1 {
		return true, nil // ISLASTEMPTY
	}
	nibbles := [4]int{4, 5, 6, 0}[br.bits(2)]
	if nibbles == 0 {
		return last, d.metadata()
	}
	mlen := int(br.bits(uint(4*nibbles))) + 1
	if nibbles > 4 && (mlen-1)>>(4*nibbles-4) == 0 {
		return false, br.fail(faultNibbles)
	}
	if mlen > d.maxSize-len(d.out) {
		return false, ErrTooLarge
	}
	if !last && br.bit() == 1 {
		return false, d.uncompressed(mlen)
	}
	if err := d.readHeader(); err != nil {
		return false, err
	}
	if br.overrun() {
		return false, br.fail(faultTruncated)
	}
	if err := d.commands(mlen); err != nil {
		return false, err
	}
	return last, d.checkBlockTypes()
}

// metadata skips an empty meta-block with metadata (RFC 7932 §9.2).
func (d *decoder) metadata() error {
	br := &d.br
	if br.bit() != 0 {
		return br.fail(faultReserved)
	}
	nbytes := int(br.bits(2))
	skip := 0
	for i := range nbytes {
		b := int(br.bits(8))
		if i == nbytes-1 && nbytes > 1 && b == 0 {
			return br.fail(faultSkipBytes)
		}
		skip |= b << (8 * i)
	}
	if nbytes > 0 {
		skip++
	}
	return d.skipBytes(skip, false)
}

// uncompressed copies an uncompressed meta-block of mlen bytes.
func (d *decoder) uncompressed(mlen int) error {
	return d.skipBytes(mlen, true)
}

// skipBytes moves to the next byte boundary, whose padding bits must be
// zero, and then over n bytes of the stream, appending them to the output
// if keep is set.
func (d *decoder) skipBytes(n int, keep bool) error {
	br := &d.br
	if !br.alignZero() {
		if br.overrun() {
			return br.fail(faultTruncated)
		}
		return br.fail(faultPadding)
	}
	p := br.bytePos()
	if p > len(br.src) || n > len(br.src)-p {
		br.skipTo(len(br.src))
		return br.fail(faultTruncated)
	}
	if keep {
		d.out = append(d.reserve(d.out, n), br.src[p:p+n]...)
	}
	br.skipTo(p + n)
	return nil
}
