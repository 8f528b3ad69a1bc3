package claim169

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
)

// MaxUnknownJSONItems bounds the CBOR data items that the JSON form of an
// identity ([Identity.MarshalJSON]) renders under "unknown", all values
// together. The values are taken in key order; one whose items would take
// the total past the bound is written as a placeholder,
//
//	{"cborOmitted": {"items": 4000, "bytes": 4012}}
//
// with its item count and size, and the next values may still be shown.
// Rendering costs about half a microsecond per item, so this keeps the
// JSON form of any identity within a few normal decodes, while the values
// stay whole, byte for byte, in Identity.Unknown. The decoder names each
// value so written in a warning. Unknown values of real credentials hold a
// few items.
const MaxUnknownJSONItems = 256

// omittedMember is the one member of the placeholder of an unknown value.
const omittedMember = "cborOmitted"

// unknownEntry is a value of Identity.Unknown and whether its JSON form is
// shown or a placeholder.
type unknownEntry struct {
	key   Field
	raw   cbor.RawMessage
	items int
	shown bool
}

// unknownEntries returns the values of u in key order, each marked shown
// while their items total at most MaxUnknownJSONItems. A value that is not
// one well-formed item within the strict limits is marked shown, for the
// JSON conversion to refuse.
func unknownEntries(u map[Field]cbor.RawMessage) []unknownEntry {
	out := make([]unknownEntry, 0, len(u))
	for k, raw := range u {
		out = append(out, unknownEntry{key: k, raw: raw})
	}
	slices.SortFunc(out, func(a, b unknownEntry) int { return cmp.Compare(a.key, b.key) })
	left := MaxUnknownJSONItems
	for i := range out {
		e := &out[i]
		n, ok := cborscan.Count(e.raw)
		e.items = n
		if e.shown = !ok || n <= left; ok && e.shown {
			left -= n
		}
	}
	return out
}

// omittedWarnings names each value of u whose JSON form is a placeholder.
func omittedWarnings(u map[Field]cbor.RawMessage) []keyedWarning {
	var out []keyedWarning
	for _, e := range unknownEntries(u) {
		if !e.shown {
			out = append(out, keyedWarning{e.key, fmt.Sprintf(
				"claim169: key %d under unknown has %d CBOR items, past the %d the JSON form shows under unknown in all; kept whole, written as a %q placeholder",
				e.key, e.items, MaxUnknownJSONItems, omittedMember)})
		}
	}
	return out
}

func unknownToJSON(u map[Field]cbor.RawMessage) (json.RawMessage, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range unknownEntries(u) {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(strconv.Quote(strconv.FormatInt(int64(e.key), 10)))
		buf.WriteByte(':')
		if !e.shown {
			fmt.Fprintf(&buf, `{%q:{"items":%d,"bytes":%d}}`, omittedMember, e.items, len(e.raw))
			continue
		}
		v, err := cborToJSON(e.raw)
		if err != nil {
			return nil, fmt.Errorf("claim169: unknown key %d cannot be written as JSON", e.key)
		}
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func unknownFromJSON(data []byte) (map[Field]cbor.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("claim169: \"unknown\" must be an object")
	}
	out := make(map[Field]cbor.RawMessage, len(obj))
	for name, raw := range obj {
		// A key of "unknown" may be a value put where a key belongs (a
		// name, a date, a phone number): it is shown only when it is a
		// small integer, as the keys of the table are.
		k, err := strconv.ParseInt(name, 10, 64)
		if err != nil || strconv.FormatInt(k, 10) != name {
			return nil, fmt.Errorf("claim169: a key of \"unknown\" is not a decimal integer")
		}
		if isOmitted(raw) {
			return nil, fmt.Errorf("claim169: \"unknown\" key%s is the placeholder of a value the JSON form did not show", showKey(k))
		}
		v, err := jsonToCBOR(raw)
		if err != nil {
			return nil, fmt.Errorf("claim169: \"unknown\" key%s: %w", showKey(k), err)
		}
		out[Field(k)] = v
	}
	return out, nil
}

// isOmitted reports whether raw is the placeholder of an unknown value:
// an object whose one member is omittedMember.
func isOmitted(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return false
	}
	var obj map[string]json.RawMessage
	return json.Unmarshal(raw, &obj) == nil && len(obj) == 1 && obj[omittedMember] != nil
}

// showKey returns " 30" for a key of "unknown" of at most three digits and
// "" for any other, which may be identity data put where a key belongs.
func showKey(k int64) string {
	if k <= -1000 || k >= 1000 {
		return ""
	}
	return " " + strconv.FormatInt(k, 10)
}
