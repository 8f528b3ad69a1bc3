package brotli

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// stricter reports whether err is a refusal for a rule of RFC 7932 that
// andybalholm/brotli (like the C library it follows) does not check: every
// declared block type used, every declared prefix code in the context map.
func stricter(err error) bool {
	var ce *corruptError
	return errors.As(err, &ce) && (ce.fault == faultBlockTypes || ce.fault == faultTrees)
}

// compareWithOracle decodes src with Decode and with andybalholm/brotli and
// returns a description of any disagreement: Decode may accept only what
// the oracle accepts, with the same output, and may refuse what the oracle
// accepts only for a rule the oracle does not check.
func compareWithOracle(src []byte, maxSize int) error {
	got, err := Decode(src, maxSize)
	want, oerr := abDecode(src, maxSize)
	switch {
	case err == nil && oerr != nil:
		return fmt.Errorf("accepted what the oracle refuses (%v)", oerr)
	case err == nil && !bytes.Equal(got, want):
		return fmt.Errorf("output differs from the oracle's")
	case err == nil && len(got) > maxSize:
		return fmt.Errorf("%d bytes for a limit of %d", len(got), maxSize)
	case err != nil && got != nil:
		return fmt.Errorf("a result with an error")
	case err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrTrailingData):
		return fmt.Errorf("error without a sentinel: %v", err)
	case err != nil && oerr == nil && !stricter(err):
		return fmt.Errorf("refused what the oracle accepts: %v", err)
	case errors.Is(oerr, errOracleTooLarge) && err != nil && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt):
		return fmt.Errorf("oracle output beyond the limit, Decode: %v", err)
	}
	return nil
}

// mutate changes src at random: flipped bits, replaced or inserted or
// deleted bytes, a cut.
func mutate(r *rand.Rand, src []byte) []byte {
	out := append([]byte(nil), src...)
	for range r.IntN(3) + 1 {
		if len(out) == 0 {
			return append(out, byte(r.Uint32()))
		}
		i := r.IntN(len(out))
		switch r.IntN(5) {
		case 0, 1:
			out[i] ^= 1 << r.IntN(8)
		case 2:
			out[i] = byte(r.Uint32())
		case 3:
			out = append(out[:i], append([]byte{byte(r.Uint32())}, out[i:]...)...)
		default:
			out = out[:i]
		}
	}
	return out
}

// TestDifferential compares Decode with andybalholm/brotli on valid
// streams of both encoders and thousands of mutations of them.
func TestDifferential(t *testing.T) {
	var seeds [][]byte
	for _, p := range payloads(t) {
		if len(p.data) > 5000 {
			p.data = p.data[:5000]
		}
		for _, q := range []int{0, 1, 4, 9, 11} {
			seeds = append(seeds, abEncode(t, p.data, q, 10+q))
		}
	}
	for _, v := range libbrotliVectors(t) {
		seeds = append(seeds, v.stream)
	}
	r := rand.New(rand.NewPCG(169, 7932))
	rounds := 40
	if testing.Short() {
		rounds = 5
	}
	for i, seed := range seeds {
		require.NoError(t, compareWithOracle(seed, DefaultMaxSize), "seed %d", i)
		for j := range rounds {
			m := mutate(r, seed)
			for _, limit := range []int{DefaultMaxSize, 100} {
				require.NoError(t, compareWithOracle(m, limit), "seed %d mutation %d limit %d: %x", i, j, limit, m)
			}
		}
	}
}
