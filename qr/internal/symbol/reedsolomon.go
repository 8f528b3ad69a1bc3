package symbol

import "sync"

// ECEncoder computes the error correction codewords of blocks with n of
// them: it holds, for the generator polynomial of degree n, the product of
// each field element c with the generator's coefficients after the leading
// 1, the row c·g[1..n] that one step of the division subtracts.
type ECEncoder struct {
	n    int
	rows []byte // rows[c*n : (c+1)*n]
}

// encoders holds the encoder of each block length, built on first use; a
// version uses one or two of the thirteen lengths of Table 9.
var encoders [MaxECPerBlock + 1]struct {
	once sync.Once
	e    ECEncoder
}

// ECEncoderFor returns the encoder of blocks with n error correction
// codewords, 1..MaxECPerBlock.
func ECEncoderFor(n int) *ECEncoder {
	t := &encoders[n]
	t.once.Do(func() {
		f := gf()
		g := f.generator(n)
		t.e = ECEncoder{n: n, rows: make([]byte, 256*n)}
		for c := 1; c < 256; c++ {
			for j := range n {
				t.e.rows[c*n+j] = f.mul(byte(c), g[j+1])
			}
		}
	})
	return &t.e
}

// Remainder divides buf, a block's data codewords followed by n zero
// bytes, by the generator in place: afterwards the last n bytes hold the
// error correction codewords, data(x)·x^n mod g(x), and the data bytes are
// spoiled.
func (e *ECEncoder) Remainder(buf []byte) {
	n := e.n
	for i := 0; i+n < len(buf); i++ {
		c := int(buf[i])
		if c == 0 {
			continue
		}
		row := e.rows[c*n : c*n+n]
		dst := buf[i+1 : i+1+n]
		for j, b := range row {
			dst[j] ^= b
		}
	}
}
