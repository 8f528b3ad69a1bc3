package brotli

// commands decodes the data of a compressed meta-block: commands until
// mlen bytes have been produced (RFC 7932 §9.3, §10).
func (d *decoder) commands(mlen int) error {
	br := &d.br
	end := len(d.out) + mlen
	d.grow(min(mlen, firstReserve))
	ci := &d.cats[catCommand]
	for {
		if ci.left == 0 {
			d.switchBlock(ci)
		}
		ci.left--
		cmd := &commandCodes[d.cmdCodes[ci.btype].decode(br)]
		insert := int(cmd.insert.base + br.bits(uint(cmd.insert.extra)))
		copyLen := int(cmd.copy.base + br.bits(uint(cmd.copy.extra)))
		if insert > end-len(d.out) {
			return br.fail(faultLength)
		}
		if insert > 0 {
			d.literals(insert)
		}
		if len(d.out) == end {
			return nil // the copy length of the last command is ignored
		}
		code, dist := 0, d.dist[0]
		if !cmd.lastDistance {
			var err error
			if code, dist, err = d.readDistance(copyLen); err != nil {
				return err
			}
		}
		if err := d.copy(code, dist, copyLen, end); err != nil {
			return err
		}
		if len(d.out) == end {
			return nil
		}
	}
}

// literals decodes n literals (RFC 7932 §7.1, §9.3); the caller has checked
// that they fit in the meta-block.
func (d *decoder) literals(n int) {
	d.grow(n)
	br := &d.br
	out := d.out[:len(d.out)+n]
	pos := len(d.out)
	var p1, p2 uint8
	if pos > 0 {
		p1 = out[pos-1]
	}
	if pos > 1 {
		p2 = out[pos-2]
	}
	cl := &d.cats[catLiteral]
	for pos < len(out) {
		if cl.left == 0 {
			d.switchBlock(cl)
		}
		k := min(len(out)-pos, cl.left)
		cl.left -= k
		cmap := d.litMap[cl.btype<<6 : cl.btype<<6+64]
		ctx := &contextTables[d.modes[cl.btype]]
		for stop := pos + k; pos < stop; pos++ {
			b := uint8(d.litCodes[cmap[(ctx[p1]|ctx[256+int(p2)])&63]].decode(br))
			out[pos] = b
			p2, p1 = p1, b
		}
	}
	d.out = out
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
	code = d.distCodes[d.distMap[cd.btype<<2+distanceContext(copyLen)]].decode(br)
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
		dist = (offset+int(br.bits(nbits)))<<d.npostfix + lcode + d.ndirect + 1
	}
	return code, dist, nil
}

// copy performs the copy of a command: from the output produced so far if
// dist is within the window, else from the static dictionary (RFC 7932 §8).
// Distances other than code 0 and dictionary references become the last
// distance.
func (d *decoder) copy(code, dist, copyLen, end int) error {
	maxDist := min(d.window, len(d.out))
	if dist > maxDist {
		return d.copyWord(dist-maxDist-1, copyLen, end)
	}
	if code != 0 {
		d.dist = [4]int{dist, d.dist[0], d.dist[1], d.dist[2]}
	}
	if copyLen > end-len(d.out) {
		return d.br.fail(faultLength)
	}
	d.grow(copyLen)
	pos := len(d.out)
	out := d.out[:pos+copyLen]
	from := pos - dist
	// Each step copies all that is available, doubling an overlapping
	// pattern.
	for at := pos; at < len(out); {
		at += copy(out[at:], out[from:at])
	}
	d.out = out
	return nil
}

// copyWord appends a transformed word of the static dictionary (RFC 7932
// §8); id is the distance beyond the window minus one.
func (d *decoder) copyWord(id, length, end int) error {
	if length < minWordLen || length > maxBaseLen {
		return d.br.fail(faultDictionary)
	}
	nb := ndbits[length]
	t := id >> nb
	if t >= numTransforms {
		return d.br.fail(faultDictionary)
	}
	var buf [maxWordLen]byte
	n := transforms[t].apply(buf[:], word(length, id&(1<<nb-1)))
	if n > end-len(d.out) {
		return d.br.fail(faultLength)
	}
	d.grow(n)
	d.out = append(d.out, buf[:n]...)
	return nil
}
