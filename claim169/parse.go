package claim169

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// ParseIdentity walks the map once, in the order received. strictcbor.Valid
// has checked the whole map first: well-formed, within the limits of the
// strict mode, nothing after it. What Valid leaves open is decided per
// value, and never by starting the identity over:
//
//   - a key must be one untagged integer within int64 (a tag around a key,
//     like a tag around the map, is malformed), and keys must not repeat;
//   - a value whose type agrees with the table is decoded by hand with the
//     readers of internal/cborscan, which check UTF-8 and leave to
//     strictcbor.Unmarshal only what they cannot decide (an indefinite-length
//     string); a Biometrics map must not repeat a key;
//   - any other value, a tagged one included, is checked whole by
//     strictcbor.Check, which accepts exactly what strictcbor.Unmarshal
//     would decode (UTF-8, duplicate keys and tag contents at any depth)
//     without building it, and is kept raw, byte for byte, under Unknown.
//
// A value decoded by hand is therefore always one strictcbor would accept,
// so the identity is accepted exactly when strictcbor.Unmarshal accepts the
// whole map and its keys are distinct integers. TestParserMatchesOracle and
// FuzzParserMatchesOracle compare it with the generic parser it replaced.

// ParseIdentity decodes a Claim 169 identity map (the CBOR value of claim 169,
// already unwrapped from any byte string) into an Identity.
//
// It is strict about structure and tolerant of the deviations real issuers
// emit, which it normalises and names in the returned warnings: gender and
// marital status as numeric text, and a single Biometrics map where an array
// is due. Any other value whose type contradicts the table is kept raw in
// Identity.Unknown with a warning; nothing is dropped. The error wraps
// [ErrMalformed] when data is not one well-formed CBOR map with integer keys.
// Neither errors nor warnings contain field values.
func ParseIdentity(data []byte) (*Identity, []string, error) {
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map", ErrMalformed)
	}
	if err := strictcbor.Valid(data); err != nil {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map: %s", ErrMalformed, strictcbor.Reason(err))
	}
	it, _ := cborscan.NewIter(data) // data is well-formed: every pair is complete
	p := identityParser{id: new(Identity)}
	var keys seenKeys
	for key, value, ok := it.NextPair(); ok; key, value, ok = it.NextPair() {
		k, ok := cborscan.ReadInt(key)
		if !ok {
			return nil, nil, fmt.Errorf("%w: identity keys must be integers", ErrMalformed)
		}
		if !keys.add(k) {
			return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map: duplicate map key", ErrMalformed)
		}
		if err := p.add(Field(k), value); err != nil {
			return nil, nil, err
		}
	}
	return p.finish()
}

// seenKeys holds the keys of the identity map, to refuse a key that
// repeats: the keys 0–127 in a bit set, any other in a Go map.
type seenKeys struct {
	low   keySet
	other map[int64]struct{}
}

// add records k and reports whether it is new.
func (s *seenKeys) add(k int64) bool {
	if k >= 0 && k < 128 {
		if s.low.has(Field(k)) {
			return false
		}
		s.low.add(Field(k))
		return true
	}
	if _, dup := s.other[k]; dup {
		return false
	}
	if s.other == nil {
		s.other = make(map[int64]struct{})
	}
	s.other[k] = struct{}{}
	return true
}

// identityParser collects the fields and warnings of one identity.
type identityParser struct {
	id       *Identity
	warnings []keyedWarning
}

// add decodes raw, the value of key k, into its field, or keeps it raw in
// Unknown (a copy) after strictcbor has decoded it whole.
func (p *identityParser) add(k Field, raw []byte) error {
	f := lookupField(k)
	var fw []string
	decoded := f != nil && f.decode(p.id, raw, &fw)
	return p.record(k, f, raw, decoded, fw)
}

// record files the outcome of decoding raw, the value of key k and field f
// (nil for an unassigned key): the warnings fw of the field's decoder, and
// the field marked present when decoded, or else raw kept in Unknown.
func (p *identityParser) record(k Field, f *field, raw []byte, decoded bool, fw []string) error {
	for _, w := range fw {
		p.warnings = append(p.warnings, keyedWarning{k, w})
	}
	if decoded {
		p.id.present.add(k)
		return nil
	}
	// Kept raw: strictcbor decides, for this value only, without building
	// it (strictcbor.Check is Unmarshal's verdict at a fraction of its cost).
	if err := strictcbor.Check(raw); err != nil {
		return fmt.Errorf("%w: key %d: %s", ErrMalformed, k, strictcbor.Reason(err))
	}
	raw = bytes.Clone(raw)
	p.id.setUnknown(k, raw)
	if f != nil {
		p.warnings = append(p.warnings, keyedWarning{k, f.mistyped(raw)})
	}
	return nil
}

// finish adds the format warnings and those of unknown values whose JSON
// form is a placeholder, and returns the identity with its
// warnings in key order.
func (p *identityParser) finish() (*Identity, []string, error) {
	p.warnings = append(p.warnings, p.id.formatWarnings()...)
	p.warnings = append(p.warnings, omittedWarnings(p.id.Unknown)...)
	return p.id, sortWarnings(p.warnings), nil
}

