package strictcbor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkCases are inputs on which Check must agree with Unmarshal: the
// vectors of RFC 8949 Appendix A, the refusals, and the corners of map keys
// and tags that Check decides by hand.
func checkCases(tb testing.TB) [][]byte {
	var out [][]byte
	for _, v := range appendixA {
		out = append(out, unhex(tb, v.hex))
	}
	for _, cases := range [][]rejectCase{duplicateKeyCases(), limitCases(), utf8Cases(), trailingCases()} {
		for _, c := range cases {
			out = append(out, unhex(tb, c.hex))
		}
	}
	for _, h := range []string{
		// keys of every kind, and keys that decode alike
		"a2 00 00 20 00", "a2 01 00 1801 00", "a2 4161 00 6161 00", "a2 5f4161ff 00 4161 00", "a2 7f6161ff 00 6161 00",
		"a2 f4 00 f5 00", "a2 f4 00 f4 00", "a2 f6 00 f7 00", "a2 f97e00 00 f97e00 00", "a2 f90000 00 f98000 00",
		"a2 f93c00 00 fb3ff0000000000000 00", "a2 f90001 00 fa33800000 00", "a2 e0 00 e0 00", "a2 f820 00 f820 00",
		"a1 1bffffffffffffffff 00", "a1 3bffffffffffffffff 00", "a1 1b7fffffffffffffff 00", "a1 80 00", "a1 a0 00",
		"a1 c24101 00", "a1 c34101 00", "a2 d82000 00 d82000 00", "a2 d82000 00 d82100 00", "a2 d820 4161 00 d820 4161 00",
		"a2 d820 80 00 00 00", "a2 d9d9f7 01 00 01 00", "a2 d9d9f7 01 00 d9d9f7 02 00", "a2 d820 d9d9f7 01 00 d820 01 00",
		"a2 c1 00 00 74 313937302d30312d30315430303a30303a30305a 00", "a2 c1 fb7ff8000000000000 00 c1 f97e00 00",
		"a1 c1 1b8000000000000000 00", "a1 c1 f97c00 00", "a1 d820 1bffffffffffffffff 00", "a1 d820 c1 00 00",
		// tag contents
		"c0 6161", "c0 00", "c0 7f 62 3230 ff", "c1 00", "c1 3b7fffffffffffffff", "c1 1b8000000000000000", "c1 fa7f800000",
		"c1 fb7ff8000000000000", "c1 f7", "c1 6161", "c2 4101", "c2 5f4101ff", "c2 00", "c3 80", "d9d9f7 c0 00", "d820 c0 00",
		"c0 74 393939392d31322d33315432333a35393a35395a", "c1 1b0000003afff44180", "c1 3b0000000e7791f700",
		// text chunks and simple values
		"7f 6161 6162 ff", "7f 61ff ff", "82 e0 f8ff", "9f 7f ff ff", "bf 6161 00 ff",
	} {
		out = append(out, unhex(tb, h))
	}
	return out
}

func TestCheckAgreesWithUnmarshal(t *testing.T) {
	for _, data := range checkCases(t) {
		var v any
		want := Unmarshal(data, &v)
		got := Check(data)
		require.Equal(t, want == nil, got == nil, "% x: Unmarshal %v, Check %v", data, want, got)
		if want != nil {
			assert.Equal(t, Reason(want), Reason(got), "% x", data)
		}
	}
}

// FuzzCheck holds Check to Unmarshal: one refuses exactly what the other
// refuses.
func FuzzCheck(f *testing.F) {
	for _, data := range checkCases(f) {
		f.Add(data)
	}
	f.Add(itemsOf(MaxItems, []byte{0xa1, 0x61, 'a', 0x00}, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		want := Unmarshal(data, &v)
		if got := Check(data); (want == nil) != (got == nil) {
			t.Fatalf("% x: Unmarshal %v, Check %v", data, want, got)
		}
	})
}

// TestCheckCost checks that Check builds nothing but the keys of maps: a
// message of MaxItems items is checked with a fraction of the allocations
// and the memory of decoding it.
func TestCheckCost(t *testing.T) {
	for _, tt := range []struct {
		item  []byte
		items int
	}{
		{[]byte{0xa1, 0x61, 'a', 0x00}, 3}, {[]byte{0xa0}, 1}, {[]byte{0x61, 'a'}, 1},
		{[]byte{0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0}, 1}, {[]byte{0xd9, 0x0f, 0xa0, 0xa0}, 2},
	} {
		data := itemsOf(MaxItems, tt.item, tt.items)
		require.NoError(t, Check(data))
		var v any
		decode := func() { _ = Unmarshal(data, &v) }
		check := func() { _ = Check(data) }
		assert.Less(t, 4*testing.AllocsPerRun(5, check), testing.AllocsPerRun(5, decode), "% x", tt.item)
		assert.Less(t, 8*bytesPerRun(5, check), bytesPerRun(5, decode), "% x", tt.item)
	}
}
