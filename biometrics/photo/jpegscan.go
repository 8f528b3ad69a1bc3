package photo

// jpegSymbol is one Huffman-coded symbol of the scan and the extra bits
// that follow it (ITU-T T.81 §F.1.2).
type jpegSymbol struct {
	table uint8  // index into jpegFile.tables
	value uint8  // the Huffman symbol: a size category, or run and size
	nbits uint8  // number of extra bits
	extra uint16 // the extra bits
}

// decodeScan reads every block of the scan (T.81 §F.2.2) and returns its
// symbols in order, counting them per table.
func (f *jpegFile) decodeScan() ([]jpegSymbol, error) {
	for _, c := range f.comps {
		if f.dqt[c.tq] == nil {
			return nil, errJPEGLayout
		}
	}
	br := bitReader{data: f.entropy}
	var symbols []jpegSymbol
	read := func(c jpegComponent) error {
		var err error
		symbols, err = f.decodeBlock(&br, c, symbols)
		return err
	}
	if len(f.comps) == 1 {
		// A single component is not interleaved: its blocks in raster order.
		n := ((f.width + 7) / 8) * ((f.high + 7) / 8)
		for range n {
			if err := read(f.comps[0]); err != nil {
				return nil, err
			}
		}
		return symbols, nil
	}
	hmax, vmax := 1, 1
	for _, c := range f.comps {
		hmax, vmax = max(hmax, int(c.h)), max(vmax, int(c.v))
	}
	mcus := ((f.width + 8*hmax - 1) / (8 * hmax)) * ((f.high + 8*vmax - 1) / (8 * vmax))
	for range mcus {
		for _, c := range f.comps {
			for range int(c.h) * int(c.v) {
				if err := read(c); err != nil {
					return nil, err
				}
			}
		}
	}
	return symbols, nil
}

// decodeBlock reads the DC difference and AC coefficients of one block.
func (f *jpegFile) decodeBlock(br *bitReader, c jpegComponent, out []jpegSymbol) ([]jpegSymbol, error) {
	emit := func(table int, value byte, nbits int) error {
		extra, err := br.bits(nbits)
		if err != nil {
			return err
		}
		f.symbolCounts[table][value]++
		out = append(out, jpegSymbol{table: uint8(table), value: value, nbits: uint8(nbits), extra: uint16(extra)})
		return nil
	}
	size, err := f.tables[c.dc].decode(br)
	if err != nil || size > 11 {
		return nil, errJPEGLayout
	}
	if err := emit(c.dc, size, int(size)); err != nil {
		return nil, err
	}
	for k := 1; k < 64; {
		rs, err := f.tables[c.ac].decode(br)
		if err != nil {
			return nil, err
		}
		run, size := int(rs>>4), int(rs&0x0f)
		switch {
		case size == 0 && run == 15: // sixteen zeros
			k += 16
		case size == 0: // end of block
			return out, emit(c.ac, rs, 0)
		case size > 10:
			return nil, errJPEGLayout
		default:
			k += run + 1
		}
		if k > 64 {
			return nil, errJPEGLayout
		}
		if err := emit(c.ac, rs, size); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bitReader reads entropy-coded data most significant bit first.
type bitReader struct {
	data []byte
	pos  int // in bits
}

func (br *bitReader) bit() (int, error) {
	if br.pos >= 8*len(br.data) {
		return 0, errJPEGLayout
	}
	b := int(br.data[br.pos/8]>>(7-br.pos%8)) & 1
	br.pos++
	return b, nil
}

func (br *bitReader) bits(n int) (int, error) {
	v := 0
	for range n {
		b, err := br.bit()
		if err != nil {
			return 0, err
		}
		v = v<<1 | b
	}
	return v, nil
}
