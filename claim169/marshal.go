package claim169

import (
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// MarshalCBOR encodes id as a Claim 169 identity map with the core
// deterministic encoding (RFC 8949 §4.2.1): integer keys in ascending order,
// shortest forms. Set fields are written with the types of the table (gender
// as an integer, biometrics as arrays); Unknown values are written byte for
// byte. It refuses what a strict decoder would refuse, so that an issuer
// never signs a credential its verifiers cannot read: text that is not
// UTF-8, an Unknown value that is not one valid CBOR item (well-formed,
// within the limits, no duplicate keys, UTF-8 text), and an Unknown key that
// duplicates a set field.
//
// The map is written by hand, in one buffer: the table lists the fields in
// ascending key order, and the Unknown keys are merged in.
func (id *Identity) MarshalCBOR() ([]byte, error) {
	if err := id.checkEncodable(); err != nil {
		return nil, err
	}
	pairs, size := len(id.Unknown), 9 // 9: the longest map head
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		if _, dup := id.Unknown[f.key]; dup {
			return nil, fmt.Errorf("claim169: key %d (%s) is set both as a field and under unknown", f.key, f.name)
		}
		pairs++
		size += 9 + f.encodedSize(id)
	}
	var unknown []Field
	for k, raw := range id.Unknown {
		unknown = append(unknown, k)
		size += 9 + len(raw)
	}
	slices.SortFunc(unknown, keyOrder)
	out := cborscan.AppendHead(make([]byte, 0, size), cborscan.MajorMap, uint64(pairs))
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		for len(unknown) > 0 && keyOrder(unknown[0], f.key) < 0 {
			out = append(cborscan.AppendInt(out, int64(unknown[0])), id.Unknown[unknown[0]]...)
			unknown = unknown[1:]
		}
		out = f.appendValue(cborscan.AppendInt(out, int64(f.key)), id)
	}
	for _, k := range unknown {
		out = append(cborscan.AppendInt(out, int64(k)), id.Unknown[k]...)
	}
	return out, nil
}

// keyOrder orders keys as their shortest encodings sort bytewise (RFC 8949
// §4.2.1): non-negative keys first, ascending, then negative keys,
// descending (-1, -2, ...).
func keyOrder(a, b Field) int {
	switch {
	case (a < 0) != (b < 0):
		if a < 0 {
			return 1
		}
		return -1
	case a < 0:
		return cmp.Compare(b, a)
	}
	return cmp.Compare(a, b)
}

// appendValue appends the CBOR encoding of field f of id, with the type the
// table gives it: a nil byte string or array is written empty.
func (f *field) appendValue(out []byte, id *Identity) []byte {
	switch p := f.ptr(id).(type) {
	case *string:
		return cborscan.AppendText(out, *p)
	case *[]byte:
		return cborscan.AppendBytes(out, *p)
	case *[]int64:
		out = cborscan.AppendHead(out, cborscan.MajorArray, uint64(len(*p)))
		for _, n := range *p {
			out = cborscan.AppendInt(out, n)
		}
		return out
	case *[]biometrics.Biometric:
		out = cborscan.AppendHead(out, cborscan.MajorArray, uint64(len(*p)))
		for i := range *p {
			out = appendBiometric(out, &(*p)[i])
		}
		return out
	}
	return cborscan.AppendInt(out, f.getInt(id)) // Gender, MaritalStatus, PhotoFormat
}

// appendBiometric appends a Biometrics map: the keys 0–3 that are set, in
// ascending order. Data is set when not nil, even empty.
func appendBiometric(out []byte, b *biometrics.Biometric) []byte {
	n := 0
	for _, set := range [...]bool{b.Data != nil, b.Format != nil, b.SubFormat != nil, b.Issuer != nil} {
		if set {
			n++
		}
	}
	out = cborscan.AppendHead(out, cborscan.MajorMap, uint64(n))
	if b.Data != nil {
		out = cborscan.AppendBytes(cborscan.AppendInt(out, biometrics.KeyData), b.Data)
	}
	if b.Format != nil {
		out = cborscan.AppendInt(cborscan.AppendInt(out, biometrics.KeyFormat), int64(*b.Format))
	}
	if b.SubFormat != nil {
		out = cborscan.AppendInt(cborscan.AppendInt(out, biometrics.KeySubFormat), int64(*b.SubFormat))
	}
	if b.Issuer != nil {
		out = cborscan.AppendText(cborscan.AppendInt(out, biometrics.KeyIssuer), *b.Issuer)
	}
	return out
}

// encodedSize returns a bound on the size of the encoding of field f of id.
func (f *field) encodedSize(id *Identity) int {
	switch p := f.ptr(id).(type) {
	case *string:
		return 9 + len(*p)
	case *[]byte:
		return 9 + len(*p)
	case *[]int64:
		return 9 + 9*len(*p)
	case *[]biometrics.Biometric:
		n := 9
		for _, b := range *p {
			n += 1 + 1 + 9 + len(b.Data) + 2*(1+9) + 1 + 9
			if b.Issuer != nil {
				n += len(*b.Issuer)
			}
		}
		return n
	}
	return 9
}

// encode returns the CBOR encoding of field f of id.
func (f *field) encode(id *Identity) (cbor.RawMessage, error) {
	return f.appendValue(make([]byte, 0, f.encodedSize(id)), id), nil
}

func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// checkEncodable refuses the values a strict decoder would refuse.
func (id *Identity) checkEncodable() error {
	for k, raw := range id.Unknown {
		if err := strictcbor.Check(raw); err != nil {
			return fmt.Errorf("claim169: unknown key %d does not hold one valid CBOR item: %s", k, strictcbor.Reason(err))
		}
	}
	for i := range fields {
		f := &fields[i]
		switch p := f.ptr(id).(type) {
		case *string:
			if !utf8.ValidString(*p) {
				return fmt.Errorf("claim169: key %d (%s) is not valid UTF-8", f.key, f.name)
			}
		case *[]biometrics.Biometric:
			for _, b := range *p {
				if b.Issuer != nil && !utf8.ValidString(*b.Issuer) {
					return fmt.Errorf("claim169: key %d (%s) has an issuer that is not valid UTF-8", f.key, f.name)
				}
			}
		}
	}
	return nil
}
