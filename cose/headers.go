package cose

import (
	"errors"
	"fmt"
	"slices"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// MaxHeaderParameters bounds the number of parameters in one header bucket.
// COSE messages carry a handful; the bound keeps hostile headers cheap to
// reject.
const MaxHeaderParameters = 64

// Param is one header parameter exactly as received, for display.
type Param struct {
	Label Label
	// Value is the CBOR encoding of the parameter's value as received.
	Value []byte
}

// ContentType is the value of the content type header (RFC 9052 §3.1): a
// CoAP Content-Format number, or a media type when MediaType is not empty.
type ContentType struct {
	Format    uint64
	MediaType string
}

// Headers is one header bucket of a COSE message (RFC 9052 §3), parsed from
// a CBOR map with integer or text labels and no duplicate labels. The values
// of the labels this package processes (see [HeaderLabel]) are type-checked
// when the bucket is parsed; every parameter stays available through
// [Headers.Params]. The zero Headers is an empty bucket. Slices returned by
// the accessors belong to the Headers and must not be modified.
type Headers struct {
	params []Param // ordered by Label.compare

	alg       int64
	algName   string
	hasAlg    bool
	crit      []Label
	ctype     ContentType
	hasCType  bool
	kid       []byte
	iv        []byte
	partialIV []byte
	x5bag     [][]byte
	x5chain   [][]byte
	x5t       *CertHash
	x5u       string
	hasX5U    bool
}

// Params returns every parameter of the bucket with its value as received,
// integer labels first in ascending order, then text labels.
func (h *Headers) Params() []Param { return slices.Clone(h.params) }

// Len returns the number of parameters in the bucket.
func (h *Headers) Len() int { return len(h.params) }

// Has reports whether the bucket holds a parameter with label l.
func (h *Headers) Has(l Label) bool {
	_, ok := h.find(l)
	return ok
}

// Algorithm returns the integer value of the alg parameter. ok is false when
// the bucket has no alg parameter or when its value is a text string (see
// [Headers.AlgorithmName]).
func (h *Headers) Algorithm() (alg Algorithm, ok bool) {
	return Algorithm(h.alg), h.hasAlg && h.algName == ""
}

// AlgorithmName returns the value of an alg parameter given as a text string
// (RFC 9052 §3.1 allows it for unregistered algorithms; this package
// implements none of them). ok is false otherwise.
func (h *Headers) AlgorithmName() (name string, ok bool) { return h.algName, h.algName != "" }

// Critical returns the labels of the crit parameter, or nil.
func (h *Headers) Critical() []Label { return slices.Clone(h.crit) }

// ContentType returns the content type parameter.
func (h *Headers) ContentType() (ct ContentType, ok bool) { return h.ctype, h.hasCType }

// KeyID returns the kid parameter, or nil.
func (h *Headers) KeyID() []byte { return h.kid }

// IV returns the IV parameter, or nil.
func (h *Headers) IV() []byte { return h.iv }

// PartialIV returns the Partial IV parameter, or nil.
func (h *Headers) PartialIV() []byte { return h.partialIV }

// X5Bag returns the DER certificates of the x5bag parameter (RFC 9360), or
// nil. Their order carries no meaning.
func (h *Headers) X5Bag() [][]byte { return slices.Clone(h.x5bag) }

// X5Chain returns the DER certificates of the x5chain parameter (RFC 9360),
// leaf first, or nil. A chain sent as a single byte string is returned as a
// one-element slice. The certificates are not validated: trusting them is
// the caller's decision.
func (h *Headers) X5Chain() [][]byte { return slices.Clone(h.x5chain) }

// X5T returns the certificate thumbprint of the x5t parameter (RFC 9360).
func (h *Headers) X5T() (hash CertHash, ok bool) {
	if h.x5t == nil {
		return CertHash{}, false
	}
	return *h.x5t, true
}

// X5U returns the URI of the x5u parameter (RFC 9360). It is never fetched
// by this package.
func (h *Headers) X5U() (uri string, ok bool) { return h.x5u, h.hasX5U }

// find returns the index of label l in h.params.
func (h *Headers) find(l Label) (int, bool) {
	for i := range h.params {
		if h.params[i].Label == l {
			return i, true
		}
	}
	return 0, false
}

// parseHeaders parses one header bucket from the CBOR map data, a private
// copy that the parameters may alias, which strictcbor.Valid has accepted
// (alone or within its message). An empty data is the empty map (the
// encoding of an empty protected bucket, RFC 9052 §3). protected says which
// bucket it is: crit is allowed only there.
func parseHeaders(data []byte, protected bool) (Headers, error) {
	var h Headers
	if len(data) == 0 {
		if protected {
			return h, nil
		}
		return h, fmt.Errorf("%w: unprotected header is missing", ErrMalformed)
	}
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return h, fmt.Errorf("%w: %s header is not a map", ErrMalformed, bucketName(protected))
	}
	params, err := readParams(data)
	if err != nil {
		return Headers{}, fmt.Errorf("%w: %s header: %w", ErrMalformed, bucketName(protected), err)
	}
	h.params = params
	slices.SortFunc(h.params, func(a, b Param) int { return a.Label.compare(b.Label) })
	if err := h.decodeKnown(protected, scanDecoders); err != nil {
		return Headers{}, fmt.Errorf("%w: %s header: %w", ErrMalformed, bucketName(protected), err)
	}
	return h, nil
}

