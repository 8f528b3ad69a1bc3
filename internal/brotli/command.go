package brotli

// commands decodes the data of a compressed meta-block: commands until
// mlen bytes have been produced (RFC 7932 §9.3, §10).
//
// The output slice is kept in a local variable (its length is the output
// so far) and stored back in d.out on return.
func (d *decoder) commands(mlen int) error {
	br := &d.br
	out := d.reserve(d.out, min(mlen, firstReserve))
	defer func() { d.out = out }()
	end := len(out) + mlen
	ci := &d.cats[catCommand]
	for {
		if ci.left == 0 {
			d.switchBlock(ci)
		}
		ci.left--
		if br.n < maxCodeLen {
			br.refill()
		}
		code := &d.cmdCodes[ci.btype]
		cmd := &commandCodes[code.decodeLoaded(br)]
		if br.n < 48 { // the most extra bits of a command
			br.refill()
		}
		insert := int(cmd.insert.base + br.bitsLoaded(uint(cmd.insert.extra)))
		copyLen := int(cmd.copy.base + br.bitsLoaded(uint(cmd.copy.extra)))
		if insert > end-len(out) {
			return br.fail(faultLength)
		}
		if insert > 0 {
			out = d.literals(out, insert)
		}
		if len(out) == end {
			return nil // the copy length of the last command is ignored
		}
		dist, dcode := d.dist[0], 0
		if !cmd.lastDistance {
			var err error
			if dcode, dist, err = d.readDistance(copyLen); err != nil {
				return err
			}
		} else if code.bits == 0 && insert == 0 && cmd.copy.extra == 0 && dist <= min(d.window, len(out)) {
			// The same command again and again, taking no bits: one
			// copy for all those of the current block that fit.
			if n := min(ci.left+1, (end-len(out))/copyLen); n > 1 {
				ci.left -= n - 1
				copyLen *= n
			}
		}
		var err error
		if out, err = d.copy(out, dcode, dist, copyLen, end); err != nil {
			return err
		}
		if len(out) == end {
			return nil
		}
	}
}

// literals decodes n literals (RFC 7932 §7.1, §9.3) and appends them to
// out; the caller has checked that they fit in the meta-block.
func (d *decoder) literals(out []byte, n int) []byte {
	pos := len(out)
	out = d.reserve(out, n)[:pos+n]
	cl := &d.cats[catLiteral]
	codes := d.litCodes
	for pos < len(out) {
		if cl.left == 0 {
			d.switchBlock(cl)
		}
		stop := pos + min(len(out)-pos, cl.left)
		cl.left -= stop - pos
		if len(codes) == 1 {
			// One literal code: no context to compute.
			d.literalRun(&codes[0], out[pos:stop])
		} else {
			cmap := (*[64]uint8)(d.litMap[cl.btype<<6:])
			d.contextLiterals(codes, cmap, &contextTables[d.modes[cl.btype]], out[:stop], pos)
		}
		pos = stop
	}
	return out
}

// literalRun decodes len(dst) literals with the code c.
func (d *decoder) literalRun(c *prefixCode, dst []byte) {
	if c.bits == 0 {
		fill(dst, uint8(c.table[0]))
		return
	}
	br := &d.br
	v, n := br.val, br.n
	for i := range dst {
		if n < maxCodeLen {
			br.val, br.n = v, n
			br.refill()
			v, n = br.val, br.n
		}
		sym, k := c.next(v)
		v >>= k & 63
		n -= k
		dst[i] = uint8(sym)
	}
	br.val, br.n = v, n
}

// contextLiterals decodes the literals out[pos:], each with the code the
// context map cmap gives for its context (RFC 7932 §7.1), computed with the
// tables ctx of the block's context mode from the two bytes before it.
func (d *decoder) contextLiterals(codes []prefixCode, cmap *[64]uint8, ctx *[512]uint8, out []byte, pos int) {
	br := &d.br
	v, n := br.val, br.n
	var p1, p2 uint8
	if pos > 0 {
		p1 = out[pos-1]
	}
	if pos > 1 {
		p2 = out[pos-2]
	}
	for ; pos < len(out); pos++ {
		if n < maxCodeLen {
			br.val, br.n = v, n
			br.refill()
			v, n = br.val, br.n
		}
		sym, k := codes[cmap[(ctx[p1]|ctx[256+int(p2)])&63]].next(v)
		v >>= k & 63
		n -= k
		p2, p1 = p1, uint8(sym)
		out[pos] = p1
	}
	br.val, br.n = v, n
}

