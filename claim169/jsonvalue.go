package claim169

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/strictcbor"
)

// cborToJSON converts one CBOR item to JSON for display of unknown keys:
// integers and finite floats as numbers, text as strings, byte strings as
// standard base64 strings, booleans, null (and undefined) as null, arrays,
// and maps as objects whose keys are the decimal or text form of the CBOR
// key. Tags are dropped around their content. Non-finite floats become the
// strings "NaN", "Infinity" and "-Infinity".
func cborToJSON(raw []byte) ([]byte, error) {
	var v any
	if err := strictcbor.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeJSONValue(&buf, v, 0); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeJSONValue(buf *bytes.Buffer, v any, depth int) error {
	if depth > strictcbor.MaxNestedLevels {
		return errors.New("nesting too deep")
	}
	switch x := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(x))
	case int64:
		buf.WriteString(strconv.FormatInt(x, 10))
	case uint64:
		buf.WriteString(strconv.FormatUint(x, 10))
	case big.Int:
		buf.WriteString(x.String())
	case *big.Int:
		buf.WriteString(x.String())
	case float32:
		return writeJSONFloat(buf, float64(x))
	case float64:
		return writeJSONFloat(buf, x)
	case string:
		b, _ := json.Marshal(x)
		buf.Write(b)
	case []byte:
		buf.WriteByte('"')
		buf.WriteString(base64.StdEncoding.EncodeToString(x))
		buf.WriteByte('"')
	case []any:
		buf.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := writeJSONValue(buf, e, depth+1); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case map[any]any:
		return writeJSONObject(buf, x, depth)
	case cbor.Tag:
		return writeJSONValue(buf, x.Content, depth) // tags do not nest (strictcbor counts them with their content)
	case cbor.SimpleValue:
		buf.WriteString(strconv.Itoa(int(x)))
	default:
		// time.Time for tags 0 and 1, and anything else fxamacker/cbor
		// produces: marshal it the standard way.
		return writeJSONMarshal(buf, x)
	}
	return nil
}

func writeJSONFloat(buf *bytes.Buffer, f float64) error {
	switch {
	case math.IsNaN(f):
		buf.WriteString(`"NaN"`)
	case math.IsInf(f, 1):
		buf.WriteString(`"Infinity"`)
	case math.IsInf(f, -1):
		buf.WriteString(`"-Infinity"`)
	default:
		return writeJSONMarshal(buf, f)
	}
	return nil
}

// writeJSONMarshal writes v as encoding/json marshals it.
func writeJSONMarshal(buf *bytes.Buffer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	buf.Write(b)
	return nil
}

func writeJSONObject(buf *bytes.Buffer, m map[any]any, depth int) error {
	type pair struct {
		k string
		v any
	}
	pairs := make([]pair, 0, len(m))
	for k, v := range m {
		var ks string
		switch x := k.(type) {
		case string:
			ks = x
		case int64:
			ks = strconv.FormatInt(x, 10)
		case uint64:
			ks = strconv.FormatUint(x, 10)
		case bool:
			ks = strconv.FormatBool(x)
		case nil:
			ks = "null"
		default:
			ks = fmt.Sprint(x)
		}
		pairs = append(pairs, pair{ks, v})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].k < pairs[j].k })
	buf.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			buf.WriteByte(',')
		}
		b, _ := json.Marshal(p.k)
		buf.Write(b)
		buf.WriteByte(':')
		if err := writeJSONValue(buf, p.v, depth+1); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

// jsonToCBOR converts a JSON value to CBOR for an unknown key: strings as
// text, integral numbers as integers, other numbers as floats, booleans,
// null, arrays, and objects as maps with text keys.
func jsonToCBOR(data []byte) (cbor.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, errors.New("invalid JSON value")
	}
	cv, err := toCBORValue(v, 0)
	if err != nil {
		return nil, err
	}
	return strictcbor.Marshal(cv)
}

func toCBORValue(v any, depth int) (any, error) {
	if depth > strictcbor.MaxNestedLevels {
		return nil, errors.New("nesting too deep")
	}
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if !strings.ContainsAny(s, ".eE") {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n, nil
			}
			if n, err := strconv.ParseUint(s, 10, 64); err == nil {
				return n, nil
			}
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, errors.New("number out of range")
		}
		return f, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			c, err := toCBORValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			c, err := toCBORValue(e, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	}
	return v, nil // string, bool, nil
}
