package testsupport

import "math/rand/v2"

// Sample returns n deterministic bytes that compress like a credential's
// text: words of identity data mixed with runs of random bytes, the same for
// the same n and seed. Compression tests use it as payload.
func Sample(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 169))
	words := []string{"Claim 169 ", "identity ", "MOSIP ", "Jane Doe ", "1984-04-18 ", "address ", "\x01\x18\xa9"}
	out := make([]byte, 0, n+16)
	for len(out) < n {
		if r.IntN(3) == 0 {
			for range r.IntN(32) + 1 {
				out = append(out, byte(r.Uint32()))
			}
		} else {
			out = append(out, words[r.IntN(len(words))]...)
		}
	}
	return out[:n]
}

// Random returns n deterministic random bytes, which nothing compresses, the same for the
// same n and seed.
func Random(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1951))
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(r.Uint32())
	}
	return out
}
