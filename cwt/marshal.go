package cwt

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// MarshalCBOR encodes c as a CWT claims map with the RFC 8949 §4.2.1 core
// deterministic rules: shortest integers and lengths, definite lengths, the
// labels sorted bytewise by their encoding. It writes only the claims that
// are set, dates as integers, and the values of Extra and ExtraText
// verbatim, whatever their own encoding.
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
	var e encoder
	if err := c.encodeTyped(&e); err != nil {
		return nil, err
	}
	if err := c.encodeExtra(&e); err != nil {
		return nil, err
	}
	slices.SortFunc(e.pairs, func(a, b pair) int { return bytes.Compare(a.key, b.key) })
	size := 9 // the longest map head
	for _, p := range e.pairs {
		size += len(p.key) + len(p.value)
	}
	out := cborscan.AppendHead(make([]byte, 0, size), cborscan.MajorMap, uint64(len(e.pairs)))
	for _, p := range e.pairs {
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

// encoder collects the encoded claims. Labels and typed values are
// appended to one scratch buffer: a slice taken from it stays valid when
// the buffer grows, since earlier bytes are never rewritten.
type encoder struct {
	scratch []byte
	pairs   []pair
}

// add records a claim whose label and value were appended to the scratch
// buffer from offsets key and value on.
func (e *encoder) add(key, value int) {
	e.pairs = append(e.pairs, pair{e.scratch[key:value:value], e.scratch[value:len(e.scratch):len(e.scratch)]})
}

// encodeTyped encodes the registered claims that are set.
func (c *Claims) encodeTyped(e *encoder) error {
	e.scratch = make([]byte, 0, 64+len(c.Issuer)+len(c.Subject)+len(c.ID))
	e.pairs = make([]pair, 0, int(KeyCWTID)+len(c.Extra)+len(c.ExtraText))
	for _, s := range [...]struct {
		label int64
		text  string
	}{{KeyIssuer, c.Issuer}, {KeySubject, c.Subject}} {
		if s.text == "" {
			continue
		}
		if !utf8.ValidString(s.text) {
			return &ClaimError{Label: s.label, Reason: "not a valid utf-8 text string"}
		}
		k := len(e.scratch)
		e.scratch = cborscan.AppendInt(e.scratch, s.label)
		v := len(e.scratch)
		e.scratch = cborscan.AppendText(e.scratch, s.text)
		e.add(k, v)
	}
	if err := c.encodeAudience(e); err != nil {
		return err
	}
	for _, d := range [...]struct {
		label int64
		date  *NumericDate
	}{{KeyExpiration, c.ExpiresAt}, {KeyNotBefore, c.NotBefore}, {KeyIssuedAt, c.IssuedAt}} {
		if d.date != nil {
			k := len(e.scratch)
			e.scratch = cborscan.AppendInt(e.scratch, d.label)
			v := len(e.scratch)
			e.scratch = cborscan.AppendInt(e.scratch, int64(*d.date))
			e.add(k, v)
		}
	}
	if c.ID != nil {
		k := len(e.scratch)
		e.scratch = cborscan.AppendInt(e.scratch, KeyCWTID)
		v := len(e.scratch)
		e.scratch = cborscan.AppendBytes(e.scratch, c.ID)
		e.add(k, v)
	}
	return nil
}

// encodeAudience encodes aud when present: a single text string when there
// is exactly one recipient and AudienceArray is not set, otherwise an array
// (an empty one rather than null).
func (c *Claims) encodeAudience(e *encoder) error {
	if len(c.Audience) == 0 && !c.AudienceArray {
		return nil
	}
	for _, s := range c.Audience {
		if !utf8.ValidString(s) {
			return &ClaimError{Label: KeyAudience, Reason: "not a valid utf-8 text string"}
		}
	}
	k := len(e.scratch)
	e.scratch = cborscan.AppendInt(e.scratch, KeyAudience)
	v := len(e.scratch)
	if len(c.Audience) == 1 && !c.AudienceArray {
		e.scratch = cborscan.AppendText(e.scratch, c.Audience[0])
	} else {
		e.scratch = cborscan.AppendHead(e.scratch, cborscan.MajorArray, uint64(len(c.Audience)))
		for _, s := range c.Audience {
			e.scratch = cborscan.AppendText(e.scratch, s)
		}
	}
	e.add(k, v)
	return nil
}

// encodeExtra adds the claims of Extra and ExtraText, values verbatim.
func (c *Claims) encodeExtra(e *encoder) error {
	for label, raw := range c.Extra {
		if registered(label) {
			return malformedError("extra claim uses a registered label")
		}
		if err := e.addRaw(cborscan.AppendInt(e.scratch, label), raw); err != nil {
			return err
		}
	}
	for label, raw := range c.ExtraText {
		if !utf8.ValidString(label) {
			return malformedError("text claim label is not valid utf-8")
		}
		if err := e.addRaw(cborscan.AppendText(e.scratch, label), raw); err != nil {
			return err
		}
	}
	return nil
}

// addRaw records a claim whose value raw, one CBOR item, is kept verbatim:
// scratch is the scratch buffer with the label appended.
func (e *encoder) addRaw(scratch, raw []byte) error {
	if len(raw) == 0 || strictcbor.Valid(raw) != nil {
		return malformedError("extra claim is not one well-formed cbor item")
	}
	k := len(e.scratch)
	e.scratch = scratch
	e.pairs = append(e.pairs, pair{e.scratch[k:len(e.scratch):len(e.scratch)], raw})
	return nil
}
