package claim169test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
)

func asError(err error, target **claim169.Error) bool { return errors.As(err, target) }

// TestPack checks that the embedded pack is what generate makes of
// internal/vectors with this SDK; -update rewrites it (the embedded copy is
// refreshed by the next build).
func TestPack(t *testing.T) {
	files, err := generatedFiles()
	require.NoError(t, err)
	if *update {
		require.NoError(t, writePack(files))
		return
	}
	seen := 0
	err = fs.WalkDir(Pack(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "README.md" {
			return err
		}
		seen++
		got, err := fs.ReadFile(Pack(), p)
		require.NoError(t, err)
		want, ok := files[p]
		if assert.True(t, ok, "%s is not generated", p) {
			assert.Equal(t, string(want), string(got), "%s differs from the generated file (go test ./claim169test -update)", p)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, len(files), seen, "files generated but not in the pack (go test ./claim169test -update)")
}

// Every vector survives its file form unchanged.
func TestVectorRoundTrip(t *testing.T) {
	for _, v := range Vectors() {
		data, err := v.MarshalJSON()
		require.NoError(t, err)
		back, err := ParseVector(data)
		require.NoError(t, err, v.Name)
		assert.Equal(t, v, back, v.Name)
	}
}

func TestParseVectorRefuses(t *testing.T) {
	v, ok := Lookup("idpass/valid/encrypted-signed")
	require.True(t, ok)
	good, err := v.MarshalJSON()
	require.NoError(t, err)
	_, err = ParseVector(good)
	require.NoError(t, err)
	edit := func(f func(m map[string]any)) []byte {
		var m map[string]any
		require.NoError(t, json.Unmarshal(good, &m))
		f(m)
		out, err := json.Marshal(m)
		require.NoError(t, err)
		return out
	}
	refused := map[string]any{"result": "refused", "error": "expired", "stage": "validity"}
	for name, data := range map[string][]byte{
		"not JSON":        []byte("{"),
		"trailing data":   append(bytes.Clone(good), '{', '}'),
		"unknown member":  edit(func(m map[string]any) { m["extra"] = 1 }),
		"other schema":    edit(func(m map[string]any) { m["schema"] = "claim169-conformance/2" }),
		"no name":         edit(func(m map[string]any) { delete(m, "name") }),
		"name with .json": edit(func(m map[string]any) { m["name"] = "golden/x.json" }),
		"name going up":   edit(func(m map[string]any) { m["name"] = "../x" }),
		"no qr":           edit(func(m map[string]any) { delete(m, "qr") }),
		"no clock":        edit(func(m map[string]any) { delete(m, "now") }),
		"no keys member":  edit(func(m map[string]any) { delete(m, "keys") }),
		"private key":     edit(func(m map[string]any) { m["keys"] = []any{map[string]any{"kty": "oct", "k": "AAAA"}} }),
		"decryption key type": edit(func(m map[string]any) {
			m["decryptionKeys"] = []any{map[string]any{"kty": "RSA", "alg": "A256GCM", "k": "AAAA"}}
		}),
		"decryption key size": edit(func(m map[string]any) {
			m["decryptionKeys"] = []any{map[string]any{"kty": "oct", "alg": "A256GCM", "k": "AAAA"}}
		}),
		"no result": edit(func(m map[string]any) { m["expect"] = map[string]any{} }),
		"unknown error": edit(func(m map[string]any) {
			m["expect"] = map[string]any{"result": "refused", "error": "nope", "stage": "verify"}
		}),
		"unknown_key pinned": edit(func(m map[string]any) {
			m["expect"] = map[string]any{"result": "refused", "error": "unknown_key", "stage": "verify"}
		}),
		"refusal, no stage": edit(func(m map[string]any) { m["expect"] = map[string]any{"result": "refused", "error": "expired"} }),
		"refusal, content": edit(func(m map[string]any) {
			r := maps.Clone(refused)
			r["claim169"] = map[string]any{}
			m["expectUnverified"] = r
		}),
		"acceptance, error": edit(func(m map[string]any) {
			m["expect"].(map[string]any)["error"] = "expired"
		}),
		"identity not an object": edit(func(m map[string]any) { m["expect"].(map[string]any)["claim169"] = []any{} }),
		"no claims":              edit(func(m map[string]any) { delete(m["expect"].(map[string]any), "cwt") }),
		"stages not hex": edit(func(m map[string]any) {
			m["stages"] = map[string]any{"claim169": "zz", "cwt": "00", "cose": "00", "zlib": "00"}
		}),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseVector(data)
			assert.Error(t, err)
		})
	}
}
