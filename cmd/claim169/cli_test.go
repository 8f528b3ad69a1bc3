package main

import (
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/vectors"
)

func TestHelpAndUsage(t *testing.T) {
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, "", name, "--help")
			assert.Equal(t, 0, r.code)
			assert.Contains(t, r.stdout, "Usage: claim169 "+name)
			assert.Contains(t, r.stdout, "Example:")
			assert.Contains(t, r.stdout, "claim169 "+name)
		})
	}
	assert.Equal(t, 1, runCLI(t, "").code)
	assert.Equal(t, 1, runCLI(t, "", "frobnicate").code)
	assert.Equal(t, 0, runCLI(t, "", "--help").code)
	r := runCLI(t, "", "--version")
	assert.Equal(t, 0, r.code)
	assert.True(t, strings.HasPrefix(r.stdout, "claim169 "))
	assert.Equal(t, 1, runCLI(t, "", "decode").code, "decode needs a key or --allow-unverified")
	assert.Equal(t, 1, runCLI(t, "", "decode", "--no-such-flag").code)
	assert.Equal(t, 1, runCLI(t, "", "encode").code, "encode needs --key")
	assert.Equal(t, 1, runCLI(t, "", "keygen").code, "keygen needs --out")
	assert.Equal(t, 1, runCLI(t, "", "keygen", "--alg", "HS256", "--out", filepath.Join(t.TempDir(), "k")).code)
}

func TestKeygenEncodeDecode(t *testing.T) {
	for _, alg := range []string{"EdDSA", "ES256"} {
		t.Run(alg, func(t *testing.T) {
			prefix, text := issue(t, alg, sampleRecord)
			for _, key := range []string{prefix + ".pub.pem", prefix + ".jwk.json"} {
				r := runCLI(t, text+"\n", "decode", "--key", key, "--now", "1760000000")
				require.Equal(t, 0, r.code, r.stderr)
				out := decodeJSON(t, r.stdout)
				assert.Equal(t, "verified", out["verification"])
				assert.Equal(t, alg, out["algorithm"])
				assert.Equal(t, "issuer-kid", out["kid"])
				assert.Equal(t, []any{}, out["warnings"])
				var rec map[string]any
				require.NoError(t, json.Unmarshal([]byte(sampleRecord), &rec))
				assert.Equal(t, rec["claim169"], out["claim169"], "decodes to exactly what was written")
				assert.Equal(t, rec["cwt"], out["cwt"])
			}
			// keygen writes a JWK set of the key; --jwks reads a single JWK too.
			for _, set := range []string{prefix + ".jwks.json", prefix + ".jwk.json"} {
				r := runCLI(t, text, "decode", "--jwks", set, "--now", "2026-01-01T00:00:00Z")
				require.Equal(t, 0, r.code, r.stderr)
				assert.Equal(t, "keySet", decodeJSON(t, r.stdout)["trust"])
			}
		})
	}
}

func TestDecodeExitCodes(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	other, _ := issue(t, "EdDSA", sampleRecord)
	pub := prefix + ".pub.pem"
	tests := []struct {
		name string
		in   string
		args []string
		code int
	}{
		{"valid", text, []string{"--key", pub, "--now", "1760000000"}, 0},
		{"one trailing newline removed", text + "\n", []string{"--key", pub, "--now", "1760000000"}, 0},
		{"CRLF removed", text + "\r\n", []string{"--key", pub, "--now", "1760000000"}, 0},
		{"only one newline removed", text + "\n\n", []string{"--key", pub, "--now", "1760000000"}, 2},
		{"leading space kept", " " + text, []string{"--key", pub, "--now", "1760000000"}, 2},
		{"expired", text, []string{"--key", pub, "--now", "1800000000"}, 4},
		{"iat in the future is a warning", text, []string{"--key", pub, "--now", "1700000000"}, 0},
		{"skew tolerates expiry", text, []string{"--key", pub, "--now", "1787912500", "--skew", "5m"}, 0},
		{"wrong key", text, []string{"--key", other + ".pub.pem", "--now", "1760000000"}, 3},
		{"wrong key allowed unverified", text, []string{"--key", other + ".pub.pem", "--allow-unverified", "--now", "1760000000"}, 0},
		{"unverified", text, []string{"--allow-unverified", "--now", "1760000000"}, 0},
		{"not base45", "hello world", []string{"--allow-unverified"}, 2},
		{"empty", "", []string{"--allow-unverified"}, 2},
		{"bad --now", text, []string{"--key", pub, "--now", "yesterday"}, 1},
		{"missing key file", text, []string{"--key", filepath.Join(t.TempDir(), "nope.pem")}, 1},
		{"decryption key but not encrypted", text, []string{"--key", pub, "--now", "1760000000"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, tt.in, append([]string{"decode"}, tt.args...)...)
			assert.Equal(t, tt.code, r.code, r.stderr)
			assert.NotContains(t, r.stderr, "Janardhan")
			if tt.code == 0 {
				out := decodeJSON(t, r.stdout)
				assert.Equal(t, "Janardhan BS", out["claim169"].(map[string]any)["fullName"])
			} else {
				assert.Empty(t, r.stdout, "no identity on failure")
			}
		})
	}
}

