package symbol

import "sync"

// The error correction codewords of a QR code are a Reed-Solomon code over
// GF(2^8) with the field's polynomial x^8+x^4+x^3+x^2+1 and the generator
// polynomials (x-α^0)(x-α^1)…(x-α^(n-1)), α = 2 (ISO/IEC 18004 §7.5.2).

// fieldPoly is the field's reducing polynomial, x^8+x^4+x^3+x^2+1.
const fieldPoly = 0x11d

// MaxECPerBlock is the most error correction codewords a block has (Table 9).
const MaxECPerBlock = 30

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

// div returns a/b in the field; b must not be 0.
func (f *field) div(a, b byte) byte {
	if a == 0 {
		return 0
	}
	return f.exp[int(f.log[a])+255-int(f.log[b])]
}

// pow returns α^i for any i ≥ 0.
func (f *field) pow(i int) byte { return f.exp[i%255] }

// eval returns the value at x of the polynomial p, lowest degree first.
func (f *field) eval(p []byte, x byte) byte {
	var y byte
	for i := len(p) - 1; i >= 0; i-- {
		y = f.mul(y, x) ^ p[i]
	}
	return y
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