// formatWarnings compares the bytes of the photo and of every biometric
// entry with their declared formats (by magic bytes) and names each
// contradiction, such as PNG bytes declared as JPEG.
func (id *Identity) formatWarnings() []keyedWarning {
	var out []keyedWarning
	if w := biometrics.CheckPhoto(id.Photo, int64(id.PhotoFormat)); w != "" && id.Photo != nil {
		out = append(out, keyedWarning{FieldPhoto, fmt.Sprintf("claim169: key %d (photo): %s", FieldPhoto, w)})
	}
	for i := range fields {
		f := &fields[i]
		if f.kind != kindBiometrics {
			continue
		}
		for _, b := range *f.ptr(id).(*[]biometrics.Biometric) {
			if w := biometrics.CheckDeclared(b.Data, b.Format, b.SubFormat); w != "" {
				out = append(out, keyedWarning{f.key, fmt.Sprintf("claim169: key %d (%s): %s", f.key, f.name, w)})
				break
			}
		}
	}
	return out
}

// mistyped describes why raw, the value of field f, was kept under unknown.
func (f *field) mistyped(raw []byte) string {
	got := cborscan.Describe(raw)
	if got == cborscan.Describe(f.example()) {
		return fmt.Sprintf("claim169: key %d (%s) is %s whose contents do not follow the table; kept under unknown", f.key, f.name, got)
	}
	return fmt.Sprintf("claim169: key %d (%s) is %s, not %s; kept under unknown", f.key, f.name, got, f.kind)
}

// example returns the first byte of a value of the kind the table gives f.
func (f *field) example() []byte {
	return []byte{[...]byte{0x60, 0x00, 0x40, 0x80, 0x80}[f.kind]}
}

type keyedWarning struct {
	key Field
	msg string
}

// sortWarnings orders warnings by key, so that output is deterministic.
func sortWarnings(ws []keyedWarning) []string {
	if len(ws) == 0 {
		return nil
	}
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].key < ws[j].key })
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.msg
	}
	return out
}

func (id *Identity) setUnknown(k Field, raw cbor.RawMessage) {
	if id.Unknown == nil {
		id.Unknown = make(map[Field]cbor.RawMessage)
	}
	id.Unknown[k] = raw
}

// decode stores raw into field f of id and reports whether raw's type
// agrees with the table. It appends to warnings the tolerated deviations and
// out-of-registry values it meets. A value it refuses is kept raw by the
// caller, after strictcbor has decoded it.
func (f *field) decode(id *Identity, raw []byte, warnings *[]string) bool {
	switch f.kind {
	case kindText:
		s, ok := cborscan.ReadText(raw)
		if ok {
			*f.ptr(id).(*string) = s
		}
		return ok
	case kindBytes:
		b, ok := cborscan.ReadBytes(raw)
		if ok {
			*f.ptr(id).(*[]byte) = bytes.Clone(b)
		}
		return ok
	case kindInt:
		return f.decodeInt(id, raw, warnings)
	case kindInts:
		return f.decodeFingers(id, raw, warnings)
	case kindBiometrics:
		return f.decodeBiometrics(id, raw, warnings)
	}
	return false
}

func (f *field) warn(warnings *[]string, format string) {
	*warnings = append(*warnings, fmt.Sprintf("claim169: key %d (%s) "+format, f.key, f.name))
}

func (f *field) decodeInt(id *Identity, raw []byte, warnings *[]string) bool {
	var v int64
	switch cborscan.MajorType(raw) {
	case cborscan.MajorUint, cborscan.MajorNegInt:
		n, ok := cborscan.ReadInt(raw)
		if !ok {
			return false
		}
		v = n
	case cborscan.MajorText:
		// Real issuers write gender and marital status as numeric text, as
		// the specification's own example does.
		if f.key != FieldGender && f.key != FieldMaritalStatus {
			return false
		}
		s, ok := cborscan.ReadText(raw)
		if !ok || !isDigits(s) {
			return false
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return false
		}
		v = n
		f.warn(warnings, "is numeric text, not an integer; normalised")
	default:
		return false
	}
	f.setInt(id, v)
	if !registered(f.key, v) {
		f.warn(warnings, "has a value outside the registry")
	}
	return true
}

func registered(k Field, v int64) bool {
	switch k {
	case FieldGender:
		return Gender(v).Registered()
	case FieldMaritalStatus:
		return MaritalStatus(v).Registered()
	case FieldPhotoFormat:
		return PhotoFormat(v).Registered()
	}
	return true
}

// decodeFingers decodes the best quality fingers: an array of integers
// within int64. A tagged element or any other type makes it fail.
func (f *field) decodeFingers(id *Identity, raw []byte, warnings *[]string) bool {
	it, ok := cborscan.NewIter(raw)
	if !ok || cborscan.MajorType(raw) != cborscan.MajorArray {
		return false
	}
	count, _ := it.Len()
	v := make([]int64, 0, count)
	for item, more := it.Next(); more; item, more = it.Next() {
		finger, ok := cborscan.ReadInt(item)
		if !ok {
			return false
		}
		v = append(v, finger)
	}
	if it.Malformed() {
		return false
	}
	f.setFingers(id, v, warnings)
	return true
}

// setFingers stores v, the decoded finger positions, in field f of id.
func (f *field) setFingers(id *Identity, v []int64, warnings *[]string) {
	*f.ptr(id).(*[]int64) = v
	for _, n := range v {
		if n < 0 || n > 10 {
			f.warn(warnings, "has a finger position outside 0-10")
			break
		}
	}
}

func isDigits(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
