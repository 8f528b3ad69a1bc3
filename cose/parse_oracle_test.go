package cose

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// The two-path parser that ParseSign1 and ParseEncrypt0 replaced, kept only
// as the oracle of the differential tests (parser_test.go). It decides in
// another way: a plain message (definite lengths, no tags) that
// strictcbor.Valid accepts is sliced by hand, and any other goes through
// strictcbor.Unmarshal into cbor.RawMessage values, array by array and map
// by map. It shares with the one parser only the leaf decoders of one
// integer, text or byte string (decodeIntOrText, decodeBytes,
// decodeContent, the text case of decodeContentType) and of a label
// (readLabel), the tag check of unwrapTag, the frame of a header bucket
// and the decoding of the parameters by label from the elements of their
// arrays (valueDecoders.headers and decodeKnown, given the oracle's readers
// of maps and arrays and its decoders of the values that may be tagged),
// the checks across parameters (checkCritical, checkDisjoint) and the
// assembly of a message from its decoded buckets (message.sign1,
// message.encrypt0).
//
// One deliberate change is written into the oracle: strictcbor drops a
// self-described CBOR tag (55799) in front of an item it decodes into a
// cbor.RawMessage, a label it decodes into an interface, or a cbor.RawTag,
// and the old parser went on with what was left. The oracle refuses where
// a tag was dropped (oracleItems, oracleParams, oracleDecodeURI), refuses a
// tagged label, and keeps the value of a parameter as received, as the one
// parser does.

var errOracleDropped = errors.New("strictcbor dropped a tag")

func oracleParseSign1(data []byte) (*Sign1, error) {
	var rest [2]cbor.RawMessage // payload, signature
	m, err := oracleParseMessage(data, TagSign1, rest[:])
	if err != nil {
		return nil, err
	}
	return m.sign1(rest[0], rest[1])
}

func oracleParseEncrypt0(data []byte) (*Encrypt0, error) {
	var rest [1]cbor.RawMessage // ciphertext
	m, err := oracleParseMessage(data, TagEncrypt0, rest[:])
	if err != nil {
		return nil, err
	}
	return m.encrypt0(rest[0])
}

// oracleParseMessage is parseMessage the oracle's way: the array, then each
// bucket, decoded by strictcbor unless plain.
func oracleParseMessage(data []byte, tag uint64, rest []cbor.RawMessage) (*message, error) {
	content, tagged, err := unwrapTag(data, tag)
	if err != nil {
		return nil, err
	}
	arr := make([]cbor.RawMessage, 2+len(rest))
	if err := oracleDecodeArray(content, arr); err != nil {
		return nil, err
	}
	copy(rest, arr[2:])
	m := &message{tagged: tagged}
	m.rawProtected, m.protected, m.unprotected, err = oracleDecodeBuckets(arr[0], arr[1])
	if err != nil {
		return nil, err
	}
	return m, nil
}

// oracleDecodeArray stores in fields a private copy of each element of the
// array data: sliced by hand from one copy of a plain array, or decoded by
// strictcbor.
func oracleDecodeArray(data []byte, fields []cbor.RawMessage) error {
	if cborscan.MajorType(data) != cborscan.MajorArray {
		return fmt.Errorf("%w: not a CBOR array", ErrMalformed)
	}
	it, _ := cborscan.NewIter(data)
	if n, _ := it.Len(); n == len(fields) && cborscan.Plain(data) && strictcbor.Valid(data) == nil {
		it, _ = cborscan.NewIter(bytes.Clone(data))
		for i := range fields {
			fields[i], _ = it.Next()
		}
		return nil
	}
	items, err := oracleItems(data)
	if err != nil || len(items) != len(fields) {
		return fmt.Errorf("%w: not a COSE array of the right length", ErrMalformed)
	}
	copy(fields, items)
	return nil
}

// oracleItems decodes the array data into cbor.RawMessage values with
// strictcbor, refusing it when strictcbor dropped a tag in front of one.
func oracleItems(data []byte) ([]cbor.RawMessage, error) {
	var items []cbor.RawMessage
	if err := strictcbor.Unmarshal(data, &items); err != nil {
		return nil, err
	}
	received, _ := cborscan.Items(data)
	for i := range items {
		if !bytes.Equal(items[i], received[i]) {
			return nil, errOracleDropped
		}
	}
	return items, nil
}

