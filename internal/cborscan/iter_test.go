package cborscan

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIterPairs(t *testing.T) {
	for _, h := range []string{"a2 01 f6 6161 c101 00", "bf 01 f6 6161 c101 ff 00"} {
		it, ok := NewIter(unhex(t, h))
		require.True(t, ok, h)
		var keys, values []string
		for k, v, more := it.NextPair(); more; k, v, more = it.NextPair() {
			assert.Equal(t, len(v), cap(v), "capped")
			keys, values = append(keys, string(k)), append(values, string(v))
		}
		assert.False(t, it.Malformed(), h)
		assert.Equal(t, []string{"\x01", "aa"}, keys, h)
		assert.Equal(t, []string{"\xf6", "\xc1\x01"}, values, h)
		_, _, more := it.NextPair()
		assert.False(t, more, "stays at the end")
	}
}

func TestIterLen(t *testing.T) {
	tests := []struct {
		hex  string
		n    int
		ok   bool
		name string
	}{
		{"83 01 02 03", 3, true, "array"},
		{"a2 01 02 03 04", 2, true, "map: pairs"},
		{"80", 0, true, "empty array"},
		{"9f 01 ff", 0, false, "indefinite"},
	}
	for _, tt := range tests {
		it, ok := NewIter(unhex(t, tt.hex))
		require.True(t, ok, tt.name)
		n, ok := it.Len()
		assert.Equal(t, tt.ok, ok, tt.name)
		assert.Equal(t, tt.n, n, tt.name)
		it.Next()
		n, _ = it.Len()
		assert.Equal(t, tt.n, n, "%s: unchanged by Next", tt.name)
	}
}

func TestIterMalformed(t *testing.T) {
	for name, h := range map[string]string{
		"truncated element":                   "82 01 19 01",
		"unterminated indefinite array":       "9f 01 02",
		"indefinite map with a key, no value": "bf 01 ff",
		"definite map with a key, no value":   "a1 19 0100",
		"malformed element":                   "82 01 1c",
	} {
		it, ok := NewIter(unhex(t, h))
		require.True(t, ok, name)
		for _, _, more := it.NextPair(); more; _, _, more = it.NextPair() {
		}
		assert.True(t, it.Malformed(), name)
	}
	for name, h := range map[string]string{
		"not a container":            "01",
		"tagged array":               "c180",
		"array longer than its data": "9b ffffffffffffffff",
		"map longer than its data":   "a2 01 02",
	} {
		_, ok := NewIter(unhex(t, h))
		assert.False(t, ok, name)
	}
}
