package cwt

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/idqr/claim169/internal/strictcbor"
)

// MarshalCBOR encodes c as a CWT claims map with the RFC 8949 §4.2.1 core
// deterministic rules: the typed claims through strictcbor.Marshal (shortest
// integers and lengths), the labels sorted bytewise by their encoding. It
// writes only the claims that are set, dates as integers, and the values of
// Extra and ExtraText verbatim, whatever their own encoding.
//
// It fails with an error wrapping [ErrMalformed] when the result would not
// parse back to c: a nil c, a string that is not valid UTF-8, an Extra label
// in 1–7 (those claims have typed fields), an Extra or ExtraText value that
// is not exactly one well-formed CBOR item, or a claims set beyond the
// strictcbor limits.
func (c *Claims) MarshalCBOR() ([]byte, error) {
	if c == nil {
		return nil, malformedError("nil claims")
	}
	pairs, err := c.pairs()
	if err != nil {
		return nil, err
	}
	slices.SortFunc(pairs, func(a, b pair) int { return bytes.Compare(a.key, b.key) })
	size := 9 // the longest map head
	for _, p := range pairs {
		size += len(p.key) + len(p.value)
	}
	out := appendHead(make([]byte, 0, size), majorMap, uint64(len(pairs)))
	for _, p := range pairs {
		out = append(out, p.key...)
		out = append(out, p.value...)
	}
	if err := strictcbor.Valid(out); err != nil {
		return nil, malformedError("claims exceed a decoding limit")
	}
	return out, nil
}

// pair is one encoded claim.
type pair struct{ key, value []byte }

// pairs encodes every claim that is set.
func (c *Claims) pairs() ([]pair, error) {
	typed, err := c.typed()
	if err != nil {
		return nil, err
	}
	ps := make([]pair, 0, len(typed)+len(c.Extra)+len(c.ExtraText))
	for _, t := range typed {
		k, err := strictcbor.Marshal(t.label)
		if err != nil {
			return nil, malformedError("claim cannot be encoded")
		}
		v, err := strictcbor.Marshal(t.value)
		if err != nil {
			return nil, malformedError("claim cannot be encoded")
		}
		ps = append(ps, pair{k, v})
	}
	for label, raw := range c.Extra {
		if registered(label) {
			return nil, malformedError("extra claim uses a registered label")
		}
		if len(raw) == 0 || strictcbor.Valid(raw) != nil {
			return nil, malformedError("extra claim is not one well-formed cbor item")
		}
		k, err := strictcbor.Marshal(label)
		if err != nil {
			return nil, malformedError("claim cannot be encoded")
		}
		ps = append(ps, pair{k, raw})
	}
	for label, raw := range c.ExtraText {
		if !utf8.ValidString(label) {
			return nil, malformedError("text claim label is not valid utf-8")
		}
		if len(raw) == 0 || strictcbor.Valid(raw) != nil {
			return nil, malformedError("extra claim is not one well-formed cbor item")
		}
		k, err := strictcbor.Marshal(label)
		if err != nil {
			return nil, malformedError("claim cannot be encoded")
		}
		ps = append(ps, pair{k, raw})
	}
	return ps, nil
}

// typedClaim is a registered claim that is set, in the Go type strictcbor
// encodes as RFC 8392 requires.
type typedClaim struct {
	label int64
	value any
}

// typed returns the registered claims that are set, in label order.
func (c *Claims) typed() ([]typedClaim, error) {
	t := make([]typedClaim, 0, KeyCWTID)
	for _, s := range [...]struct {
		label int64
		text  string
	}{{KeyIssuer, c.Issuer}, {KeySubject, c.Subject}} {
		if s.text == "" {
			continue
		}
		if !utf8.ValidString(s.text) {
			return nil, &ClaimError{Label: s.label, Reason: "not a valid utf-8 text string"}
		}
		t = append(t, typedClaim{s.label, s.text})
	}
	aud, err := c.audience()
	if err != nil {
		return nil, err
	}
	if aud != nil {
		t = append(t, typedClaim{KeyAudience, aud})
	}
	for _, d := range [...]struct {
		label int64
		date  *NumericDate
	}{{KeyExpiration, c.ExpiresAt}, {KeyNotBefore, c.NotBefore}, {KeyIssuedAt, c.IssuedAt}} {
		if d.date != nil {
			t = append(t, typedClaim{d.label, int64(*d.date)})
		}
	}
	if c.ID != nil {
		t = append(t, typedClaim{KeyCWTID, c.ID})
	}
	return t, nil
}

// audience returns aud as it is to be written: nil when absent, a single
// text string when there is exactly one recipient and AudienceArray is not
// set, otherwise an array.
func (c *Claims) audience() (any, error) {
	if len(c.Audience) == 0 && !c.AudienceArray {
		return nil, nil
	}
	for _, s := range c.Audience {
		if !utf8.ValidString(s) {
			return nil, &ClaimError{Label: KeyAudience, Reason: "not a valid utf-8 text string"}
		}
	}
	switch {
	case len(c.Audience) == 1 && !c.AudienceArray:
		return c.Audience[0], nil
	case len(c.Audience) == 0:
		return []string{}, nil // an empty array, not null
	default:
		return c.Audience, nil
	}
}

// appendHead appends the shortest head of an item of the major type with
// the argument (RFC 8949 §3, §4.2.1).
func appendHead(out []byte, major byte, arg uint64) []byte {
	m := major << 5
	switch {
	case arg < 24:
		return append(out, m|byte(arg))
	case arg <= 0xff:
		return append(out, m|24, byte(arg))
	case arg <= 0xffff:
		return append(out, m|25, byte(arg>>8), byte(arg))
	case arg <= 0xffffffff:
		return append(out, m|26, byte(arg>>24), byte(arg>>16), byte(arg>>8), byte(arg))
	default:
		return append(out, m|27, byte(arg>>56), byte(arg>>48), byte(arg>>40), byte(arg>>32),
			byte(arg>>24), byte(arg>>16), byte(arg>>8), byte(arg))
	}
}
