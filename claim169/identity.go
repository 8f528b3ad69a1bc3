package claim169

import (
	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
)

// Identity is the Claim 169 identity map: every field of the specification's
// table (v1.2.0), plus the keys it does not assign, kept raw.
//
// Every field is optional. A field is written when it is non-zero, or when it
// was present in the decoded credential or the JSON input even with a zero
// value (an empty string, gender 0): decoding and re-encoding loses nothing.
// [Identity.Has] reports presence, [Identity.SetPresent] marks a zero value
// as present and [Identity.Clear] removes a field.
//
// Its JSON form, written by [Identity.MarshalJSON] and read by
// [Identity.UnmarshalJSON], names each field as its Go field in
// lowerCamelCase (id, fullName, …) and keeps unassigned keys under
// "unknown".
type Identity struct {
	ID                 string                 // key 1
	Version            string                 // key 2
	Language           string                 // key 3, ISO 639-3
	FullName           string                 // key 4
	FirstName          string                 // key 5
	MiddleName         string                 // key 6
	LastName           string                 // key 7
	DateOfBirth        string                 // key 8, verbatim: YYYYMMDD or YYYY-MM-DD
	Gender             Gender                 // key 9
	Address            string                 // key 10
	Email              string                 // key 11
	Phone              string                 // key 12
	Nationality        string                 // key 13
	MaritalStatus      MaritalStatus          // key 14
	Guardian           string                 // key 15
	Photo              []byte                 // key 16
	PhotoFormat        PhotoFormat            // key 17
	BestQualityFingers []int64                // key 18, each 0–10
	SecondaryFullName  string                 // key 19
	SecondaryLanguage  string                 // key 20
	LocationCode       string                 // key 21
	LegalStatus        string                 // key 22
	CountryOfIssuance  string                 // key 23
	RightThumb         []biometrics.Biometric // key 50
	RightPointerFinger []biometrics.Biometric // key 51
	RightMiddleFinger  []biometrics.Biometric // key 52
	RightRingFinger    []biometrics.Biometric // key 53
	RightLittleFinger  []biometrics.Biometric // key 54
	LeftThumb          []biometrics.Biometric // key 55
	LeftPointerFinger  []biometrics.Biometric // key 56
	LeftMiddleFinger   []biometrics.Biometric // key 57
	LeftRingFinger     []biometrics.Biometric // key 58
	LeftLittleFinger   []biometrics.Biometric // key 59
	RightIris          []biometrics.Biometric // key 60
	LeftIris           []biometrics.Biometric // key 61
	Face               []biometrics.Biometric // key 62
	RightPalm          []biometrics.Biometric // key 63
	LeftPalm           []biometrics.Biometric // key 64
	Voice              []biometrics.Biometric // key 65

	// Unknown holds, as raw CBOR written back byte for byte, the keys the
	// specification does not assign and any assigned key whose value has a
	// type that contradicts the table (decoding reports those in warnings).
	Unknown map[Field]cbor.RawMessage

	present keySet // fields present with a zero value
}

// keySet is a set of the keys 0–127.
type keySet [2]uint64

func (s *keySet) add(k Field) {
	if k >= 0 && k < 128 {
		s[k/64] |= 1 << (k % 64)
	}
}

func (s *keySet) remove(k Field) {
	if k >= 0 && k < 128 {
		s[k/64] &^= 1 << (k % 64)
	}
}

func (s keySet) has(k Field) bool {
	return k >= 0 && k < 128 && s[k/64]&(1<<(k%64)) != 0
}

// Has reports whether field k is set: non-zero, or marked present. For a key
// the table does not assign it reports whether Unknown holds k.
func (id *Identity) Has(k Field) bool {
	f := lookupField(k)
	if f == nil {
		_, ok := id.Unknown[k]
		return ok
	}
	return id.present.has(k) || !f.isZero(id)
}

// SetPresent marks the assigned field k as present even when its value is
// zero, so that it is encoded (an empty string, gender 0). It does nothing
// for keys the table does not assign.
func (id *Identity) SetPresent(k Field) {
	if lookupField(k) != nil {
		id.present.add(k)
	}
}

// Clear removes field k: the typed field is zeroed and unmarked, and k is
// deleted from Unknown.
func (id *Identity) Clear(k Field) {
	if f := lookupField(k); f != nil {
		f.zero(id)
		id.present.remove(k)
	}
	delete(id.Unknown, k)
}

// Biometrics returns the biometric entries held at key k (50–65), or nil.
func (id *Identity) Biometrics(k Field) []biometrics.Biometric {
	f := lookupField(k)
	if f == nil || f.kind != kindBiometrics {
		return nil
	}
	return *f.ptr(id).(*[]biometrics.Biometric)
}
