package claim169

import "github.com/idqr/claim169/biometrics"

// kind is the CBOR type the specification gives a field.
type kind uint8

const (
	kindText       kind = iota // tstr
	kindInt                    // int (gender, marital status, photo format)
	kindBytes                  // bstr
	kindInts                   // [int]
	kindBiometrics             // [Biometrics]
)

func (k kind) String() string {
	return [...]string{"a text string", "an integer", "a byte string", "an array of integers", "an array of Biometrics maps"}[k]
}

// field describes one assigned key: its JSON name, its kind and where it
// lives in an Identity. ptr returns a pointer to the Go field: *string,
// *Gender, *MaritalStatus, *PhotoFormat, *[]byte, *[]int64 or
// *[]biometrics.Biometric.
type field struct {
	key  Key
	name string
	kind kind
	ptr  func(*Identity) any
}

// fields lists the assigned keys in table order, which is also the order of
// the JSON output.
var fields = [...]field{
	{KeyID, "id", kindText, func(i *Identity) any { return &i.ID }},
	{KeyVersion, "version", kindText, func(i *Identity) any { return &i.Version }},
	{KeyLanguage, "language", kindText, func(i *Identity) any { return &i.Language }},
	{KeyFullName, "fullName", kindText, func(i *Identity) any { return &i.FullName }},
	{KeyFirstName, "firstName", kindText, func(i *Identity) any { return &i.FirstName }},
	{KeyMiddleName, "middleName", kindText, func(i *Identity) any { return &i.MiddleName }},
	{KeyLastName, "lastName", kindText, func(i *Identity) any { return &i.LastName }},
	{KeyDateOfBirth, "dateOfBirth", kindText, func(i *Identity) any { return &i.DateOfBirth }},
	{KeyGender, "gender", kindInt, func(i *Identity) any { return &i.Gender }},
	{KeyAddress, "address", kindText, func(i *Identity) any { return &i.Address }},
	{KeyEmail, "email", kindText, func(i *Identity) any { return &i.Email }},
	{KeyPhone, "phone", kindText, func(i *Identity) any { return &i.Phone }},
	{KeyNationality, "nationality", kindText, func(i *Identity) any { return &i.Nationality }},
	{KeyMaritalStatus, "maritalStatus", kindInt, func(i *Identity) any { return &i.MaritalStatus }},
	{KeyGuardian, "guardian", kindText, func(i *Identity) any { return &i.Guardian }},
	{KeyPhoto, "photo", kindBytes, func(i *Identity) any { return &i.Photo }},
	{KeyPhotoFormat, "photoFormat", kindInt, func(i *Identity) any { return &i.PhotoFormat }},
	{KeyBestQualityFinger, "bestQualityFingers", kindInts, func(i *Identity) any { return &i.BestQualityFingers }},
	{KeySecondaryFullName, "secondaryFullName", kindText, func(i *Identity) any { return &i.SecondaryFullName }},
	{KeySecondaryLanguage, "secondaryLanguage", kindText, func(i *Identity) any { return &i.SecondaryLanguage }},
	{KeyLocationCode, "locationCode", kindText, func(i *Identity) any { return &i.LocationCode }},
	{KeyLegalStatus, "legalStatus", kindText, func(i *Identity) any { return &i.LegalStatus }},
	{KeyCountryOfIssuance, "countryOfIssuance", kindText, func(i *Identity) any { return &i.CountryOfIssuance }},
	{KeyRightThumb, "rightThumb", kindBiometrics, func(i *Identity) any { return &i.RightThumb }},
	{KeyRightPointerFinger, "rightPointerFinger", kindBiometrics, func(i *Identity) any { return &i.RightPointerFinger }},
	{KeyRightMiddleFinger, "rightMiddleFinger", kindBiometrics, func(i *Identity) any { return &i.RightMiddleFinger }},
	{KeyRightRingFinger, "rightRingFinger", kindBiometrics, func(i *Identity) any { return &i.RightRingFinger }},
	{KeyRightLittleFinger, "rightLittleFinger", kindBiometrics, func(i *Identity) any { return &i.RightLittleFinger }},
	{KeyLeftThumb, "leftThumb", kindBiometrics, func(i *Identity) any { return &i.LeftThumb }},
	{KeyLeftPointerFinger, "leftPointerFinger", kindBiometrics, func(i *Identity) any { return &i.LeftPointerFinger }},
	{KeyLeftMiddleFinger, "leftMiddleFinger", kindBiometrics, func(i *Identity) any { return &i.LeftMiddleFinger }},
	{KeyLeftRingFinger, "leftRingFinger", kindBiometrics, func(i *Identity) any { return &i.LeftRingFinger }},
	{KeyLeftLittleFinger, "leftLittleFinger", kindBiometrics, func(i *Identity) any { return &i.LeftLittleFinger }},
	{KeyRightIris, "rightIris", kindBiometrics, func(i *Identity) any { return &i.RightIris }},
	{KeyLeftIris, "leftIris", kindBiometrics, func(i *Identity) any { return &i.LeftIris }},
	{KeyFace, "face", kindBiometrics, func(i *Identity) any { return &i.Face }},
	{KeyRightPalm, "rightPalm", kindBiometrics, func(i *Identity) any { return &i.RightPalm }},
	{KeyLeftPalm, "leftPalm", kindBiometrics, func(i *Identity) any { return &i.LeftPalm }},
	{KeyVoice, "voice", kindBiometrics, func(i *Identity) any { return &i.Voice }},
}

