package claim169

import (
	"errors"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
)

// decodeBiometrics decodes a biometric field: an array of Biometrics maps
// or, as the specification's own example writes the face, a single map,
// which is normalised to an array with a warning. plain is as for
// identityParser.add.
func (f *field) decodeBiometrics(id *Identity, raw []byte, warnings *[]string, plain bool) (bool, error) {
	var out []biometrics.Biometric
	single, ok := false, false
	var err error
	switch majorType(raw) {
	case majorArray:
		out, ok, err = parseBiometrics(raw, plain)
	case majorMap:
		var b biometrics.Biometric
		b, ok, err = parseBiometric(raw, plain)
		out, single = []biometrics.Biometric{b}, true
	}
	if !ok || err != nil {
		return false, err
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
	return true, nil
}

// parseBiometrics decodes raw, an array of Biometrics maps. ok is false
// when an entry is not a valid Biometrics map.
func parseBiometrics(raw []byte, plain bool) (out []biometrics.Biometric, ok bool, err error) {
	var entries [][]byte
	if plain {
		entries = plainElements(raw)
	} else if entries, ok = cborscan.Items(raw); !ok {
		return nil, false, nil
	}
	out = make([]biometrics.Biometric, 0, len(entries))
	for _, e := range entries {
		b, ok, err := parseBiometric(e, plain)
		if !ok || err != nil {
			return nil, false, err
		}
		out = append(out, b)
	}
	return out, true, nil
}

// parseBiometric decodes one Biometrics map. ok is false when the entry is
// not a map, has a key outside 0–3 or a value of the wrong type: the caller
// then keeps the whole field raw.
func parseBiometric(raw []byte, plain bool) (b biometrics.Biometric, ok bool, err error) {
	if majorType(raw) != majorMap {
		return b, false, nil
	}
	if plain {
		ok = true
		err = eachPlainPair(raw, func(k int64, v []byte) error {
			if !setBiometric(&b, k, v) {
				ok = false
				return errStop
			}
			return nil
		})
		if errors.Is(err, errStop) {
			err = nil
		}
		return b, ok && err == nil, err
	}
	// The whole identity has been checked by strictcbor (duplicate keys
	// included); walking the items as received keeps tags visible.
	items, ok := cborscan.Items(raw)
	if !ok {
		return b, false, nil
	}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := intItem(items[i])
		if !ok || !setBiometric(&b, k, items[i+1]) {
			return b, false, nil
		}
	}
	return b, true, nil
}

// setBiometric stores v, the value of key k of a Biometrics map, in b. It
// reports false for a key outside 0–3 or a value of the wrong type.
func setBiometric(b *biometrics.Biometric, k int64, v []byte) bool {
	switch k {
	case biometrics.KeyData:
		data, ok := readBytes(v)
		b.Data = data
		return ok
	case biometrics.KeyFormat:
		n, ok := readInt(v)
		if ok {
			b.Format = biometrics.Format(n).Ptr()
		}
		return ok
	case biometrics.KeySubFormat:
		n, ok := readInt(v)
		if ok {
			b.SubFormat = biometrics.SubFormat(n).Ptr()
		}
		return ok
	case biometrics.KeyIssuer:
		s, ok := readText(v)
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