func TestDecodeNotYetValid(t *testing.T) {
	prefix, text := issue(t, "EdDSA", `{"claim169":{"id":"1"},"cwt":{"notBefore":1800000000}}`)
	r := runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", "1700000000")
	assert.Equal(t, 4, r.code)
	assert.Contains(t, r.stderr, "claim169: validity: ")
	r = runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", "1799999990", "--skew", "10s")
	assert.Equal(t, 0, r.code, r.stderr)
}

// "verification" says verified (with the trust path), failed (a key was
// tried and did not verify: printed only with --allow-unverified) or
// skipped (no key).
func TestDecodeVerificationValues(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	other, _ := issue(t, "EdDSA", sampleRecord)
	for _, tc := range []struct {
		name  string
		args  []string
		want  string
		trust any
	}{
		{"no key", []string{"--allow-unverified"}, "skipped", nil},
		{"other key", []string{"--key", other + ".pub.pem", "--allow-unverified"}, "failed", nil},
		{"right key", []string{"--key", prefix + ".pub.pem", "--allow-unverified"}, "verified", "key"},
		{"right key, verifying", []string{"--key", prefix + ".pub.pem"}, "verified", "key"},
		{"key set", []string{"--jwks", prefix + ".jwks.json"}, "verified", "keySet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, text, append([]string{"decode", "--now", "1760000000"}, tc.args...)...)
			require.Equal(t, 0, r.code, r.stderr)
			out := decodeJSON(t, r.stdout)
			assert.Equal(t, tc.want, out["verification"])
			assert.Equal(t, tc.trust, out["trust"])
			if tc.want == "failed" {
				assert.Contains(t, out["warnings"], "claim169: signature not verified: verify: cose: signature verification failed: invalid signature")
			}
		})
	}
}

func TestEncodeRejectsBadRecords(t *testing.T) {
	prefix, _ := issue(t, "EdDSA", sampleRecord)
	for name, rec := range map[string]string{
		"unknown identity field":  `{"claim169":{"fullname":"typo"}}`,
		"unknown top-level field": `{"claim169":{"id":"1"},"cwtt":{}}`,
		"unknown cwt field":       `{"claim169":{"id":"1"},"cwt":{"iss":"x"}}`,
		"gender as text":          `{"claim169":{"gender":"1"}}`,
		"bad base64":              `{"claim169":{"photo":"!!"}}`,
		"unknown biometric field": `{"claim169":{"face":[{"data":"AA==","fmt":1}]}}`,
		"not json":                `{"claim169":`,
		"no identity":             `{"cwt":{}}`,
	} {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, rec, "encode", "--key", prefix+".key.pem")
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

// Every published idpass vector behaves as labelled through the command.
func TestIdpassVectorsThroughCommand(t *testing.T) {
	vs := vectors.Idpass()
	require.Len(t, vs, 18)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			dir := t.TempDir()
			args := []string{"decode", "--now", "1760000000"}
			if v.SigningKey != nil {
				args = append(args, "--key", writeFile(t, dir, "pub.hex", hex.EncodeToString(v.SigningKey.PublicKey)+"\n"))
			} else {
				args = append(args, "--allow-unverified")
			}
			if v.EncryptionKey != nil {
				args = append(args, "--decrypt-key", writeFile(t, dir, "aes.hex", hex.EncodeToString(v.EncryptionKey.Key)+"\n"))
			}
			want := map[vectors.Category]int{vectors.Valid: 0, vectors.Invalid: 2}[v.Category]
			if v.Category == vectors.Edge && v.Name != "unknown-fields" {
				want = 4
			}
			r := runCLI(t, v.QR+"\n", args...)
			assert.Equal(t, want, r.code, r.stderr)
		})
	}
}

