package playground_test

import (
	"crypto"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/web/internal/playground"
)

// TestDecodeIsTheCommandsJSON decodes with a PEM key and with a JWK set:
// the output is byte for byte what the command prints.
func TestDecodeIsTheCommandsJSON(t *testing.T) {
	is := newIssuer(t, 1)
	text := is.credential(t, now.Add(time.Hour))
	// What the SDK says with the same keys: "trust" is "key" for a key
	// given alone and "keySet" for a key of a set, as in the command.
	want := func(t *testing.T, opts claim169.DecoderOptions) string {
		opts.Now = func() time.Time { return now }
		dec, err := claim169.NewDecoder(opts)
		require.NoError(t, err)
		res, err := dec.Decode(text)
		require.NoError(t, err)
		return commandJSON(t, record.FromResult(res))
	}
	set, _, err := keys.ParseSet([]byte(`{"keys":[` + is.jwk + `]}`))
	require.NoError(t, err)
	single := claim169.DecoderOptions{Keys: []crypto.PublicKey{is.key.Public()}}
	for name, tc := range map[string]struct {
		o   playground.DecodeOptions
		ref claim169.DecoderOptions
	}{
		"pem":  {playground.DecodeOptions{Keys: []string{is.pubPEM}, Now: playground.Time{Time: now}}, single},
		"jwk":  {playground.DecodeOptions{Keys: []string{is.jwk}, Now: playground.Time{Time: now}}, single},
		"jwks": {playground.DecodeOptions{JWKS: []string{`{"keys":[` + is.jwk + `]}`}, Now: playground.Time{Time: now}}, claim169.DecoderOptions{KeySets: []*keys.Set{set}}},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, want(t, tc.ref), string(playground.Decode(text, opts(t, tc.o))))
		})
	}
}

// TestDecodeFailures reports the stage, the exit code and how far the
// signature check got.
func TestDecodeFailures(t *testing.T) {
	is := newIssuer(t, 1)
	other := newIssuer(t, 2)
	valid := is.credential(t, now.Add(time.Hour))
	expired := is.credential(t, now.Add(-time.Minute))
	cases := []struct {
		name, text   string
		key          string
		verification string
		stage        claim169.Stage
		exit         int
	}{
		{"wrong key", valid, other.pubPEM, "failed", claim169.StageVerify, record.ExitVerification},
		{"expired", expired, is.pubPEM, "verified", claim169.StageValidity, record.ExitValidity},
		{"not base45", "NOT BASE45!", is.pubPEM, "", claim169.StageBase45, record.ExitMalformed},
		{"not zlib", "NCF", is.pubPEM, "", claim169.StageDecompress, record.ExitMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := readFailure(t, playground.Decode(c.text, opts(t, map[string]any{"keys": []string{c.key}, "now": now.Unix()})))
			assert.Equal(t, c.verification, f.Verification)
			assert.Equal(t, c.stage, f.Error.Stage)
			assert.Equal(t, c.exit, f.Error.Exit)
			assert.NotContains(t, f.Error.Message, "Janardhan")
		})
	}
}

// TestDecodeOptions refuses options the command would refuse, with the
// command's exit codes.
func TestDecodeOptions(t *testing.T) {
	is := newIssuer(t, 1)
	text := is.credential(t, now.Add(time.Hour))
	cases := []struct {
		name  string
		opts  string
		stage claim169.Stage
		exit  int
	}{
		{"no key", `{}`, "usage", record.ExitUsage},
		{"unknown option", `{"key": ["x"]}`, "usage", record.ExitUsage},
		{"bad now", `{"keys": [], "now": "yesterday"}`, "usage", record.ExitUsage},
		{"bad skew", `{"jwks": ["{\"keys\":[]}"], "skew": "-5m"}`, "usage", record.ExitUsage},
		{"bad key", `{"keys": ["not a key"]}`, "key", record.ExitMalformed},
		{"private key", `{"keys": [` + quote(t, privatePEM(t, is)) + `]}`, "key", record.ExitMalformed},
		{"bad set", `{"jwks": ["[]"]}`, "jwks", record.ExitMalformed},
		{"bad decrypt key", `{"keys": [` + quote(t, is.pubPEM) + `], "decryptKeys": ["abc"]}`, "key", record.ExitMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := readFailure(t, playground.Decode(text, []byte(c.opts)))
			assert.Empty(t, f.Verification)
			assert.Equal(t, c.stage, f.Error.Stage)
			assert.Equal(t, c.exit, f.Error.Exit)
		})
	}
}

