package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No error line repeats a prefix: "claim169: " starts it once, and no
// stage is named twice in a row.
func TestErrorPrefixesOnce(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	dir := t.TempDir()
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(weak)
	require.NoError(t, err)
	weakPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	weakPath := filepath.Join(dir, "weak.key.pem")
	require.NoError(t, os.WriteFile(weakPath, weakPEM, 0o600))
	garbage := filepath.Join(dir, "garbage.pem")
	require.NoError(t, os.WriteFile(garbage, []byte("not a key"), 0o600))

	key := prefix + ".key.pem"
	for _, tc := range []struct {
		name, stdin string
		args        []string
	}{
		{"bad gender", `{"claim169":{"gender":"male"}}`, []string{"encode", "--key", key}},
		{"bad face", `{"claim169":{"face":[{"data":"!!"}]}}`, []string{"encode", "--key", key}},
		{"bad date", `{"claim169":{"id":"1"},"cwt":{"expiresAt":"tomorrow"}}`, []string{"encode", "--key", key}},
		{"unknown field", `{"claim169":{"fullname":"x"}}`, []string{"encode", "--key", key}},
		{"not json", `{`, []string{"encode", "--key", key}},
		{"weak key", `{"claim169":{"id":"1"}}`, []string{"encode", "--key", weakPath}},
		{"garbage key", `{"claim169":{"id":"1"}}`, []string{"encode", "--key", garbage}},
		{"garbage public key", text, []string{"decode", "--key", garbage}},
		{"garbage key set", text, []string{"decode", "--jwks", garbage}},
		{"wrong key", text, []string{"decode", "--key", prefix + ".pub.pem"}},
		{"bad text", "hello", []string{"decode", "--key", prefix + ".pub.pem"}},
		{"bad text inspected", "hello", []string{"inspect"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.stdin, tc.args...)
			require.NotEqual(t, 0, r.code)
			assert.Equal(t, 1, strings.Count(r.stderr, "claim169: "), r.stderr)
			fields := strings.Fields(r.stderr)
			for i := 1; i < len(fields); i++ {
				if strings.HasSuffix(fields[i], ":") {
					assert.NotEqual(t, fields[i-1], fields[i], "a prefix twice: %s", r.stderr)
				}
			}
		})
	}
}