func oracleDecodeBuckets(rawProtected, rawUnprotected []byte) (protectedBytes []byte, protected, unprotected Headers, err error) {
	protectedBytes, err = decodeBytes(rawProtected)
	if err != nil {
		return nil, Headers{}, Headers{}, fmt.Errorf("%w: protected header: %w", ErrMalformed, err)
	}
	if protected, err = oracleDecoders.headers(bytes.Clone(protectedBytes), true); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if unprotected, err = oracleDecoders.headers(rawUnprotected, false); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if err = checkDisjoint(&protected, &unprotected); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	return protectedBytes, protected, unprotected, nil
}

// oracleReadParams slices a plain map by hand, and decodes any other with
// strictcbor.
func oracleReadParams(data []byte) ([]Param, error) {
	if params, ok := oraclePlainParams(data); ok {
		return params, nil
	}
	return oracleParams(data)
}

// oraclePlainParams returns the parameters of a plain map that
// strictcbor.Valid accepts, of at most MaxHeaderParameters pairs with
// distinct integer or UTF-8 text labels, and false for any other.
func oraclePlainParams(data []byte) (params []Param, ok bool) {
	it, ok := cborscan.NewIter(data)
	n, _ := it.Len()
	if !ok || n > MaxHeaderParameters || !cborscan.Plain(data) || strictcbor.Valid(data) != nil {
		return nil, false
	}
	params = make([]Param, 0, n)
	for key, value, more := it.NextPair(); more; key, value, more = it.NextPair() {
		l, ok := readLabel(key)
		if !ok || slices.ContainsFunc(params, func(p Param) bool { return p.Label == l }) {
			return nil, false
		}
		params = append(params, Param{Label: l, Value: value})
	}
	return params, true
}

// oracleParams decodes a header map with strictcbor (integer or text
// labels, no duplicates, UTF-8, the tags in front of the values), refusing
// a tagged label, and keeps each value as received.
func oracleParams(data []byte) ([]Param, error) {
	var decoded map[any]cbor.RawMessage
	if err := strictcbor.Unmarshal(data, &decoded); err != nil {
		return nil, errors.New("invalid map")
	}
	if len(decoded) > MaxHeaderParameters {
		return nil, errors.New("too many parameters")
	}
	for key := range decoded {
		switch key.(type) {
		case int64, string:
		default:
			return nil, errors.New("a label is neither an integer nor a text string")
		}
	}
	received, _ := cborscan.Items(data)
	params := make([]Param, 0, len(decoded))
	for i := 0; i < len(received); i += 2 {
		if cborscan.MajorType(received[i]) == cborscan.MajorTag {
			return nil, errOracleDropped
		}
		l, _ := readLabel(received[i])
		params = append(params, Param{Label: l, Value: bytes.Clone(received[i+1])})
	}
	return params, nil
}

// oracleDecoders are the old parser's: header maps and arrays split by
// strictcbor, and its decoders of a content type and a URI.
var oracleDecoders = &valueDecoders{oracleReadParams, oracleArrayItems, oracleDecodeContentType, oracleDecodeURI}

// oracleArrayItems returns the elements of an array of at most max
// elements, decoded by strictcbor.
func oracleArrayItems(raw []byte, max int, _ string) ([][]byte, error) {
	if cborscan.MajorType(raw) != cborscan.MajorArray {
		return nil, errors.New("not an array")
	}
	items, err := oracleItems(raw)
	if err != nil || len(items) > max {
		return nil, errors.New("invalid array")
	}
	out := make([][]byte, len(items))
	for i, item := range items {
		out[i] = item
	}
	return out, nil
}

// oracleDecodeContentType decodes an unsigned integer with strictcbor and
// leaves a text string to the shared leaf decoder.
func oracleDecodeContentType(raw []byte) (ContentType, error) {
	if cborscan.MajorType(raw) != cborscan.MajorUint {
		return decodeContentType(raw)
	}
	var ct ContentType
	err := strictcbor.Unmarshal(raw, &ct.Format)
	return ct, err
}

// oracleDecodeURI decodes a text string, optionally under tag 32, refusing
// it when strictcbor dropped a tag in front of tag 32.
func oracleDecodeURI(raw []byte) (string, error) {
	if cborscan.MajorType(raw) == cborscan.MajorTag {
		var tag cbor.RawTag
		if err := strictcbor.Unmarshal(raw, &tag); err != nil || tag.Number != tagURI {
			return "", errors.New("not a URI")
		}
		if h, _ := cborscan.ReadHead(raw); h.Arg != tag.Number {
			return "", errOracleDropped
		}
		raw = tag.Content
	}
	var uri string
	if cborscan.MajorType(raw) != cborscan.MajorText || strictcbor.Unmarshal(raw, &uri) != nil || uri == "" {
		return "", errors.New("not a text string")
	}
	return uri, nil
}
