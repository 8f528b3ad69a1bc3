package claim169

import (
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
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
	var m map[int64]cbor.RawMessage
	if err := strictcbor.Unmarshal(data, &m); err != nil {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map with integer keys: %s", ErrMalformed, cborReason(err))
	}
	if m == nil {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map", ErrMalformed)
	}
	id := new(Identity)
	var warnings []keyedWarning
	for k, raw := range m {
		key := Key(k)
		f := lookupField(key)
		var fw []string
		ok := f != nil && f.decode(id, raw, &fw)
		for _, w := range fw {
			warnings = append(warnings, keyedWarning{key, w})
		}
		if ok {
			id.present.add(key)
			continue
		}
		// Kept raw: it must still be valid CBOR (UTF-8 text included).
		var v any
		if err := strictcbor.Unmarshal(raw, &v); err != nil {
			return nil, nil, fmt.Errorf("%w: key %d: %s", ErrMalformed, key, cborReason(err))
		}
		id.setUnknown(key, raw)
		if f != nil {
			warnings = append(warnings, keyedWarning{key, f.mistyped(raw)})
		}
	}
	warnings = append(warnings, id.formatWarnings()...)
	return id, sortWarnings(warnings), nil
}

// formatWarnings compares the bytes of the photo and of every biometric
// entry with their declared formats (by magic bytes) and names each
// contradiction, such as PNG bytes declared as JPEG.
func (id *Identity) formatWarnings() []keyedWarning {
	var out []keyedWarning
	if w := biometrics.CheckPhoto(id.Photo, int64(id.PhotoFormat)); w != "" && id.Photo != nil {
		out = append(out, keyedWarning{KeyPhoto, fmt.Sprintf("claim169: key %d (photo): %s", KeyPhoto, w)})
	}
	for i := range fields {
		f := &fields[i]
		if f.kind != kindBiometrics {
			continue
		}
		for _, b := range id.Biometrics(f.key) {
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
	key Key
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

func (id *Identity) setUnknown(k Key, raw cbor.RawMessage) {
	if id.Unknown == nil {
		id.Unknown = make(map[Key]cbor.RawMessage)
	}
	id.Unknown[k] = raw
}

// decode stores raw into field f of id and reports whether raw's type
// agrees with the table. It appends to warnings the tolerated deviations and
// out-of-registry values it meets.
func (f *field) decode(id *Identity, raw cbor.RawMessage, warnings *[]string) bool {
	switch f.kind {
	case kindText:
		return majorType(raw) == majorText && strictcbor.Unmarshal(raw, f.ptr(id)) == nil
	case kindBytes:
		var b []byte
		if majorType(raw) != majorBytes || strictcbor.Unmarshal(raw, &b) != nil {
			return false
		}
		if b == nil {
			b = []byte{}
		}
		*f.ptr(id).(*[]byte) = b
		return true
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

func (f *field) decodeInt(id *Identity, raw cbor.RawMessage, warnings *[]string) bool {
	var v int64
	switch majorType(raw) {
	case majorUint, majorNint:
		if strictcbor.Unmarshal(raw, &v) != nil {
			return false
		}
	case majorText:
		// Real issuers write gender and marital status as numeric text, as
		// the specification's own example does.
		if f.key != KeyGender && f.key != KeyMaritalStatus {
			return false
		}
		var s string
		if strictcbor.Unmarshal(raw, &s) != nil || !isDigits(s) {
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

func registered(k Key, v int64) bool {
	switch k {
	case KeyGender:
		return Gender(v).Registered()
	case KeyMaritalStatus:
		return MaritalStatus(v).Registered()
	case KeyPhotoFormat:
		return PhotoFormat(v).Registered()
	}
	return true
}

func (f *field) decodeFingers(id *Identity, raw cbor.RawMessage, warnings *[]string) bool {
	var v []int64
	if majorType(raw) != majorArray || strictcbor.Unmarshal(raw, &v) != nil {
		return false
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
	return true
}

func (f *field) decodeBiometrics(id *Identity, raw cbor.RawMessage, warnings *[]string) bool {
	var entries []cbor.RawMessage
	single := false
	switch majorType(raw) {
	case majorArray:
		if strictcbor.Unmarshal(raw, &entries) != nil {
			return false
		}
	case majorMap:
		// The specification's own example writes the face as one map.
		entries, single = []cbor.RawMessage{raw}, true
	default:
		return false
	}
	out := make([]biometrics.Biometric, 0, len(entries))
	for _, e := range entries {
		b, ok := parseBiometric(e)
		if !ok {
			return false
		}
		out = append(out, b)
	}
	*f.ptr(id).(*[]biometrics.Biometric) = out
	if single {
		f.warn(warnings, "is a single Biometrics map, not an array; normalised")
	}
	for _, b := range out {
		if w := biometricRegistryWarning(b); w != "" {
			f.warn(warnings, w)
			break
		}
	}
	return true
}

// parseBiometric decodes one Biometrics map. ok is false when the entry is
// not a map, has a key outside 0–3 or a value of the wrong type: the caller
// then keeps the whole field raw.
func parseBiometric(raw cbor.RawMessage) (b biometrics.Biometric, ok bool) {
	var m map[int64]cbor.RawMessage
	if majorType(raw) != majorMap || strictcbor.Unmarshal(raw, &m) != nil {
		return b, false
	}
	for k, v := range m {
		var err error
		switch k {
		case biometrics.KeyData:
			if majorType(v) != majorBytes {
				return b, false
			}
			err = strictcbor.Unmarshal(v, &b.Data)
			if err == nil && b.Data == nil {
				b.Data = []byte{}
			}
		case biometrics.KeyFormat:
			var n int64
			if err = unmarshalInt(v, &n); err == nil {
				b.Format = biometrics.Format(n).Ptr()
			}
		case biometrics.KeySubFormat:
			var n int64
			if err = unmarshalInt(v, &n); err == nil {
				b.SubFormat = biometrics.SubFormat(n).Ptr()
			}
		case biometrics.KeyIssuer:
			if majorType(v) != majorText {
				return b, false
			}
			err = strictcbor.Unmarshal(v, &b.Issuer)
		default:
			return b, false
		}
		if err != nil {
			return b, false
		}
	}
	return b, true
}

func unmarshalInt(raw cbor.RawMessage, n *int64) error {
	if t := majorType(raw); t != majorUint && t != majorNint {
		return errors.New("not an integer")
	}
	return strictcbor.Unmarshal(raw, n)
}

func biometricRegistryWarning(b biometrics.Biometric) string {
	switch {
	case b.Format != nil && !b.Format.Registered():
		return "has a biometric format outside the registry"
	case b.Format != nil && b.SubFormat != nil && !b.SubFormat.Registered(*b.Format):
		return "has a biometric sub-format outside the registry"
	}
	return ""
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
