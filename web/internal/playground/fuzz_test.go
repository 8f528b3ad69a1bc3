package playground_test

import (
	"encoding/json"
	"testing"

	"github.com/idqr/claim169/web/internal/playground"
)

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
