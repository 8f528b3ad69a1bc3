package cwt

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// coseExample holds the fields of a COSE WG example file this package uses.
type coseExample struct {
	Title string `json:"title"`
	Input struct {
		Plaintext string `json:"plaintext_hex"`
	} `json:"input"`
	Output struct {
		CBOR string `json:"cbor"`
	} `json:"output"`
}

// COSE message tags (RFC 9052 §2).
const (
	tagEncrypt0 = 16
	tagMac0     = 17
	tagSign1    = 18
)

// loadExample reads the COSE WG example CWT/name (vectors.COSEWG).
func loadExample(t testing.TB, name string) coseExample {
	t.Helper()
	wg, ok := vectors.LookupCOSEWG("CWT", strings.TrimSuffix(name, ".json"))
	require.True(t, ok, name)
	var ex coseExample
	require.NoError(t, json.Unmarshal(wg.JSON, &ex))
	return ex
}

// coseTag returns the tag number of an encoded COSE message.
func coseTag(t testing.TB, msg []byte) uint64 {
	t.Helper()
	var tag cbor.RawTag
	require.NoError(t, strictcbor.Unmarshal(msg, &tag))
	return tag.Number
}

// cosePayload returns the payload of a tagged COSE_Sign1 or COSE_Mac0
// message: the third element of its array (RFC 9052 §4.2, §6.2).
func cosePayload(t testing.TB, msg []byte) []byte {
	t.Helper()
	var tag cbor.RawTag
	require.NoError(t, strictcbor.Unmarshal(msg, &tag))
	var parts []cbor.RawMessage
	require.NoError(t, strictcbor.Unmarshal(tag.Content, &parts))
	require.Len(t, parts, 4)
	var payload []byte
	require.NoError(t, strictcbor.Unmarshal(parts[2], &payload))
	return payload
}

// claimsPayloads returns every claims set an example carries in the clear:
// its plaintext when that is a claims map, and the payload of each signed or
// MACed message among its plaintext and output. Encrypted outputs carry
// none.
func claimsPayloads(t testing.TB, ex coseExample) [][]byte {
	t.Helper()
	var out [][]byte
	for _, h := range []string{ex.Input.Plaintext, ex.Output.CBOR} {
		b := ts.Unhex(t, h)
		if cborscan.MajorType(b) == cborscan.MajorMap {
			out = append(out, b)
			continue
		}
		switch coseTag(t, b) {
		case tagSign1, tagMac0:
			out = append(out, cosePayload(t, b))
		case tagEncrypt0:
		default:
			t.Fatalf("%s: unexpected message", ex.Title)
		}
	}
	return out
}

// exampleFiles are the COSE WG CWT examples (RFC 8392 Appendix A).
var exampleFiles = []string{"A_3.json", "A_4.json", "A_5.json", "A_6.json", "A_7.json"}

func TestCOSEWGExamples(t *testing.T) {
	tests := []struct {
		file      string
		payloads  int // claims sets found in the clear
		want      *Claims
		warnings  []string
		canonical bool
	}{
		{"A_3.json", 2, rfcA1(), nil, true}, // signed with ES256
		{"A_4.json", 2, rfcA1(), nil, true}, // MACed with HS256/64
		{"A_5.json", 1, rfcA1(), nil, true}, // encrypted: plaintext only
		{"A_6.json", 1, rfcA1(), nil, true}, // signed then encrypted: the signed plaintext
		{"A_7.json", 2, &Claims{IssuedAt: nd(1443944944)}, []string{warnFloat(KeyIssuedAt)}, false}, // iat 1443944944.5
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			ex := loadExample(t, tc.file)
			payloads := claimsPayloads(t, ex)
			require.Len(t, payloads, tc.payloads)
			for _, p := range payloads {
				c, warnings, err := Parse(p)
				require.NoError(t, err)
				assert.Equal(t, tc.want, c)
				assert.Equal(t, tc.warnings, warnings)
				out, err := c.MarshalCBOR()
				require.NoError(t, err)
				if tc.canonical {
					assert.Equal(t, p, out)
				}
			}
		})
	}
}

func TestCOSEWGExamplesUntag(t *testing.T) {
	for _, file := range exampleFiles {
		t.Run(file, func(t *testing.T) {
			msg := ts.Unhex(t, loadExample(t, file).Output.CBOR)
			inner, tagged, err := Untag(msg)
			require.NoError(t, err)
			assert.False(t, tagged)
			assert.Equal(t, msg, inner)

			inner, tagged, err = Untag(AddTag(msg))
			require.NoError(t, err)
			assert.True(t, tagged)
			assert.Equal(t, msg, inner)
		})
	}
}

func TestRFC8392A1(t *testing.T) {
	in := ts.Unhex(t, rfcA1Hex)
	c, warnings, err := Parse(in)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	assert.Equal(t, rfcA1(), c)
	out, err := c.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, in, out)
}
