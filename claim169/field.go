package claim169

// Field labels a field of the Claim 169 identity map: its integer key in the
// CBOR map (MOSIP "169 - QR Code Specifications" v1.2.0, §"CBOR data map").
// Labels 24–49, 66–74 and 75–99 are unassigned: a closed ecosystem may use
// them, and this package keeps them in [Identity.Unknown].
type Field int64

// Demographic keys (§"Demographic data").
const (
	FieldID                Field = 1  // tstr: unique ID of the PII data
	FieldVersion           Field = 2  // tstr: version of the ID data
	FieldLanguage          Field = 3  // tstr: ISO 639-3 language code
	FieldFullName          Field = 4  // tstr
	FieldFirstName         Field = 5  // tstr
	FieldMiddleName        Field = 6  // tstr
	FieldLastName          Field = 7  // tstr
	FieldDateOfBirth       Field = 8  // tstr: YYYYMMDD (YYYY-MM-DD seen in the wild)
	FieldGender            Field = 9  // int: see [Gender]
	FieldAddress           Field = 10 // tstr: lines separated by "\n"
	FieldEmail             Field = 11 // tstr
	FieldPhone             Field = 12 // tstr: E.123 international notation
	FieldNationality       Field = 13 // tstr: ISO 3166-1 alpha-2 or alpha-3
	FieldMaritalStatus     Field = 14 // int: see [MaritalStatus]
	FieldGuardian          Field = 15 // tstr
	FieldPhoto             Field = 16 // bstr: the person's photograph
	FieldPhotoFormat       Field = 17 // int: see [PhotoFormat]
	FieldBestQualityFinger Field = 18 // [int]: finger positions 0–10
	FieldSecondaryFullName Field = 19 // tstr (v1.2)
	FieldSecondaryLanguage Field = 20 // tstr: ISO 639-3 (v1.2)
	FieldLocationCode      Field = 21 // tstr (v1.2)
	FieldLegalStatus       Field = 22 // tstr (v1.2)
	FieldCountryOfIssuance Field = 23 // tstr (v1.2)
)

// Biometric keys (§"Biometrics data"); each holds an array of Biometrics
// entries.
const (
	FieldRightThumb         Field = 50
	FieldRightPointerFinger Field = 51
	FieldRightMiddleFinger  Field = 52
	FieldRightRingFinger    Field = 53
	FieldRightLittleFinger  Field = 54
	FieldLeftThumb          Field = 55
	FieldLeftPointerFinger  Field = 56
	FieldLeftMiddleFinger   Field = 57
	FieldLeftRingFinger     Field = 58
	FieldLeftLittleFinger   Field = 59
	FieldRightIris          Field = 60
	FieldLeftIris           Field = 61
	FieldFace               Field = 62
	FieldRightPalm          Field = 63
	FieldLeftPalm           Field = 64
	FieldVoice              Field = 65
)

// Assigned reports whether k is a key the specification assigns (1–23,
// 50–65).
func (k Field) Assigned() bool {
	return (k >= FieldID && k <= FieldCountryOfIssuance) || (k >= FieldRightThumb && k <= FieldVoice)
}
