package symbol

// Correct corrects in place the errors of block, a Reed-Solomon block of
// data codewords followed by ec error correction codewords (ISO/IEC 18004
// §7.5), and reports whether it could: up to ec/2 codewords in error are
// corrected. It computes the syndromes, finds the error locator polynomial
// with the Berlekamp-Massey algorithm, its roots by trying every position
// (Chien's search) and the error values with Forney's formula. A block is
// accepted only when the locator has as many roots in the block as its
// degree and the corrected block has no syndrome left, so that a block
// with more errors than the code corrects is refused rather than changed
// into another codeword, as far as the code can tell.
func Correct(block []byte, ec int) bool {
	if ec <= 0 || ec > MaxECPerBlock || len(block) <= ec || len(block) > 255 {
		return false
	}
	f := gf()
	var s [MaxECPerBlock]byte
	if !syndromes(f, block, s[:ec]) {
		return true
	}
	locator := berlekampMassey(f, s[:ec])
	errs := len(locator) - 1
	if errs == 0 || 2*errs > ec {
		return false
	}
	// The evaluator Ω(x) = S(x)·Λ(x) mod x^ec.
	var omega [MaxECPerBlock]byte
	for i, c := range locator {
		for j := 0; i+j < ec; j++ {
			omega[i+j] ^= f.mul(c, s[j])
		}
	}
	found := 0
	n := len(block)
	for p := range n {
		// The codeword at p is the coefficient of x^(n-1-p): its locator
		// is X = α^(n-1-p), a root of Λ at X⁻¹.
		i := n - 1 - p
		xInv := f.pow(255 - i)
		if f.eval(locator, xInv) != 0 {
			continue
		}
		// Λ'(x) keeps the odd powers of Λ, in characteristic 2.
		var deriv byte
		for k := 1; k < len(locator); k += 2 {
			deriv ^= f.mul(locator[k], f.pow((k-1)*(255-i)))
		}
		if deriv == 0 {
			return false
		}
		block[p] ^= f.mul(f.pow(i), f.div(f.eval(omega[:ec], xInv), deriv))
		found++
	}
	return found == errs && !syndromes(f, block, s[:ec])
}

// syndromes writes into s the values of block, as a polynomial whose first
// codeword is the highest coefficient, at α^0 … α^(len(s)-1), and reports
// whether any is not zero.
func syndromes(f *field, block []byte, s []byte) bool {
	nonzero := false
	for i := range s {
		x := f.pow(i)
		var y byte
		for _, c := range block {
			y = f.mul(y, x) ^ c
		}
		s[i] = y
		nonzero = nonzero || y != 0
	}
	return nonzero
}

// berlekampMassey returns the error locator polynomial Λ of the syndromes
// s, lowest degree first, Λ(0) = 1, trimmed to its degree.
func berlekampMassey(f *field, s []byte) []byte {
	var c, b, t [MaxECPerBlock + 1]byte
	c[0], b[0] = 1, 1
	l, m, last := 0, 1, byte(1)
	for n := range s {
		d := s[n]
		for i := 1; i <= l; i++ {
			d ^= f.mul(c[i], s[n-i])
		}
		if d == 0 {
			m++
			continue
		}
		coef := f.div(d, last)
		t = c
		for i := 0; i+m <= len(s); i++ {
			c[i+m] ^= f.mul(coef, b[i])
		}
		if 2*l <= n {
			l, b, last, m = n+1-l, t, d, 1
		} else {
			m++
		}
	}
	return append([]byte(nil), c[:l+1]...)
}
