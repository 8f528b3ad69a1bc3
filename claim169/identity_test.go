package claim169

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/strictcbor"
)

// The identity as its Claim 169 CBOR map: written by MarshalCBOR (checked
// against the generic encoding it replaced) and read by ParseIdentity.

func fullIdentity() *Identity {
	issuer := "MOSIP"
	return &Identity{
		ID: "3918592438", Version: "1.0", Language: "eng", FullName: "Janardhan BS",
		FirstName: "Janardhan", MiddleName: "B", LastName: "S", DateOfBirth: "19840418",
		Gender: GenderMale, Address: "New House\nNear Metro Line\nBengaluru, KA",
		Email: "janardhan@example.com", Phone: "+91 98765 43210", Nationality: "IN",
		MaritalStatus: MaritalMarried, Guardian: "Guardian-001",
		Photo: []byte{0xff, 0xd8, 0xff, 0xe0, 1, 2, 3}, PhotoFormat: PhotoJPEG,
		BestQualityFingers: []int64{1, 2, 6},
		SecondaryFullName:  "جاناردان بنغالور سرينيفاس", SecondaryLanguage: "ara",
		LocationCode: "849VCWC8+R9", LegalStatus: "Refugee", CountryOfIssuance: "IN",
		RightThumb: []biometrics.Biometric{{Data: []byte("FIR\x00"), Format: biometrics.FormatTemplate.Ptr(), SubFormat: biometrics.TemplateISO19794_2.Ptr(), Issuer: &issuer}},
		Face:       []biometrics.Biometric{{Data: []byte{0xff, 0xd8, 0xff}, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
		Voice:      []biometrics.Biometric{{Data: []byte("RIFF"), Format: biometrics.FormatSound.Ptr(), SubFormat: biometrics.SoundWAV.Ptr()}},
		Unknown:    map[Field]cbor.RawMessage{30: mustCBORNoT("closed ecosystem"), 99: {0xf5}},
	}
}

func mustCBORNoT(v any) cbor.RawMessage {
	b, err := strictcbor.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func TestIdentityCBORRoundTrip(t *testing.T) {
	id := fullIdentity()
	data, err := id.MarshalCBOR()
	require.NoError(t, err)

	got, warnings, err := ParseIdentity(data)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	again, err := got.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, data, again, "canonical input re-encodes to the same bytes")
	assert.Equal(t, id.FullName, got.FullName)
	assert.Equal(t, id.SecondaryFullName, got.SecondaryFullName)
	assert.Equal(t, id.RightThumb, got.RightThumb)
	assert.Equal(t, id.Unknown, got.Unknown)
	for _, f := range fields {
		assert.Equal(t, f.ptr(id), f.ptr(got), f.name)
	}
}

func TestIdentityWritesTableTypes(t *testing.T) {
	id := &Identity{FullName: "A", Gender: GenderFemale, Face: []biometrics.Biometric{{Data: []byte{1}}}}
	data, err := id.MarshalCBOR()
	require.NoError(t, err)
	var m map[int64]any
	require.NoError(t, strictcbor.Unmarshal(data, &m))
	assert.Equal(t, "A", m[4])
	assert.Equal(t, int64(2), m[9], "gender is an integer")
	face, ok := m[62].([]any)
	require.True(t, ok, "biometrics are an array")
	assert.Len(t, face, 1)
}

func TestParseIdentityDeviations(t *testing.T) {
	face := map[int64]any{0: []byte{0x52, 0x49, 0x46, 0x46}, 1: 0, 2: 4}
	tests := []struct {
		name     string
		in       map[int64]any
		check    func(t *testing.T, id *Identity)
		warnings int
	}{
		{"gender as numeric text", map[int64]any{9: "1"}, func(t *testing.T, id *Identity) {
			assert.Equal(t, GenderMale, id.Gender)
			assert.Empty(t, id.Unknown)
		}, 1},
		{"marital status as numeric text", map[int64]any{14: "2"}, func(t *testing.T, id *Identity) {
			assert.Equal(t, MaritalMarried, id.MaritalStatus)
		}, 1},
		{"face as a single map", map[int64]any{62: face}, func(t *testing.T, id *Identity) {
			require.Len(t, id.Face, 1)
			assert.Equal(t, biometrics.ImageWEBP, *id.Face[0].SubFormat)
		}, 1},
		{"date of birth verbatim", map[int64]any{8: "1984-04-18"}, func(t *testing.T, id *Identity) {
			assert.Equal(t, "1984-04-18", id.DateOfBirth)
		}, 0},
		{"gender outside the registry", map[int64]any{9: 7}, func(t *testing.T, id *Identity) {
			assert.Equal(t, Gender(7), id.Gender)
		}, 1},
		{"finger position outside 0-10", map[int64]any{18: []int64{1, 11}}, func(t *testing.T, id *Identity) {
			assert.Equal(t, []int64{1, 11}, id.BestQualityFingers)
		}, 1},
		{"empty string kept", map[int64]any{4: ""}, func(t *testing.T, id *Identity) {
			assert.True(t, id.Has(FieldFullName))
		}, 0},
		{"gender zero kept", map[int64]any{9: 0}, func(t *testing.T, id *Identity) {
			assert.True(t, id.Has(FieldGender))
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, warnings, err := ParseIdentity(mustCBOR(t, tt.in))
			require.NoError(t, err)
			tt.check(t, id)
			assert.Len(t, warnings, tt.warnings, "%q", warnings)
		})
	}
}

func TestParseIdentityKeepsMistypedValues(t *testing.T) {
	tests := []struct {
		name string
		key  Field
		val  any
	}{
		{"full name as integer", FieldFullName, 42},
		{"gender as float", FieldGender, 1.5},
		{"gender as non-numeric text", FieldGender, "male"},
		{"photo format as text", FieldPhotoFormat, "1"},
		{"photo as text", FieldPhoto, "/9j/4AAQ"},
		{"fingers as a map", FieldBestQualityFinger, map[int64]int64{1: 1}},
		{"fingers with text", FieldBestQualityFinger, []any{1, "2"}},
		{"face as text", FieldFace, "face"},
		{"face entry with an extra key", FieldFace, []any{map[int64]any{0: []byte{1}, 7: 1}}},
		{"face entry with text data", FieldFace, []any{map[int64]any{0: "abc"}}},
		{"face entry not a map", FieldFace, []any{1}},
		{"date of birth as integer", FieldDateOfBirth, 19840418},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := mustCBOR(t, tt.val)
			data := mustCBOR(t, map[int64]any{int64(tt.key): cbor.RawMessage(raw), 1: "X"})
			id, warnings, err := ParseIdentity(data)
			require.NoError(t, err)
			assert.Equal(t, cbor.RawMessage(raw), id.Unknown[tt.key], "kept byte for byte")
			require.Len(t, warnings, 1)
			assert.Contains(t, warnings[0], "kept under unknown")
			again, err := id.MarshalCBOR()
			require.NoError(t, err)
			assert.Equal(t, data, again, "written back unchanged")
		})
	}
}

