package compress

import (
	"testing"
)

// FuzzDeflate checks Deflate on arbitrary input: the stream starts with
// the zlib header of level 9, Inflate and compress/zlib both read the input
// back from it, and it is never longer than storing the input (the input
// plus 11 bytes up to maxOptimized).
func FuzzDeflate(f *testing.F) {
	for _, p := range deflateInputs() {
		if len(p) <= 4096 {
			f.Add(p)
		}
	}
	f.Add(randomBytes(700, 1))
	f.Add(append(sample(300, 2), randomBytes(400, 3)...))
	f.Fuzz(func(t *testing.T, p []byte) {
		checkDeflate(t, p)
	})
}
