package claim169

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

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
	id, warnings, err := parsePlainIdentity(data)
	if errors.Is(err, errNotPlain) {
		return parseGenericIdentity(data)
	}
	return id, warnings, err
}

// parseGenericIdentity is ParseIdentity for any input: strictcbor checks
// the whole map once (well-formed, within the limits, no duplicate keys at
// any depth, UTF-8 text), then the map is walked item by item as received,
// so that no tag is dropped silently: a tag around the map or a key is
// malformed, and a tagged value is kept raw under Unknown like any other
// value whose type contradicts the table.
func parseGenericIdentity(data []byte) (*Identity, []string, error) {
	if majorType(data) != majorMap {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map", ErrMalformed)
	}
	var v any
	if err := strictcbor.Unmarshal(data, &v); err != nil {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map: %s", ErrMalformed, cborReason(err))
	}
	items, ok := cborscan.Items(data)
	if !ok {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map", ErrMalformed)
	}
	p := identityParser{id: new(Identity)}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := intItem(items[i])
		if !ok {
			return nil, nil, fmt.Errorf("%w: identity keys must be integers", ErrMalformed)
		}
		if err := p.add(Field(k), items[i+1], false); err != nil {
			return nil, nil, err
		}
	}
	return p.finish()
}

// intItem returns raw as an integer within int64 when raw is exactly one
// untagged integer.
func intItem(raw []byte) (int64, bool) {
	h, ok := cborscan.ReadHead(raw)
	if !ok || (h.Major != majorUint && h.Major != majorNint) || h.Len != len(raw) {
		return 0, false
	}
	return h.Int()
}

// identityParser collects the fields and warnings of one identity.
type identityParser struct {
	id       *Identity
	warnings []keyedWarning
}

// add decodes raw, the value of key k, into its field, or keeps it raw in
// Unknown (a copy) after checking that it is valid CBOR. plain says that
// raw is plain CBOR (definite lengths, no tags at any depth) read by hand;
// the decoders then fail with errNotPlain where strictcbor could decide
// otherwise.
func (p *identityParser) add(k Field, raw []byte, plain bool) error {
	f := lookupField(k)
	var fw []string
	ok := false
	if f != nil {
		var err error
		if ok, err = f.decode(p.id, raw, &fw, plain); err != nil {
			return err
		}
	}
	for _, w := range fw {
		p.warnings = append(p.warnings, keyedWarning{k, w})
	}
	if ok {
		p.id.present.add(k)
		return nil
	}
	// Kept raw: it must still be valid CBOR (UTF-8 text included).
	var v any
	if err := strictcbor.Unmarshal(raw, &v); err != nil {
		return fmt.Errorf("%w: key %d: %s", ErrMalformed, k, cborReason(err))
	}
	raw = bytes.Clone(raw)
	p.id.setUnknown(k, raw)
	if f != nil {
		p.warnings = append(p.warnings, keyedWarning{k, f.mistyped(raw)})
	}
	return nil
}

// finish adds the format warnings and returns the identity with its
// warnings in key order.
func (p *identityParser) finish() (*Identity, []string, error) {
	p.warnings = append(p.warnings, p.id.formatWarnings()...)
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
	got := describe(raw)
	if got == describe(f.example()) {
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
// out-of-registry values it meets. plain is as for identityParser.add.
func (f *field) decode(id *Identity, raw []byte, warnings *[]string, plain bool) (bool, error) {
	switch f.kind {
	case kindText:
		s, ok := readText(raw)
		if ok {
			*f.ptr(id).(*string) = s
		}
		return ok, nil
	case kindBytes:
		b, ok := readBytes(raw)
		if ok {
			*f.ptr(id).(*[]byte) = b
		}
		return ok, nil
	case kindInt:
		return f.decodeInt(id, raw, warnings), nil
	case kindInts:
		return f.decodeFingers(id, raw, warnings, plain)
	case kindBiometrics:
		return f.decodeBiometrics(id, raw, warnings, plain)
	}
	return false, nil
}

func (f *field) warn(warnings *[]string, format string) {
	*warnings = append(*warnings, fmt.Sprintf("claim169: key %d (%s) "+format, f.key, f.name))
}

func (f *field) decodeInt(id *Identity, raw []byte, warnings *[]string) bool {
	var v int64
	switch majorType(raw) {
	case majorUint, majorNint:
		n, ok := readInt(raw)
		if !ok {
			return false
		}
		v = n
	case majorText:
		// Real issuers write gender and marital status as numeric text, as
		// the specification's own example does.
		if f.key != FieldGender && f.key != FieldMaritalStatus {
			return false
		}
		s, ok := readText(raw)
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

func (f *field) decodeFingers(id *Identity, raw []byte, warnings *[]string, plain bool) (bool, error) {
	if majorType(raw) != majorArray {
		return false, nil
	}
	var v []int64
	var ok bool
	if plain {
		if v, ok = plainInts(raw); !ok {
			return false, errNotPlain
		}
	} else if v, ok = decodeInts(raw); !ok {
		return false, nil
	}
	if v == nil {
		v = []int64{}
	}
	*f.ptr(id).(*[]int64) = v
	for _, n := range v {
		if n < 0 || n > 10 {
			f.warn(warnings, "has a finger position outside 0-10")
			break
		}
	}
	return true, nil
}

// decodeInts decodes raw, an array, into integers within int64; a tagged
// element or any other type makes it fail.
func decodeInts(raw []byte) ([]int64, bool) {
	items, ok := cborscan.Items(raw)
	if !ok {
		return nil, false
	}
	v := make([]int64, len(items))
	for i, item := range items {
		if v[i], ok = intItem(item); !ok {
			return nil, false
		}
	}
	return v, true
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
