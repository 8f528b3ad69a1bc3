package claim169

import (
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/fxamacker/cbor/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/strictcbor"
)

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

func TestIdentityJSONRoundTrip(t *testing.T) {
	id := fullIdentity()
	data, err := json.Marshal(id)
	require.NoError(t, err)
	var got Identity
	require.NoError(t, json.Unmarshal(data, &got))
	a, err := id.MarshalCBOR()
	require.NoError(t, err)
	b, err := got.MarshalCBOR()
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

func TestJSONRefusesInvalidUTF8(t *testing.T) {
	var id Identity
	require.Error(t, id.UnmarshalJSON([]byte("{\"fullName\":\"A\xff\"}")))
}

// An unknown field name is shown only when it looks like a name: a value
// put where a name belongs never reaches the error.
func TestJSONErrorsShowOnlyNames(t *testing.T) {
	var id Identity
	err := id.UnmarshalJSON([]byte(`{"fullname":"A"}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"fullname"`)
	err = id.UnmarshalJSON([]byte(`{"Janardhan BS 1984":"A"}`))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "Janardhan")
}
