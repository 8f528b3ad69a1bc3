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
// decodeContent) and of a label (readLabel), the tag check of unwrapTag,
// the decoding of the parameters by label from the elements of their
// arrays (decodeKnown, given the oracle's array splitting and its decoders
// of the values that may be tagged) and the checks across parameters
// (checkCritical, checkDisjoint).
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
	content, tagged, err := unwrapTag(data, TagSign1)
	if err != nil {
		return nil, err
	}
	var arr [4]cbor.RawMessage
	if err := oracleDecodeArray(content, arr[:]); err != nil {
		return nil, err
	}
	rawProtected, protected, unprotected, err := oracleDecodeBuckets(arr[0], arr[1])
	if err != nil {
		return nil, err
	}
	payload, err := decodeContent(arr[2], "payload")
	if err != nil {
		return nil, err
	}
	signature, err := decodeBytes(arr[3])
	if err != nil {
		return nil, fmt.Errorf("%w: signature: %w", ErrMalformed, err)
	}
	return &Sign1{Tagged: tagged, RawProtected: rawProtected, Protected: protected,
		Unprotected: unprotected, Payload: payload, Signature: signature}, nil
}

func oracleParseEncrypt0(data []byte) (*Encrypt0, error) {
	content, tagged, err := unwrapTag(data, TagEncrypt0)
	if err != nil {
		return nil, err
	}
	var arr [3]cbor.RawMessage
	if err := oracleDecodeArray(content, arr[:]); err != nil {
		return nil, err
	}
	rawProtected, protected, unprotected, err := oracleDecodeBuckets(arr[0], arr[1])
	if err != nil {
		return nil, err
	}
	ciphertext, err := decodeContent(arr[2], "ciphertext")
	if err != nil {
		return nil, err
	}
	return &Encrypt0{Tagged: tagged, RawProtected: rawProtected, Protected: protected,
		Unprotected: unprotected, Ciphertext: ciphertext}, nil
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
	if protected, err = oracleParseHeaders(bytes.Clone(protectedBytes), true); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if unprotected, err = oracleParseHeaders(rawUnprotected, false); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	if err = checkDisjoint(&protected, &unprotected); err != nil {
		return nil, Headers{}, Headers{}, err
	}
	return protectedBytes, protected, unprotected, nil
}

func oracleParseHeaders(data []byte, protected bool) (Headers, error) {
	var h Headers
	if len(data) == 0 {
		if protected {
			return h, nil
		}
		return h, fmt.Errorf("%w: unprotected header is missing", ErrMalformed)
	}
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return h, fmt.Errorf("%w: not a map", ErrMalformed)
	}
	params, ok := oraclePlainParams(data)
	if !ok {
		var err error
		if params, err = oracleParams(data); err != nil {
			return Headers{}, fmt.Errorf("%w: %w", ErrMalformed, err)
		}
	}
	h.params = params
	slices.SortFunc(h.params, func(a, b Param) int { return a.Label.compare(b.Label) })
	if err := h.decodeKnown(protected, oracleDecoders); err != nil {
		return Headers{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return h, nil
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

// oracleDecoders are the old parser's: arrays split by strictcbor, and its
// decoders of a content type and a URI.
var oracleDecoders = &valueDecoders{oracleArrayItems, oracleDecodeContentType, oracleDecodeURI}

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

func oracleDecodeContentType(raw []byte) (ContentType, error) {
	var ct ContentType
	switch cborscan.MajorType(raw) {
	case cborscan.MajorUint:
		err := strictcbor.Unmarshal(raw, &ct.Format)
		return ct, err
	case cborscan.MajorText:
		s, ok := cborscan.ReadText(raw)
		if !ok || s == "" {
			return ContentType{}, errors.New("invalid text string")
		}
		return ContentType{MediaType: s}, nil
	}
	return ContentType{}, errors.New("neither an unsigned integer nor a text string")
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
