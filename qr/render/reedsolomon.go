package render

import "sync"

// The error correction codewords of a QR code are a Reed-Solomon code over
// GF(2^8) with the field's polynomial x^8+x^4+x^3+x^2+1 and the generator
// polynomials (x-α^0)(x-α^1)…(x-α^(n-1)), α = 2 (ISO/IEC 18004 §7.5.2).

// fieldPoly is the field's reducing polynomial, x^8+x^4+x^3+x^2+1.
const fieldPoly = 0x11d

// maxECPerBlock is the most error correction codewords a block has (Table 9).
const maxECPerBlock = 30

// field holds GF(2^8) as antilog and log tables.
type field struct {
	exp [2 * 255]byte // exp[i] = α^i, twice over, so that exp[log a + log b] needs no reduction
	log [256]byte     // log[α^i] = i; log[0] is unused
}

// gf is the field, built on first use.
var gf = sync.OnceValue(func() *field {
	f := new(field)
	x := 1
	for i := range 255 {
		f.exp[i], f.exp[i+255] = byte(x), byte(x)
		f.log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= fieldPoly
		}
	}
	return f
})

// mul returns a·b in the field.
func (f *field) mul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return f.exp[int(f.log[a])+int(f.log[b])]
}

// generator returns the coefficients of the generator polynomial of degree
// n, highest degree first, the leading 1 included.
func (f *field) generator(n int) []byte {
	g := make([]byte, 1, n+1)
	g[0] = 1
	for i := range n {
		// g·(x - α^i): in characteristic 2, minus is plus.
		g = append(g, 0)
		for j := len(g) - 1; j > 0; j-- {
			g[j] ^= f.mul(g[j-1], f.exp[i])
		}
	}
	return g
}

// products holds, for a generator polynomial of degree n, the product of
// each field element c with the generator's coefficients after the leading
// 1: the row c·g[1..n] that one step of the division subtracts.
type products struct {
	n    int
	rows []byte // rows[c*n : (c+1)*n]
}

// productTables builds the products of each block length on first use; a
// version uses one or two of the thirteen lengths of Table 9.
var productTables [maxECPerBlock + 1]struct {
	once sync.Once
	p    products
}

// productsFor returns the products of the degree-n generator.
func productsFor(n int) *products {
	t := &productTables[n]
	t.once.Do(func() {
		f := gf()
		g := f.generator(n)
		t.p = products{n: n, rows: make([]byte, 256*n)}
		for c := 1; c < 256; c++ {
			for j := range n {
				t.p.rows[c*n+j] = f.mul(byte(c), g[j+1])
			}
		}
	})
	return &t.p
}

// remainder divides buf, a block's data codewords followed by n zero
// bytes, by the generator in place: afterwards the last n bytes hold the
// error correction codewords, data(x)·x^n mod g(x), and the data bytes are
// spoiled.
func (p *products) remainder(buf []byte) {
	n := p.n
	for i := 0; i+n < len(buf); i++ {
		c := int(buf[i])
		if c == 0 {
			continue
		}
		row := p.rows[c*n : c*n+n]
		dst := buf[i+1 : i+1+n]
		for j, b := range row {
			dst[j] ^= b
		}
	}
}
