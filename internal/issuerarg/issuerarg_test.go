package issuerarg

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFile(t *testing.T) {
	type split struct {
		issuer, path string
		bound        bool
	}
	for arg, want := range map[string]split{
		"ca.pem":                            {"", "ca.pem", false},
		"https://id.example.org=ca.pem":     {"https://id.example.org", "ca.pem", true},
		"https://id.example.org/?v=1=a.pem": {"https://id.example.org/?v=1", "a.pem", true},
		"urn:iss=a=roots/ca.pem":            {"urn:iss=a", "roots/ca.pem", true},
	} {
		issuer, path, bound, err := File(arg)
		require.NoError(t, err, arg)
		assert.Equal(t, want, split{issuer, path, bound}, arg)
	}
	for _, arg := range []string{"", "=ca.pem", "https://id.example.org=", "="} {
		_, _, _, err := File(arg)
		assert.ErrorIs(t, err, ErrSyntax, "%q", arg)
	}
}

func TestURL(t *testing.T) {
	for arg, want := range map[string][2]string{
		"https://id.example.org/jwks.json":                      {"", "https://id.example.org/jwks.json"},
		"https://iss.example=https://keys.example/jwks?v=1":     {"https://iss.example", "https://keys.example/jwks?v=1"},
		"urn:iss=a=http://127.0.0.1:1/jwks":                     {"urn:iss=a", "http://127.0.0.1:1/jwks"},
		"https://keys.example/jwks?next=https://elsewhere.test": {"", "https://keys.example/jwks?next=https://elsewhere.test"},
	} {
		issuer, url := URL(arg)
		assert.Equal(t, want, [2]string{issuer, url}, arg)
	}
}
