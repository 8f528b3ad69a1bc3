package render

// transpose writes into dst the transpose of src, both bit matrices of side
// rows of words words: bit y of dst's row x is bit x of src's row y. It
// works on blocks of 64×64 modules.
func transpose(dst, src []uint64, side, words int) {
	var b [64]uint64
	for bi := range words {
		for bj := range words {
			for r := range b {
				b[r] = 0
				if y := 64*bi + r; y < side {
					b[r] = src[y*words+bj]
				}
			}
			transpose64(&b)
			for r, row := range b {
				if x := 64*bj + r; x < side {
					dst[x*words+bi] = row
				}
			}
		}
	}
}

// transpose64 transposes a 64×64 bit matrix in place: bit j of row i
// becomes bit i of row j. It swaps the off-diagonal halves of ever smaller
// blocks, 32×32 first.
func transpose64(a *[64]uint64) {
	m := uint64(0x00000000ffffffff)
	for j := 32; j != 0; j, m = j>>1, m^m<<(j>>1) {
		for k := 0; k < 64; k = (k + j + 1) &^ j {
			t := (a[k]>>j ^ a[k+j]) & m
			a[k+j] ^= t
			a[k] ^= t << j
		}
	}
}
