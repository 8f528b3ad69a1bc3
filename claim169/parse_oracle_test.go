package claim169

import (
	"fmt"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// oracleParseIdentity is the generic identity parser that ParseIdentity
// replaced, kept only as the oracle of the differential tests. It decides in
// a different way: strictcbor.Unmarshal decodes the whole map first (well-
// formed, within the limits, no duplicate keys at any depth, UTF-8 text,
// valid tag contents), and only then are the items walked as received with
// cborscan.Items. It shares with ParseIdentity the leaf decoders of one
// scalar or one biometric pair, the handling of a single Biometrics map
// (decodeBiometricsWith, given the oracle's decoders), and the warnings.
func oracleParseIdentity(data []byte) (*Identity, []string, error) {
	if cborscan.MajorType(data) != cborscan.MajorMap {
		return nil, nil, fmt.Errorf("%w: identity is not a CBOR map", ErrMalformed)
	}
	var v any
	if err := strictcbor.Unmarshal(data, &v); err != nil {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map: %s", ErrMalformed, strictcbor.Reason(err))
	}
	items, ok := cborscan.Items(data)
	if !ok {
		return nil, nil, fmt.Errorf("%w: identity is not a valid CBOR map", ErrMalformed)
	}
	p := identityParser{id: new(Identity)}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := oracleIntItem(items[i])
		if !ok {
			return nil, nil, fmt.Errorf("%w: identity keys must be integers", ErrMalformed)
		}
		if err := p.oracleAdd(Field(k), items[i+1]); err != nil {
			return nil, nil, err
		}
	}
	return p.finish()
}

// oracleIntItem returns raw as an integer within int64 when raw is exactly
// one untagged integer.
func oracleIntItem(raw []byte) (int64, bool) {
	h, ok := cborscan.ReadHead(raw)
	if !ok || (h.Major != cborscan.MajorUint && h.Major != cborscan.MajorNegInt) || h.Len != len(raw) {
		return 0, false
	}
	return h.Int()
}

// oracleAdd decodes raw, the value of key k, into its field, or keeps it
// raw in Unknown as ParseIdentity does.
func (p *identityParser) oracleAdd(k Field, raw []byte) error {
	f := lookupField(k)
	var fw []string
	decoded := f != nil && f.oracleDecode(p.id, raw, &fw)
	return p.record(k, f, raw, decoded, fw)
}

// oracleDecode stores raw into field f of id and reports whether raw's type
// agrees with the table.
func (f *field) oracleDecode(id *Identity, raw []byte, warnings *[]string) bool {
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
			*f.ptr(id).(*[]byte) = append([]byte{}, b...)
		}
		return ok
	case kindInt:
		return f.decodeInt(id, raw, warnings)
	case kindInts:
		return f.oracleFingers(id, raw, warnings)
	case kindBiometrics:
		return f.decodeBiometricsWith(id, raw, warnings, oracleBiometricsArray, oracleBiometric)
	}
	return false
}

func (f *field) oracleFingers(id *Identity, raw []byte, warnings *[]string) bool {
	if cborscan.MajorType(raw) != cborscan.MajorArray {
		return false
	}
	items, ok := cborscan.Items(raw)
	if !ok {
		return false
	}
	v := make([]int64, len(items))
	for i, item := range items {
		if v[i], ok = oracleIntItem(item); !ok {
			return false
		}
	}
	f.setFingers(id, v, warnings)
	return true
}

// oracleBiometricsArray decodes an array of Biometrics maps.
func oracleBiometricsArray(raw []byte) (out []biometrics.Biometric, ok bool) {
	entries, ok := cborscan.Items(raw)
	if !ok {
		return nil, false
	}
	out = make([]biometrics.Biometric, 0, len(entries))
	for _, e := range entries {
		b, ok := oracleBiometric(e)
		if !ok {
			return nil, false
		}
		out = append(out, b)
	}
	return out, true
}

// oracleBiometric decodes one Biometrics map; strictcbor has refused
// duplicate keys already.
func oracleBiometric(raw []byte) (b biometrics.Biometric, ok bool) {
	if cborscan.MajorType(raw) != cborscan.MajorMap {
		return b, false
	}
	items, ok := cborscan.Items(raw)
	if !ok {
		return b, false
	}
	for i := 0; i+1 < len(items); i += 2 {
		k, ok := oracleIntItem(items[i])
		if !ok || !setBiometric(&b, k, items[i+1]) {
			return b, false
		}
	}
	return b, true
}
