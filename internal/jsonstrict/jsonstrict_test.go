package jsonstrict

import (
	"reflect"
	"testing"

	"github.com/idqr/claim169/internal/testsupport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type sample struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func TestUnmarshal(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(` {"name":"a","count":2} `), &s))
	assert.Equal(t, sample{"a", 2}, s)

	for _, tc := range []struct {
		name, data, reason string
	}{
		{"unknown field", `{"nmae":"SECRET"}`, `unknown field ("nmae")`},
		{"unknown value-like field", `{"SECRET 1984":1}`, "unknown field"},
		{"wrong type", `{"count":"SECRET"}`, `field "count": expected an integer`},
		{"wrong type, string", `{"name":5}`, `field "name": expected a string`},
		{"syntax", `{"name":"SECRET",}`, "invalid JSON at offset 18"},
		{"trailing", `{"name":"SECRET"} {}`, "invalid JSON"},
		{"truncated", `{"name":"SECRET"`, "invalid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Unmarshal([]byte(tc.data), new(sample))
			require.Error(t, err)
			assert.Equal(t, tc.reason, Reason(err))
		})
	}
}

func TestShowName(t *testing.T) {
	for name, want := range map[string]string{
		"fullName":                     ` ("fullName")`,
		"x_1":                          ` ("x_1")`,
		"":                             "",
		"FullName":                     "",
		"Janardhan BS":                 "",
		"3918592438":                   "",
		"a-b":                          "",
		"naïve":                        "",
		"a" + string(make([]byte, 40)): "",
	} {
		assert.Equal(t, want, ShowName(name), "%q", name)
	}
}

// TestUnmarshalWithoutStructs checks the values that hold no struct, which
// json.Unmarshal decodes: the same values, the same refusals, and no copy
// of the input.
func TestUnmarshalWithoutStructs(t *testing.T) {
	var n int
	require.NoError(t, Unmarshal([]byte(" 42 "), &n))
	assert.Equal(t, 42, n)
	var list []string
	require.NoError(t, Unmarshal([]byte(`["a","b"]`), &list))
	assert.Equal(t, []string{"a", "b"}, list)
	for _, tc := range []struct {
		name, data, reason string
		v                  any
	}{
		{"trailing", `1 2`, "invalid JSON at offset 3", new(int)},
		{"wrong type", `"SECRET"`, "field \"\": expected an integer", new(int)},
		{"syntax", `["a",]`, "invalid JSON at offset 6", new([]string)},
		{"truncated", `"SECRET`, "invalid JSON at offset 7", new(string)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Unmarshal([]byte(tc.data), tc.v)
			require.Error(t, err)
			assert.Equal(t, tc.reason, Reason(err))
		})
	}
	data := []byte(`"a name"`)
	used := testsupport.BytesPerRun(10, func() { _ = Unmarshal(data, new(string)) })
	assert.Less(t, used, uint64(256), "no Decoder and its buffer of 512 bytes")
}

func TestHoldsStruct(t *testing.T) {
	for v, want := range map[any]bool{
		new(int): false, new([]string): false, new(map[string]int): false, new([2][]byte): false,
		new(sample): true, new([]sample): true, new(map[string]*sample): true, new(any): true,
	} {
		assert.Equal(t, want, holdsStruct(reflect.TypeOf(v), 0), "%T", v)
	}
}
