package cwt

import (
	"bytes"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// Claims is a CWT claims set (RFC 8392 §3). The registered claims 1–7 have
// typed fields; every other claim, Claim 169 and cnf included, is kept as
// the exact CBOR bytes received and written back byte for byte.
//
// A zero or empty field means "claim absent", except ID, where a non-nil
// empty slice is an empty cti. Its encoding/json form names the registered
// claims in full (issuer, subject, audience, expiresAt, notBefore, issuedAt,
// id, which encoding/json writes in base64); the raw claims are not part of
// it. Package claim169/record has the command's JSON form (cwtId in hex).
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
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return nil, nil, malformedError("not a cbor map")
	}
	if err := strictcbor.Valid(data); err != nil {
		return nil, nil, malformedError("invalid claims map: " + strictcbor.Reason(err))
	}
	// The map is walked with internal/cborscan, so that every claim is seen
	// exactly as received: decoding into cbor.RawMessage would silently strip
	// a leading self-described CBOR tag (55799) from a value and so change
	// the bytes kept raw. One private copy backs every raw claim; the items
	// are capped so that appending to one cannot overwrite the next.
	data = bytes.Clone(data)
	c := &Claims{}
	var known [KeyCWTID + 1][]byte
	it, _ := cborscan.NewIter(data) // data is well-formed: every pair is complete
	for key, value, ok := it.NextPair(); ok; key, value, ok = it.NextPair() {
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
	switch cborscan.MajorType(key) {
	case cborscan.MajorUint, cborscan.MajorNegInt:
		label, ok := cborscan.ReadInt(key)
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
		return putExtra(&c.Extra, label, value)
	case cborscan.MajorText:
		label, ok := cborscan.ReadText(key)
		if !ok {
			return errLabelType
		}
		return putExtra(&c.ExtraText, label, value)
	default:
		return errLabelType
	}
}

// putExtra adds the claim value at an unregistered label to *m, refusing
// a label it already holds.
func putExtra[K comparable](m *map[K]cbor.RawMessage, label K, value []byte) error {
	if _, dup := (*m)[label]; dup {
		return errDuplicate
	}
	if *m == nil {
		*m = make(map[K]cbor.RawMessage)
	}
	(*m)[label] = value
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
	if cborscan.MajorType(raw) != cborscan.MajorText {
		return "", &ClaimError{Label: label, Reason: "not a text string"}
	}
	s, ok := cborscan.ReadText(raw)
	if !ok {
		return "", &ClaimError{Label: label, Reason: "not a valid utf-8 text string"}
	}
	return s, nil
}

// parseAudience decodes aud: a text string or an array of text strings. It
// reports whether aud was an array. An empty array gives a nil slice.
func parseAudience(raw []byte) (aud []string, array bool, err error) {
	switch cborscan.MajorType(raw) {
	case cborscan.MajorText:
		s, err := decodeText(KeyAudience, raw)
		if err != nil {
			return nil, false, err
		}
		return []string{s}, false, nil
	case cborscan.MajorArray:
		it, _ := cborscan.NewIter(raw) // raw is well-formed: strictcbor.Valid passed
		for item, ok := it.Next(); ok; item, ok = it.Next() {
			if cborscan.MajorType(item) != cborscan.MajorText {
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
	b, ok := cborscan.ReadBytes(raw)
	if !ok {
		return nil, &ClaimError{Label: label, Reason: "not a byte string"}
	}
	return append([]byte{}, b...), nil
}

// Fixed reasons of Parse errors.
const (
	// errLabelType reports a label that is not usable (RFC 8392 §3: labels
	// are integers or text strings; this package takes integers within
	// int64 and valid UTF-8 text).
	errLabelType = malformedError("claim label is neither an int64 integer nor a utf-8 text string")
	errDuplicate = malformedError("duplicate claim label")
)