func TestParseIdentityRejects(t *testing.T) {
	tests := []struct {
		name string
		hex  string
	}{
		{"not a map", "8101"},
		{"text key", "a1616101"},
		{"duplicate key", "a2046161046162"},
		{"trailing bytes", "a1046141ff"},
		{"invalid utf-8", "a10462c328"},
		{"empty input", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := hex.DecodeString(tt.hex)
			id, warnings, err := ParseIdentity(data)
			require.ErrorIs(t, err, ErrMalformed)
			assert.Nil(t, id)
			assert.Nil(t, warnings)
		})
	}
}

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

// TestMarshalMatchesGeneric checks that the hand encoding writes what the
// generic one writes and refuses what it refuses.
func TestMarshalMatchesGeneric(t *testing.T) {
	issuer := "VendorA"
	tests := []struct {
		name    string
		id      *Identity
		refused bool
	}{
		{name: "empty", id: &Identity{}},
		{name: "full", id: fullIdentity()},
		{name: "zero values present", id: func() *Identity {
			id := &Identity{}
			for _, k := range []Field{FieldFullName, FieldGender, FieldPhoto, FieldBestQualityFinger, FieldFace} {
				id.SetPresent(k)
			}
			return id
		}()},
		{name: "biometric entries in every shape", id: &Identity{LeftIris: []biometrics.Biometric{
			{}, {Data: []byte{}}, {Issuer: &issuer}, {Format: biometrics.Format(-1).Ptr(), SubFormat: biometrics.SubFormat(1 << 40).Ptr()},
		}}},
		{name: "unknown keys around the fields", id: &Identity{FullName: "A", Voice: []biometrics.Biometric{{Data: []byte{1}}}, Unknown: map[Field]cbor.RawMessage{
			0: {0x01}, 24: {0x02}, 49: {0x03}, 66: {0x04}, 255: {0x05}, 256: {0x06}, 1 << 40: {0x07},
			-1: {0x08}, -24: {0x09}, -25: {0x0a}, -1 << 63: {0x0b}, 1<<63 - 1: {0x0c},
		}}},
		{name: "unknown key of an unset field", id: &Identity{Unknown: map[Field]cbor.RawMessage{FieldGender: {0x61, 0x31}}}},
		{name: "long strings", id: &Identity{Address: string(make([]byte, 300)), Photo: make([]byte, 70000)}},
		{name: "unknown value not well-formed", id: &Identity{Unknown: map[Field]cbor.RawMessage{99: {0x82, 0x01}}}, refused: true},
		{name: "unknown value with trailing bytes", id: &Identity{Unknown: map[Field]cbor.RawMessage{99: {0x01, 0x02}}}, refused: true},
		{name: "empty unknown value", id: &Identity{Unknown: map[Field]cbor.RawMessage{99: {}}}, refused: true},
		{name: "unknown key of a set field", id: &Identity{FullName: "A", Unknown: map[Field]cbor.RawMessage{FieldFullName: {0x01}}}, refused: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, werr := genericMarshal(tt.id)
			got, err := tt.id.MarshalCBOR()
			if tt.refused {
				require.Error(t, werr)
				assert.Error(t, err)
				assert.Nil(t, got)
				return
			}
			require.NoError(t, werr)
			require.NoError(t, err)
			assert.Equal(t, want, got)
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
