package claim169

import (
	"fmt"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/strictcbor"
)

// MarshalCBOR encodes id as a Claim 169 identity map with the core
// deterministic encoding (RFC 8949 §4.2.1): integer keys in ascending order,
// shortest forms. Set fields are written with the types of the table (gender
// as an integer, biometrics as arrays); Unknown values are written byte for
// byte. An Unknown key that duplicates a set field, or an Unknown value that
// is not one well-formed CBOR item, is an error.
func (id *Identity) MarshalCBOR() ([]byte, error) {
	m := make(map[Key]cbor.RawMessage, len(id.Unknown)+8)
	for k, raw := range id.Unknown {
		if err := strictcbor.Valid(raw); err != nil {
			return nil, fmt.Errorf("claim169: unknown key %d does not hold one well-formed CBOR item", k)
		}
		m[k] = raw
	}
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		if _, dup := id.Unknown[f.key]; dup {
			return nil, fmt.Errorf("claim169: key %d (%s) is set both as a field and under unknown", f.key, f.name)
		}
		raw, err := f.encode(id)
		if err != nil {
			return nil, err
		}
		m[f.key] = raw
	}
	return strictcbor.Marshal(m)
}

// encode returns the CBOR encoding of field f of id.
func (f *field) encode(id *Identity) (cbor.RawMessage, error) {
	var v any
	switch p := f.ptr(id).(type) {
	case *[]biometrics.Biometric:
		v = biometricMaps(*p)
	case *[]byte:
		v = nonNilBytes(*p)
	case *[]int64:
		if *p == nil {
			v = []int64{}
		} else {
			v = *p
		}
	default:
		if f.kind == kindInt {
			v = f.getInt(id)
		} else {
			v = p
		}
	}
	raw, err := strictcbor.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("claim169: cannot encode key %d (%s)", f.key, f.name)
	}
	return raw, nil
}

// biometricMap is the CBOR form of a Biometrics entry.
type biometricMap struct {
	Data      *[]byte               `cbor:"0,keyasint,omitempty"`
	Format    *biometrics.Format    `cbor:"1,keyasint,omitempty"`
	SubFormat *biometrics.SubFormat `cbor:"2,keyasint,omitempty"`
	Issuer    *string               `cbor:"3,keyasint,omitempty"`
}

func biometricMaps(bs []biometrics.Biometric) []biometricMap {
	out := make([]biometricMap, len(bs))
	for i := range bs {
		b := &bs[i]
		if b.Data != nil {
			out[i].Data = &b.Data
		}
		out[i].Format, out[i].SubFormat, out[i].Issuer = b.Format, b.SubFormat, b.Issuer
	}
	return out
}

func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