// distanceShortCodes resolves the distance codes 0..15 (RFC 7932 §4):
// which of the last distances (0 the last) and what to add to it.
var distanceShortCodes = [16]struct{ last, delta int8 }{
	{0, 0}, {1, 0}, {2, 0}, {3, 0},
	{0, -1}, {0, 1}, {0, -2}, {0, 2}, {0, -3}, {0, 3},
	{1, -1}, {1, 1}, {1, -2}, {1, 2}, {1, -3}, {1, 3},
}

// readDistance reads the distance code of a command with the given copy
// length and returns it with the distance it stands for (RFC 7932 §4).
func (d *decoder) readDistance(copyLen int) (code, dist int, err error) {
	br := &d.br
	cd := &d.cats[catDistance]
	if cd.left == 0 {
		d.switchBlock(cd)
	}
	cd.left--
	if br.n < maxCodeLen+24 { // a code and its extra bits
		br.refill()
	}
	code = d.distCodes[d.distMap[cd.btype<<2+distanceContext(copyLen)]].decodeLoaded(br)
	switch {
	case code < 16:
		sc := distanceShortCodes[code]
		dist = d.dist[sc.last] + int(sc.delta)
		if dist <= 0 {
			return 0, 0, br.fail(faultDistance)
		}
	case code < 16+d.ndirect:
		dist = code - 15
	default:
		c := code - d.ndirect - 16
		nbits := 1 + uint(c)>>(d.npostfix+1)
		offset := (2+(c>>d.npostfix)&1)<<nbits - 4
		lcode := c & (1<<d.npostfix - 1)
		dist = (offset+int(br.bitsLoaded(nbits)))<<d.npostfix + lcode + d.ndirect + 1
	}
	return code, dist, nil
}

// copy appends the copy of a command to out: from the output produced so
// far if dist is within the window, else from the static dictionary (RFC
// 7932 §8). Distances other than code 0 and dictionary references become
// the last distance.
func (d *decoder) copy(out []byte, code, dist, copyLen, end int) ([]byte, error) {
	pos := len(out)
	if dist > min(d.window, pos) {
		return d.copyWord(out, dist-min(d.window, pos)-1, copyLen, end)
	}
	if code != 0 {
		d.dist = [4]int{dist, d.dist[0], d.dist[1], d.dist[2]}
	}
	if copyLen > end-pos {
		return out, d.br.fail(faultLength)
	}
	out = d.reserve(out, copyLen)[:pos+copyLen]
	from := pos - dist
	if copyLen <= 16 {
		for i := range copyLen { // byte by byte: overlap repeats the pattern
			out[pos+i] = out[from+i]
		}
		return out, nil
	}
	// Each step copies all that is available, doubling an overlapping
	// pattern.
	for at := pos; at < len(out); {
		at += copy(out[at:], out[from:at])
	}
	return out, nil
}

// copyWord appends a transformed word of the static dictionary (RFC 7932
// §8); id is the distance beyond the window minus one.
func (d *decoder) copyWord(out []byte, id, length, end int) ([]byte, error) {
	if length < minWordLen || length > maxBaseLen {
		return out, d.br.fail(faultDictionary)
	}
	nb := ndbits[length]
	t := id >> nb
	if t >= numTransforms {
		return out, d.br.fail(faultDictionary)
	}
	var buf [maxWordLen]byte
	n := transforms[t].apply(buf[:], word(length, id&(1<<nb-1)))
	if n > end-len(out) {
		return out, d.br.fail(faultLength)
	}
	return append(d.reserve(out, n), buf[:n]...), nil
}