// The specification's example inspects with all its fields.
func TestInspectSpecExample(t *testing.T) {
	text := specText(t)
	r := runCLI(t, text+"\n", "inspect")
	require.Equal(t, 0, r.code, r.stderr)
	out := decodeJSON(t, r.stdout)
	assert.Equal(t, "skipped", out["verification"])
	assert.Equal(t, "EdDSA", out["algorithm"])
	assert.Equal(t, "k-1101", out["kid"])
	id := out["claim169"].(map[string]any)
	for k, v := range map[string]any{"id": "3918592438", "fullName": "Janardhan BS", "dateOfBirth": "19840418",
		"gender": float64(1), "address": "New House, Near Metro Line, Bengaluru, KA",
		"email": "janardhan@example.com", "phone": "+919876543210", "nationality": "IN"} {
		assert.Equal(t, v, id[k], k)
	}
	face := id["face"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(4), face["subFormat"])
	assert.True(t, strings.HasPrefix(face["data"].(string), "UklGR"), "WebP bytes")
	assert.Equal(t, map[string]any{"issuer": "www.mosip.io", "expiresAt": float64(1787912445),
		"notBefore": float64(1756376445), "issuedAt": float64(1756376445)}, out["cwt"])
	assert.Len(t, out["warnings"], 4, "three deviations and an iss that is not a URI")
	headers := out["headers"].(map[string]any)
	assert.Equal(t, true, headers["cwtTag"])
	assert.Equal(t, "-8", headers["protected"].(map[string]any)["1 (alg)"])

	// Inspect shows an expired credential; decode refuses it.
	assert.Equal(t, 0, runCLI(t, text, "inspect").code)
	assert.Equal(t, 4, runCLI(t, text, "decode", "--allow-unverified", "--now", "1800000000").code)
}

// Damaged QR text gets a hint on stderr, never the text itself.
func TestDecodeInputHints(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	for _, tc := range []struct{ name, in, hint string }{
		{"empty", "", "claim169: input: empty input"},
		{"lower-cased", strings.ToLower(text) + "\n", "lower-case letters"},
		{"HC1 prefix", "HC1:" + text + "\n", "prefix ending in ':'"},
		{"byte order mark", "\uFEFF" + text + "\n", "byte order mark"},
		{"quoted", `"` + text + `"` + "\n", "in quotes"},
		{"two newlines", text + "\n\n", "more than one newline"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.in, "decode", "--key", prefix+".pub.pem", "--now", "1760000000")
			assert.Equal(t, 2, r.code)
			assert.Contains(t, r.stderr, tc.hint)
			assert.NotContains(t, r.stderr, text[:12])
			assert.Empty(t, r.stdout)
		})
	}
}

// An expired credential names its expiry and the time it was checked at.
func TestDecodeExpiredSaysWhen(t *testing.T) {
	prefix, text := issue(t, "EdDSA", sampleRecord)
	r := runCLI(t, text, "decode", "--key", prefix+".pub.pem", "--now", "2027-01-01T00:00:00Z")
	assert.Equal(t, 4, r.code)
	assert.Equal(t, "claim169: validity: cwt: token expired (exp): exp 2026-08-28T10:20:45Z, checked at 2027-01-01T00:00:00Z with 0s skew\n", r.stderr)

	// Without --now the system clock is used, and the message says so.
	prefix, text = issue(t, "EdDSA", `{"claim169":{"id":"1"},"cwt":{"expiresAt":1000000000}}`)
	r = runCLI(t, text, "decode", "--key", prefix+".pub.pem")
	assert.Equal(t, 4, r.code)
	assert.Contains(t, r.stderr, "exp 2001-09-09T01:46:40Z, checked at ")
	assert.Contains(t, r.stderr, "(the system clock; --now checks at another time)")
}

// encode warns on stderr about what verifiers will question, and still
// prints the QR text.
func TestEncodeWarnings(t *testing.T) {
	prefix, _ := issue(t, "EdDSA", sampleRecord)
	for _, tc := range []struct{ name, record, warning string }{
		{"date of birth", `{"claim169":{"dateOfBirth":"18/04/1984"},"cwt":{"expiresAt":"2100-01-01T00:00:00Z"}}`,
			"claim169: warning: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification\n"},
		{"past expiry", `{"claim169":{"id":"1"},"cwt":{"expiresAt":1000000000}}`,
			"claim169: warning: exp 2001-09-09T01:46:40Z is already past at "},
		{"no expiry", `{"claim169":{"id":"1"}}`, "claim169: warning: no expiry (cwt exp): the credential never expires\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, tc.record, "encode", "--key", prefix+".key.pem")
			require.Equal(t, 0, r.code, r.stderr)
			assert.NotEmpty(t, strings.TrimSpace(r.stdout))
			assert.Contains(t, r.stderr, tc.warning)
			assert.NotContains(t, r.stderr, "18/04/1984")
		})
	}
	r := runCLI(t, `{"claim169":{"dateOfBirth":"19840418"},"cwt":{"expiresAt":"2100-01-01T00:00:00Z"}}`, "encode", "--key", prefix+".key.pem")
	require.Equal(t, 0, r.code)
	assert.Empty(t, r.stderr)
}
