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
	key  Field
	name string
	kind kind
	ptr  func(*Identity) any
}

// fields lists the assigned keys in table order, which is also the order of
// the JSON output.
var fields = [...]field{
	{FieldID, "id", kindText, func(i *Identity) any { return &i.ID }},
	{FieldVersion, "version", kindText, func(i *Identity) any { return &i.Version }},
	{FieldLanguage, "language", kindText, func(i *Identity) any { return &i.Language }},
	{FieldFullName, "fullName", kindText, func(i *Identity) any { return &i.FullName }},
	{FieldFirstName, "firstName", kindText, func(i *Identity) any { return &i.FirstName }},
	{FieldMiddleName, "middleName", kindText, func(i *Identity) any { return &i.MiddleName }},
	{FieldLastName, "lastName", kindText, func(i *Identity) any { return &i.LastName }},
	{FieldDateOfBirth, "dateOfBirth", kindText, func(i *Identity) any { return &i.DateOfBirth }},
	{FieldGender, "gender", kindInt, func(i *Identity) any { return &i.Gender }},
	{FieldAddress, "address", kindText, func(i *Identity) any { return &i.Address }},
	{FieldEmail, "email", kindText, func(i *Identity) any { return &i.Email }},
	{FieldPhone, "phone", kindText, func(i *Identity) any { return &i.Phone }},
	{FieldNationality, "nationality", kindText, func(i *Identity) any { return &i.Nationality }},
	{FieldMaritalStatus, "maritalStatus", kindInt, func(i *Identity) any { return &i.MaritalStatus }},
	{FieldGuardian, "guardian", kindText, func(i *Identity) any { return &i.Guardian }},
	{FieldPhoto, "photo", kindBytes, func(i *Identity) any { return &i.Photo }},
	{FieldPhotoFormat, "photoFormat", kindInt, func(i *Identity) any { return &i.PhotoFormat }},
	{FieldBestQualityFinger, "bestQualityFingers", kindInts, func(i *Identity) any { return &i.BestQualityFingers }},
	{FieldSecondaryFullName, "secondaryFullName", kindText, func(i *Identity) any { return &i.SecondaryFullName }},
	{FieldSecondaryLanguage, "secondaryLanguage", kindText, func(i *Identity) any { return &i.SecondaryLanguage }},
	{FieldLocationCode, "locationCode", kindText, func(i *Identity) any { return &i.LocationCode }},
	{FieldLegalStatus, "legalStatus", kindText, func(i *Identity) any { return &i.LegalStatus }},
	{FieldCountryOfIssuance, "countryOfIssuance", kindText, func(i *Identity) any { return &i.CountryOfIssuance }},
	{FieldRightThumb, "rightThumb", kindBiometrics, func(i *Identity) any { return &i.RightThumb }},
	{FieldRightPointerFinger, "rightPointerFinger", kindBiometrics, func(i *Identity) any { return &i.RightPointerFinger }},
	{FieldRightMiddleFinger, "rightMiddleFinger", kindBiometrics, func(i *Identity) any { return &i.RightMiddleFinger }},
	{FieldRightRingFinger, "rightRingFinger", kindBiometrics, func(i *Identity) any { return &i.RightRingFinger }},
	{FieldRightLittleFinger, "rightLittleFinger", kindBiometrics, func(i *Identity) any { return &i.RightLittleFinger }},
	{FieldLeftThumb, "leftThumb", kindBiometrics, func(i *Identity) any { return &i.LeftThumb }},
	{FieldLeftPointerFinger, "leftPointerFinger", kindBiometrics, func(i *Identity) any { return &i.LeftPointerFinger }},
	{FieldLeftMiddleFinger, "leftMiddleFinger", kindBiometrics, func(i *Identity) any { return &i.LeftMiddleFinger }},
	{FieldLeftRingFinger, "leftRingFinger", kindBiometrics, func(i *Identity) any { return &i.LeftRingFinger }},
	{FieldLeftLittleFinger, "leftLittleFinger", kindBiometrics, func(i *Identity) any { return &i.LeftLittleFinger }},
	{FieldRightIris, "rightIris", kindBiometrics, func(i *Identity) any { return &i.RightIris }},
	{FieldLeftIris, "leftIris", kindBiometrics, func(i *Identity) any { return &i.LeftIris }},
	{FieldFace, "face", kindBiometrics, func(i *Identity) any { return &i.Face }},
	{FieldRightPalm, "rightPalm", kindBiometrics, func(i *Identity) any { return &i.RightPalm }},
	{FieldLeftPalm, "leftPalm", kindBiometrics, func(i *Identity) any { return &i.LeftPalm }},
	{FieldVoice, "voice", kindBiometrics, func(i *Identity) any { return &i.Voice }},
}

// fieldIndex maps a key (< 66) to its index in fields plus one; 0 means
// unassigned.
var fieldIndex = func() (idx [FieldVoice + 1]uint8) {
	for i, f := range fields {
		idx[f.key] = uint8(i + 1)
	}
	return idx
}()

// lookupField returns the description of assigned key k, or nil.
func lookupField(k Field) *field {
	if k < 0 || k > FieldVoice || fieldIndex[k] == 0 {
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
