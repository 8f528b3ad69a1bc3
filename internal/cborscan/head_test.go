package cborscan

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/strictcbor"
)

func TestHeadRoundTrip(t *testing.T) {
	args := []uint64{0, 1, 23, 24, 255, 256, 65535, 65536, 1<<32 - 1, 1 << 32, 1<<63 - 1, 1<<64 - 1}
	for _, arg := range args {
		for major := MajorUint; major <= MajorSimple; major++ {
			head := AppendHead(nil, major, arg)
			require.Len(t, head, HeadLen(arg))
			h, ok := ReadHead(head)
			require.True(t, ok, "major %d arg %d", major, arg)
			assert.Equal(t, Head{Major: major, Info: head[0] & 0x1f, Arg: arg, Len: len(head)}, h)
			assert.False(t, h.Indefinite())
		}
		// The strict decoder accepts exactly the shortest form.
		assert.NoError(t, strictcbor.Valid(AppendHead(nil, MajorUint, arg)), "shortest form of %d", arg)
	}
}

func TestReadHead(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want Head
		ok   bool
	}{
		{"small", "17", Head{MajorUint, 23, 23, 1}, true},
		{"one byte", "3818", Head{MajorNegInt, 24, 24, 2}, true},
		{"eight bytes", "5b0000000000000100", Head{MajorBytes, 27, 256, 9}, true},
		{"indefinite text", "7f", Head{MajorText, InfoIndefinite, 0, 1}, true},
		{"indefinite map", "bf", Head{MajorMap, InfoIndefinite, 0, 1}, true},
		{"float16", "f93c00", Head{MajorSimple, 25, 0x3c00, 3}, true},
		{"trailing bytes ignored", "0102", Head{MajorUint, 1, 1, 1}, true},
		{"empty", "", Head{}, false},
		{"truncated", "1a000000", Head{}, false},
		{"reserved 29", "3d", Head{}, false},
		{"indefinite negative integer", "3f", Head{}, false},
		{"indefinite tag", "df", Head{}, false},
		{"break", "ff", Head{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := ReadHead(unhex(t, tt.hex))
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, h)
		})
	}
}

func TestHeadInt(t *testing.T) {
	tests := []struct {
		name string
		hex  string
		want int64
		ok   bool
	}{
		{"zero", "00", 0, true},
		{"-1", "20", -1, true},
		{"max int64", "1b7fffffffffffffff", 1<<63 - 1, true},
		{"min int64", "3b7fffffffffffffff", -1 << 63, true},
		{"2^63", "1b8000000000000000", 0, false},
		{"-2^63-1", "3b8000000000000000", 0, false},
		{"text", "6161", 0, false},
		{"simple", "f5", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, ok := ReadHead(unhex(t, tt.hex))
			require.True(t, ok)
			n, ok := h.Int()
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, n)
			if ok {
				assert.Equal(t, unhex(t, tt.hex), AppendInt(nil, n), "AppendInt writes it back")
			}
		})
	}
}

// The Append functions write what the strict encoder writes.
func TestAppendMatchesEncoder(t *testing.T) {
	for _, n := range []int{0, 1, 23, 24, 255, 256, 65535, 65536} {
		b := make([]byte, n)
		want, err := strictcbor.Marshal(b)
		require.NoError(t, err)
		assert.Equal(t, want, AppendBytes(nil, b), "byte string of %d", n)
		assert.Len(t, want, BytesLen(b))
		want, err = strictcbor.Marshal(string(b))
		require.NoError(t, err)
		assert.Equal(t, want, AppendText(nil, string(b)), "text string of %d", n)
	}
	for _, n := range []int64{0, 23, 24, -24, -25, 1 << 40, -1 << 63, 1<<63 - 1} {
		want, err := strictcbor.Marshal(n)
		require.NoError(t, err)
		assert.Equal(t, want, AppendInt(nil, n), "%d", n)
	}
}

func TestStrings(t *testing.T) {
	tests := []struct {
		name        string
		hex         string
		bytes, text string // expected content, "-" when refused
	}{
		{"empty byte string", "40", "", "-"},
		{"byte string", "43010203", "010203", "-"},
		{"text string", "626869", "-", "6869"},
		{"long text string", "7818" + strings.Repeat("61", 24), "-", strings.Repeat("61", 24)},
		{"trailing byte", "4101ff", "-", "-"},
		{"truncated", "4301", "-", "-"},
		{"indefinite", "5f4101ff", "-", "-"},
		{"tagged", "d8184101", "-", "-"},
		{"integer", "01", "-", "-"},
		{"empty", "", "-", "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := unhex(t, tt.hex)
			for _, c := range []struct {
				f    func([]byte) ([]byte, bool)
				want string
			}{{Bytes, tt.bytes}, {Text, tt.text}} {
				got, ok := c.f(data)
				assert.Equal(t, c.want != "-", ok)
				if ok {
					assert.Equal(t, unhex(t, c.want), append([]byte{}, got...))
				}
			}
		})
	}
}
