package jsonstrict

import (
	"testing"

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
