package claim169

import (
	"bytes"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
)

// decodeBiometrics decodes a biometric field: an array of Biometrics maps
// or, as the specification's own example writes the face, a single map,
// which is normalised to an array with a warning.
func (f *field) decodeBiometrics(id *Identity, raw []byte, warnings *[]string) bool {
	return f.decodeBiometricsWith(id, raw, warnings, parseBiometrics, parseBiometric)
}

// decodeBiometricsWith is decodeBiometrics with the decoders of an array
// and of one map, which the differential tests replace with the old
// parser's.
func (f *field) decodeBiometricsWith(id *Identity, raw []byte, warnings *[]string,
	array func([]byte) ([]biometrics.Biometric, bool), one func([]byte) (biometrics.Biometric, bool)) bool {
	var out []biometrics.Biometric
	single, ok := false, false
	switch cborscan.MajorType(raw) {
	case cborscan.MajorArray:
		out, ok = array(raw)
	case cborscan.MajorMap:
		var b biometrics.Biometric
		b, ok = one(raw)
		out, single = []biometrics.Biometric{b}, true
	}
	if ok {
		f.setBiometrics(id, out, single, warnings)
	}
	return ok
}

// setBiometrics stores out, the decoded entries, in field f of id. single
// says that they came as a single map rather than an array.
func (f *field) setBiometrics(id *Identity, out []biometrics.Biometric, single bool, warnings *[]string) {
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
}

// parseBiometrics decodes raw, an array of Biometrics maps. ok is false
// when an entry is not a valid Biometrics map.
func parseBiometrics(raw []byte) (out []biometrics.Biometric, ok bool) {
	it, ok := cborscan.NewIter(raw)
	if !ok {
		return nil, false
	}
	n, _ := it.Len()
	out = make([]biometrics.Biometric, 0, n)
	for e, more := it.Next(); more; e, more = it.Next() {
		b, ok := parseBiometric(e)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, !it.Malformed()
}

// parseBiometric decodes one Biometrics map. ok is false when the entry is
// not a map, has a key outside 0–3, a key twice or a value of the wrong
// type: the caller then keeps the whole field raw, and strictcbor refuses a
// repeated key there.
func parseBiometric(raw []byte) (b biometrics.Biometric, ok bool) {
	it, ok := cborscan.NewIter(raw)
	if !ok || cborscan.MajorType(raw) != cborscan.MajorMap {
		return b, false
	}
	var seen uint8 // bit k for key k, 0–3
	for key, value, more := it.NextPair(); more; key, value, more = it.NextPair() {
		k, ok := cborscan.ReadInt(key)
		if !ok || k < 0 || k > 3 || seen&(1<<k) != 0 || !setBiometric(&b, k, value) {
			return b, false
		}
		seen |= 1 << k
	}
	return b, !it.Malformed()
}

// setBiometric stores v, the value of key k of a Biometrics map, in b. It
// reports false for a key outside 0–3 or a value of the wrong type.
func setBiometric(b *biometrics.Biometric, k int64, v []byte) bool {
	switch k {
	case biometrics.KeyData:
		data, ok := cborscan.ReadBytes(v)
		b.Data = bytes.Clone(data)
		return ok
	case biometrics.KeyFormat:
		n, ok := cborscan.ReadInt(v)
		if ok {
			b.Format = biometrics.Format(n).Ptr()
		}
		return ok
	case biometrics.KeySubFormat:
		n, ok := cborscan.ReadInt(v)
		if ok {
			b.SubFormat = biometrics.SubFormat(n).Ptr()
		}
		return ok
	case biometrics.KeyIssuer:
		s, ok := cborscan.ReadText(v)
		if ok {
			b.Issuer = &s
		}
		return ok
	}
	return false
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