// fieldIndex maps a key (< 66) to its index in fields plus one; 0 means
// unassigned.
var fieldIndex = func() (idx [KeyVoice + 1]uint8) {
	for i, f := range fields {
		idx[f.key] = uint8(i + 1)
	}
	return idx
}()

// lookupField returns the description of assigned key k, or nil.
func lookupField(k Key) *field {
	if k < 0 || k > KeyVoice || fieldIndex[k] == 0 {
		return nil
	}
	return &fields[fieldIndex[k]-1]
}

// fieldByName returns the description of the field with JSON name name, or
// nil.
func fieldByName(name string) *field {
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

// isZero reports whether the field holds its zero value in id.
func (f *field) isZero(id *Identity) bool {
	switch p := f.ptr(id).(type) {
	case *string:
		return *p == ""
	case *Gender:
		return *p == 0
	case *MaritalStatus:
		return *p == 0
	case *PhotoFormat:
		return *p == 0
	case *[]byte:
		return *p == nil
	case *[]int64:
		return *p == nil
	case *[]biometrics.Biometric:
		return *p == nil
	}
	panic("claim169: field table has an unexpected Go type") // programmer error
}

// zero sets the field to its zero value in id.
func (f *field) zero(id *Identity) {
	switch p := f.ptr(id).(type) {
	case *string:
		*p = ""
	case *Gender:
		*p = 0
	case *MaritalStatus:
		*p = 0
	case *PhotoFormat:
		*p = 0
	case *[]byte:
		*p = nil
	case *[]int64:
		*p = nil
	case *[]biometrics.Biometric:
		*p = nil
	}
}

// setInt stores an integer into an int-kind field.
func (f *field) setInt(id *Identity, v int64) {
	switch p := f.ptr(id).(type) {
	case *Gender:
		*p = Gender(v)
	case *MaritalStatus:
		*p = MaritalStatus(v)
	case *PhotoFormat:
		*p = PhotoFormat(v)
	}
}

// getInt reads an int-kind field.
func (f *field) getInt(id *Identity) int64 {
	switch p := f.ptr(id).(type) {
	case *Gender:
		return int64(*p)
	case *MaritalStatus:
		return int64(*p)
	case *PhotoFormat:
		return int64(*p)
	}
	return 0
}
