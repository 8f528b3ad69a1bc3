package claim169

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/strictcbor"
)

// genericMarshal is MarshalCBOR as it was before it wrote the map by hand:
// strictcbor encodes every field and the map. It is the oracle of the hand
// encoding.
func genericMarshal(id *Identity) ([]byte, error) {
	m := make(map[Field]cbor.RawMessage, len(id.Unknown)+8)
	for k, raw := range id.Unknown {
		if err := strictcbor.Valid(raw); err != nil {
			return nil, fmt.Errorf("unknown key %d", k)
		}
		m[k] = raw
	}
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		if _, dup := id.Unknown[f.key]; dup {
			return nil, fmt.Errorf("key %d twice", f.key)
		}
		var v any
		switch p := f.ptr(id).(type) {
		case *[]biometrics.Biometric:
			v = genericBiometrics(*p)
		case *[]byte:
			v = nonNilSlice(*p)
		case *[]int64:
			v = nonNilSlice(*p)
		default:
			if f.kind == kindInt {
				v = f.getInt(id)
			} else {
				v = p
			}
		}
		raw, err := strictcbor.Marshal(v)
		if err != nil {
			return nil, err
		}
		m[f.key] = raw
	}
	return strictcbor.Marshal(m)
}

type genericBiometric struct {
	Data      *[]byte               `cbor:"0,keyasint,omitempty"`
	Format    *biometrics.Format    `cbor:"1,keyasint,omitempty"`
	SubFormat *biometrics.SubFormat `cbor:"2,keyasint,omitempty"`
	Issuer    *string               `cbor:"3,keyasint,omitempty"`
}

func genericBiometrics(bs []biometrics.Biometric) []genericBiometric {
	out := make([]genericBiometric, len(bs))
	for i := range bs {
		if bs[i].Data != nil {
			out[i].Data = &bs[i].Data
		}
		out[i].Format, out[i].SubFormat, out[i].Issuer = bs[i].Format, bs[i].SubFormat, bs[i].Issuer
	}
	return out
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func TestMarshalMatchesGeneric(t *testing.T) {
	issuer := "VendorA"
	tests := []struct {
		name string
		id   *Identity
	}{
		{"empty", &Identity{}},
		{"full", fullIdentity()},
		{"zero values present", func() *Identity {
			id := &Identity{}
			for _, k := range []Field{FieldFullName, FieldGender, FieldPhoto, FieldBestQualityFinger, FieldFace} {
				id.SetPresent(k)
			}
			return id
		}()},
		{"biometric entries in every shape", &Identity{LeftIris: []biometrics.Biometric{
			{}, {Data: []byte{}}, {Issuer: &issuer}, {Format: biometrics.Format(-1).Ptr(), SubFormat: biometrics.SubFormat(1 << 40).Ptr()},
		}}},
		{"unknown keys around the fields", &Identity{FullName: "A", Voice: []biometrics.Biometric{{Data: []byte{1}}}, Unknown: map[Field]cbor.RawMessage{
			0: {0x01}, 24: {0x02}, 49: {0x03}, 66: {0x04}, 255: {0x05}, 256: {0x06}, 1 << 40: {0x07},
			-1: {0x08}, -24: {0x09}, -25: {0x0a}, -1 << 63: {0x0b}, 1<<63 - 1: {0x0c},
		}}},
		{"unknown key of an unset field", &Identity{Unknown: map[Field]cbor.RawMessage{FieldGender: {0x61, 0x31}}}},
		{"long strings", &Identity{Address: string(make([]byte, 300)), Photo: make([]byte, 70000)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := genericMarshal(tt.id)
			require.NoError(t, err)
			got, err := tt.id.MarshalCBOR()
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestMarshalRejects(t *testing.T) {
	tests := []struct {
		name string
		id   *Identity
	}{
		{"unknown value not well-formed", &Identity{Unknown: map[Field]cbor.RawMessage{99: {0x82, 0x01}}}},
		{"unknown value with trailing bytes", &Identity{Unknown: map[Field]cbor.RawMessage{99: {0x01, 0x02}}}},
		{"empty unknown value", &Identity{Unknown: map[Field]cbor.RawMessage{99: {}}}},
		{"unknown key of a set field", &Identity{FullName: "A", Unknown: map[Field]cbor.RawMessage{FieldFullName: {0x01}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, werr := genericMarshal(tt.id)
			require.Error(t, werr)
			out, err := tt.id.MarshalCBOR()
			assert.Error(t, err)
			assert.Nil(t, out)
		})
	}
}

// TestMarshalRandomMatchesGeneric compares both encoders on random
// identities with random unknown keys.
func TestMarshalRandomMatchesGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		id := randomIdentity(r)
		want, err := genericMarshal(id)
		require.NoError(t, err)
		got, err := id.MarshalCBOR()
		require.NoError(t, err)
		require.Equal(t, want, got, "identity %d", i)
	}
}

func randomIdentity(r *rand.Rand) *Identity {
	id := &Identity{Unknown: map[Field]cbor.RawMessage{}}
	for _, f := range fields {
		if r.IntN(3) == 0 {
			continue
		}
		switch p := f.ptr(id).(type) {
		case *string:
			*p = string(make([]byte, r.IntN(30)))
		case *[]byte:
			*p = make([]byte, r.IntN(300))
		case *[]int64:
			*p = []int64{r.Int64() - r.Int64(), int64(r.IntN(11))}
		case *[]biometrics.Biometric:
			*p = []biometrics.Biometric{{Data: make([]byte, r.IntN(40)), Format: biometrics.Format(r.IntN(5)).Ptr()}}
		default:
			f.setInt(id, r.Int64()-r.Int64())
		}
		if r.IntN(5) == 0 {
			f.zero(id)
			id.SetPresent(f.key)
		}
	}
	for range r.IntN(5) {
		k := Field(r.Int64() >> r.IntN(64))
		if r.IntN(2) == 0 {
			k = -k
		}
		if lookupField(k) == nil {
			id.Unknown[k] = cbor.RawMessage{0xf5}
		}
	}
	return id
}
