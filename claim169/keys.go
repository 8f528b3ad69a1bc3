package claim169

// Key is a key of the Claim 169 identity map (MOSIP "169 - QR Code
// Specifications" v1.2.0, §"CBOR data map"). Keys 24–49, 66–74 and 75–99 are
// unassigned: a closed ecosystem may use them, and this package keeps them in
// [Identity.Unknown].
type Key int64

// Demographic keys (§"Demographic data").
const (
	KeyID                Key = 1  // tstr: unique ID of the PII data
	KeyVersion           Key = 2  // tstr: version of the ID data
	KeyLanguage          Key = 3  // tstr: ISO 639-3 language code
	KeyFullName          Key = 4  // tstr
	KeyFirstName         Key = 5  // tstr
	KeyMiddleName        Key = 6  // tstr
	KeyLastName          Key = 7  // tstr
	KeyDateOfBirth       Key = 8  // tstr: YYYYMMDD (YYYY-MM-DD seen in the wild)
	KeyGender            Key = 9  // int: see [Gender]
	KeyAddress           Key = 10 // tstr: lines separated by "\n"
	KeyEmail             Key = 11 // tstr
	KeyPhone             Key = 12 // tstr: E.123 international notation
	KeyNationality       Key = 13 // tstr: ISO 3166-1 alpha-2 or alpha-3
	KeyMaritalStatus     Key = 14 // int: see [MaritalStatus]
	KeyGuardian          Key = 15 // tstr
	KeyPhoto             Key = 16 // bstr: the person's photograph
	KeyPhotoFormat       Key = 17 // int: see [PhotoFormat]
	KeyBestQualityFinger Key = 18 // [int]: finger positions 0–10
	KeySecondaryFullName Key = 19 // tstr (v1.2)
	KeySecondaryLanguage Key = 20 // tstr: ISO 639-3 (v1.2)
	KeyLocationCode      Key = 21 // tstr (v1.2)
	KeyLegalStatus       Key = 22 // tstr (v1.2)
	KeyCountryOfIssuance Key = 23 // tstr (v1.2)
)

// Biometric keys (§"Biometrics data"); each holds an array of Biometrics
// entries.
const (
	KeyRightThumb         Key = 50
	KeyRightPointerFinger Key = 51
	KeyRightMiddleFinger  Key = 52
	KeyRightRingFinger    Key = 53
	KeyRightLittleFinger  Key = 54
	KeyLeftThumb          Key = 55
	KeyLeftPointerFinger  Key = 56
	KeyLeftMiddleFinger   Key = 57
	KeyLeftRingFinger     Key = 58
	KeyLeftLittleFinger   Key = 59
	KeyRightIris          Key = 60
	KeyLeftIris           Key = 61
	KeyFace               Key = 62
	KeyRightPalm          Key = 63
	KeyLeftPalm           Key = 64
	KeyVoice              Key = 65
)

// Assigned reports whether k is a key the specification assigns (1–23,
// 50–65).
func (k Key) Assigned() bool {
	return (k >= KeyID && k <= KeyCountryOfIssuance) || (k >= KeyRightThumb && k <= KeyVoice)
}