// TestDecodeNow reads the time as seconds, as digits and as RFC 3339, and
// the skew as a duration or seconds.
func TestDecodeNow(t *testing.T) {
	is := newIssuer(t, 1)
	text := is.credential(t, now.Add(time.Hour))
	later := now.Add(2 * time.Hour)
	for _, o := range []string{
		`{"now": ` + jsonNumber(later.Unix()) + `}`,
		`{"now": "` + jsonNumber(later.Unix()) + `"}`,
		`{"now": "` + later.UTC().Format(time.RFC3339Nano) + `"}`,
		`{"now": "` + later.UTC().Format(time.RFC3339) + `", "skew": "30m"}`,
		`{"now": "` + later.UTC().Format(time.RFC3339) + `", "skew": "600"}`,
	} {
		t.Run(o, func(t *testing.T) {
			var full map[string]any
			require.NoError(t, json.Unmarshal([]byte(o), &full))
			full["keys"] = []string{is.pubPEM}
			f := readFailure(t, playground.Decode(text, opts(t, full)))
			assert.Equal(t, claim169.StageValidity, f.Error.Stage)
		})
	}
	out := playground.Decode(text, opts(t, map[string]any{"keys": []string{is.pubPEM}, "now": later.Unix(), "skew": "2h"}))
	assert.Contains(t, string(out), `"verification": "verified"`)
}

// TestInspect shows an expired credential with its headers, never
// verified, as the command's inspect.
func TestInspect(t *testing.T) {
	is := newIssuer(t, 1)
	text := is.credential(t, now.Add(-time.Hour))
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{})
	require.NoError(t, err)
	res, err := dec.Inspect(text)
	require.NoError(t, err)
	assert.Equal(t, commandJSON(t, record.Inspect(res)), string(playground.Inspect(text, nil)))
	assert.Equal(t, commandJSON(t, record.Inspect(res)), string(playground.Inspect(text, []byte("undefined"))))

	f := readFailure(t, playground.Inspect("NOT BASE45!", nil))
	assert.Empty(t, f.Verification)
	assert.Equal(t, claim169.StageBase45, f.Error.Stage)
}

// FuzzDecode feeds text and options to Decode and Inspect: the output is
// always one JSON document, either a result or a failure, never both, and
// a failure has an exit code of the command's contract.
func FuzzDecode(f *testing.F) {
	f.Add("NCF", `{}`)
	f.Add("", `{"keys": ["x"], "now": "2026-01-01T00:00:00Z"}`)
	f.Add("6BF", `{"jwks": ["{\"keys\": []}"], "skew": "5m", "decryptKeys": ["00"]}`)
	f.Add("NCF", `{"now": 1e400}`)
	f.Add("NCF", `[1, 2]`)
	f.Fuzz(func(t *testing.T, text, opts string) {
		for _, out := range [][]byte{playground.Decode(text, []byte(opts)), playground.Inspect(text, []byte(opts))} {
			var got map[string]json.RawMessage
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if errJSON, failed := got["error"]; failed {
				if _, ok := got["claim169"]; ok {
					t.Fatal("a failure with identity data")
				}
				var e struct{ Exit int }
				if err := json.Unmarshal(errJSON, &e); err != nil || e.Exit < 1 || e.Exit > 5 {
					t.Fatalf("exit code %d", e.Exit)
				}
			} else if _, ok := got["verification"]; !ok {
				t.Fatal("a result without verification")
			}
		}
	})
}