// readParams walks the pairs of the header map data once, in the order
// received. Each label must be an untagged integer within int64 or a UTF-8
// text string, and must not repeat; there may be at most
// MaxHeaderParameters. Each value is kept as received, a capped slice of
// data; one that starts with a tag is first handed to strictcbor, which
// checks the content of that tag.
func readParams(data []byte) ([]Param, error) {
	it, _ := cborscan.NewIter(data)
	n, _ := it.Len() // 0 for an indefinite length
	if n > MaxHeaderParameters {
		return nil, fmt.Errorf("more than %d parameters", MaxHeaderParameters)
	}
	params := make([]Param, 0, n)
	for key, value, more := it.NextPair(); more; key, value, more = it.NextPair() {
		if len(params) == MaxHeaderParameters {
			return nil, fmt.Errorf("more than %d parameters", MaxHeaderParameters)
		}
		l, ok := readLabel(key)
		if !ok {
			return nil, errors.New("a label is neither an integer nor a text string")
		}
		if slices.ContainsFunc(params, func(p Param) bool { return p.Label == l }) {
			return nil, errors.New("duplicate label")
		}
		if cborscan.MajorType(value) == cborscan.MajorTag {
			if err := strictcbor.Unmarshal(value, new(cbor.RawMessage)); err != nil {
				return nil, fmt.Errorf("a tagged value: %s", strictcbor.Reason(err))
			}
		}
		params = append(params, Param{Label: l, Value: value})
	}
	if it.Malformed() {
		return nil, errors.New("invalid map")
	}
	return params, nil
}

// readLabel decodes a label: an untagged integer within int64 or a UTF-8
// text string.
func readLabel(key []byte) (Label, bool) {
	if n, ok := cborscan.ReadInt(key); ok {
		return IntLabel(n), true
	}
	if text, ok := cborscan.ReadText(key); ok {
		return TextLabel(text), true
	}
	return Label{}, false
}

// checkDisjoint refuses a label present in both buckets (RFC 9052 §3: such
// a message is malformed).
func checkDisjoint(protected, unprotected *Headers) error {
	for _, p := range unprotected.params {
		if protected.Has(p.Label) {
			return fmt.Errorf("%w: a header label is in both the protected and the unprotected bucket", ErrMalformed)
		}
	}
	return nil
}

func bucketName(protected bool) string {
	if protected {
		return "protected"
	}
	return "unprotected"
}
