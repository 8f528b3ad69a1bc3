package cwt

import (
	"bytes"
	"errors"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// Claims is a CWT claims set (RFC 8392 §3). The registered claims 1–7 have
// typed fields; every other claim, Claim 169 and cnf included, is kept as
// the exact CBOR bytes received and written back byte for byte.
//
// A zero or empty field means "claim absent", except ID, where a non-nil
// empty slice is an empty cti. The JSON field names are those of the
// claim169 command; the raw claims are not part of the JSON form.
type Claims struct {
	// Issuer is iss (label 1).
	Issuer string `json:"issuer,omitempty"`
	// Subject is sub (label 2).
	Subject string `json:"subject,omitempty"`
	// Audience is aud (label 3), one or more recipients.
	Audience []string `json:"audience,omitempty"`
	// AudienceArray records that aud is an array rather than a single text
	// string, so that re-encoding keeps the shape: [Parse] sets it for an
	// array (even of one element, even empty), and [Claims.MarshalCBOR]
	// writes an array when it is set or when Audience does not have exactly
	// one element.
	AudienceArray bool `json:"-"`
	// ExpiresAt is exp (label 4).
	ExpiresAt *NumericDate `json:"expiresAt,omitempty"`
	// NotBefore is nbf (label 5).
	NotBefore *NumericDate `json:"notBefore,omitempty"`
	// IssuedAt is iat (label 6).
	IssuedAt *NumericDate `json:"issuedAt,omitempty"`
	// ID is cti (label 7); nil when absent.
	ID []byte `json:"id,omitempty"`
	// Extra holds every integer-labelled claim other than 1–7 (Claim 169 at
	// [KeyClaim169], cnf at [KeyConfirmation]) as the CBOR item received.
	// Nil when there is none.
	Extra map[int64]cbor.RawMessage `json:"-"`
	// ExtraText holds every text-labelled claim as the CBOR item received.
	// Nil when there is none.
	ExtraText map[string]cbor.RawMessage `json:"-"`
}

// Parse decodes a CWT claims set: data is the CBOR map carried as the
// payload of the COSE message, without tag 61. It checks the types of the
// registered claims 1–7 and keeps every other claim raw.
//
// Errors wrap [ErrMalformed]; a registered claim of the wrong type is a
// [*ClaimError]. On error the claims are nil. The warnings, lower-case and
// free of values, list the tolerated deviations that [Claims.MarshalCBOR]
// does not reproduce: a floating-point or tag-1 NumericDate, an empty iss or
// sub.
func Parse(data []byte) (*Claims, []string, error) {
	if majorType(data) != majorMap {
		return nil, nil, malformedError("not a cbor map")
	}
	if err := strictcbor.Valid(data); err != nil {
		return nil, nil, decodeError(err)
	}
	// One private copy backs every raw claim; the spans are capped so that
	// appending to one cannot overwrite the next.
	data = bytes.Clone(data)
	c := &Claims{}
	var known [KeyCWTID + 1][]byte
	h, _ := cborscan.ReadHead(data)
	rest := data[h.Len:]
	for i := uint64(0); h.Indefinite() && rest[0] != cborscan.Break || !h.Indefinite() && i < h.Arg; i++ {
		var key, value []byte // data is well-formed: every pair is complete
		key, rest, _ = cborscan.Split(rest)
		value, rest, _ = cborscan.Split(rest)
		if err := c.add(&known, key, value); err != nil {
			return nil, nil, err
		}
	}
	var warnings []string
	if err := c.setRegistered(&known, &warnings); err != nil {
		return nil, nil, err
	}
	return c, warnings, nil
}

// add files one claim: a registered one in known, to be decoded in label
// order, any other in Extra or ExtraText. It rejects duplicate labels,
// including the same label encoded in two ways.
func (c *Claims) add(known *[KeyCWTID + 1][]byte, key, value []byte) error {
	switch majorType(key) {
	case majorUint, majorNegInt:
		label, ok := integer(key)
		if !ok {
			return errLabelType
		}
		if registered(label) {
			if known[label] != nil {
				return errDuplicate
			}
			known[label] = value
			return nil
		}
		if _, dup := c.Extra[label]; dup {
			return errDuplicate
		}
		if c.Extra == nil {
			c.Extra = make(map[int64]cbor.RawMessage)
		}
		c.Extra[label] = value
	case majorText:
		var label string
		if err := strictcbor.Unmarshal(key, &label); err != nil {
			return errLabelType
		}
		if _, dup := c.ExtraText[label]; dup {
			return errDuplicate
		}
		if c.ExtraText == nil {
			c.ExtraText = make(map[string]cbor.RawMessage)
		}
		c.ExtraText[label] = value
	default:
		return errLabelType
	}
	return nil
}

// UnmarshalCBOR implements cbor.Unmarshaler with [Parse], so that Claims
// embedded in a larger structure decode just as strictly. The warnings are
// dropped; call Parse to see them.
func (c *Claims) UnmarshalCBOR(data []byte) error {
	parsed, _, err := Parse(data)
	if err != nil {
		return err
	}
	*c = *parsed
	return nil
}

// setRegistered decodes the registered claims in label order, so that the
// warnings and the first error do not depend on map iteration order.
func (c *Claims) setRegistered(known *[KeyCWTID + 1][]byte, warnings *[]string) error {
	for label := KeyIssuer; label <= KeyCWTID; label++ {
		raw := known[label]
		if raw == nil {
			continue
		}
		var err error
		switch label {
		case KeyIssuer:
			c.Issuer, err = parseText(label, raw, warnings)
		case KeySubject:
			c.Subject, err = parseText(label, raw, warnings)
		case KeyAudience:
			c.Audience, c.AudienceArray, err = parseAudience(raw)
		case KeyExpiration:
			c.ExpiresAt, err = parseDatePtr(label, raw, warnings)
		case KeyNotBefore:
			c.NotBefore, err = parseDatePtr(label, raw, warnings)
		case KeyIssuedAt:
			c.IssuedAt, err = parseDatePtr(label, raw, warnings)
		case KeyCWTID:
			c.ID, err = parseBytes(label, raw)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// parseText decodes an iss or sub claim. An empty string is tolerated and
// treated as absent, with a warning.
func parseText(label int64, raw []byte, warnings *[]string) (string, error) {
	s, err := decodeText(label, raw)
	if err == nil && s == "" {
		*warnings = append(*warnings, "cwt: "+labelName(label)+" is an empty string; treated as absent")
	}
	return s, err
}

// decodeText decodes a CBOR text string, definite or indefinite length.
func decodeText(label int64, raw []byte) (string, error) {
	if majorType(raw) != majorText {
		return "", &ClaimError{Label: label, Reason: "not a text string"}
	}
	if text, ok := cborscan.Text(raw); ok {
		if !utf8.Valid(text) {
			return "", &ClaimError{Label: label, Reason: "not a valid utf-8 text string"}
		}
		return string(text), nil
	}
	var s string
	if err := strictcbor.Unmarshal(raw, &s); err != nil {
		return "", &ClaimError{Label: label, Reason: "not a valid utf-8 text string"}
	}
	return s, nil
}

// parseAudience decodes aud: a text string or an array of text strings. It
// reports whether aud was an array. An empty array gives a nil slice.
func parseAudience(raw []byte) (aud []string, array bool, err error) {
	switch majorType(raw) {
	case majorText:
		s, err := decodeText(KeyAudience, raw)
		if err != nil {
			return nil, false, err
		}
		return []string{s}, false, nil
	case majorArray:
		for _, item := range items(raw) {
			if majorType(item) != majorText {
				return nil, false, &ClaimError{Label: KeyAudience, Reason: "array element is not a text string"}
			}
			s, err := decodeText(KeyAudience, item)
			if err != nil {
				return nil, false, err
			}
			aud = append(aud, s)
		}
		return aud, true, nil
	default:
		return nil, false, &ClaimError{Label: KeyAudience, Reason: "neither a text string nor an array"}
	}
}

// parseDatePtr decodes a NumericDate claim into a new pointer.
func parseDatePtr(label int64, raw []byte, warnings *[]string) (*NumericDate, error) {
	d, err := parseNumericDate(label, raw, warnings)
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// parseBytes decodes cti. An empty byte string gives a non-nil empty slice,
// so that it stays present.
func parseBytes(label int64, raw []byte) ([]byte, error) {
	if majorType(raw) != majorBytes {
		return nil, &ClaimError{Label: label, Reason: "not a byte string"}
	}
	if b, ok := cborscan.Bytes(raw); ok {
		return append([]byte{}, b...), nil
	}
	var b []byte
	if err := strictcbor.Unmarshal(raw, &b); err != nil {
		return nil, &ClaimError{Label: label, Reason: "not a byte string"}
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}

// Fixed reasons of Parse errors.
const (
	// errLabelType reports a label that is not usable (RFC 8392 §3: labels
	// are integers or text strings; this package takes integers within
	// int64 and valid UTF-8 text).
	errLabelType = malformedError("claim label is neither an int64 integer nor a utf-8 text string")
	errDuplicate = malformedError("duplicate claim label")
)

// decodeError maps an error of strictcbor.Valid to ErrMalformed with a fixed
// reason. The cbor error itself is not wrapped: some of its messages quote
// the input.
func decodeError(err error) error {
	var (
		trailing *cbor.ExtraneousDataError
		depth    *cbor.MaxNestedLevelError
		array    *cbor.MaxArrayElementsError
		pairs    *cbor.MaxMapPairsError
	)
	switch {
	case errors.As(err, &trailing):
		return malformedError("trailing bytes after the claims map")
	case errors.As(err, &depth), errors.As(err, &array), errors.As(err, &pairs):
		return malformedError("decoding limit exceeded")
	default:
		return malformedError("invalid cbor")
	}
}
