package claim169

import "strconv"

// Gender is the value of key 9 (§"Demographic data"). The zero value means
// "not given"; values outside the registry are kept as numbers.
type Gender int64

// Genders registered by the specification.
const (
	GenderMale   Gender = 1
	GenderFemale Gender = 2
	GenderOther  Gender = 3
)

// String returns the registry name of g, or its number.
func (g Gender) String() string {
	switch g {
	case GenderMale:
		return "male"
	case GenderFemale:
		return "female"
	case GenderOther:
		return "other"
	}
	return "gender " + strconv.FormatInt(int64(g), 10)
}

// Registered reports whether g is a value the specification defines.
func (g Gender) Registered() bool { return g >= GenderMale && g <= GenderOther }

// MaritalStatus is the value of key 14 (§"Demographic data"). The zero value
// means "not given".
type MaritalStatus int64

// Marital statuses registered by the specification.
const (
	MaritalUnmarried MaritalStatus = 1
	MaritalMarried   MaritalStatus = 2
	MaritalDivorced  MaritalStatus = 3
)

// String returns the registry name of m, or its number.
func (m MaritalStatus) String() string {
	switch m {
	case MaritalUnmarried:
		return "unmarried"
	case MaritalMarried:
		return "married"
	case MaritalDivorced:
		return "divorced"
	}
	return "marital status " + strconv.FormatInt(int64(m), 10)
}

// Registered reports whether m is a value the specification defines.
func (m MaritalStatus) Registered() bool { return m >= MaritalUnmarried && m <= MaritalDivorced }

// PhotoFormat is the value of key 17, the format of the photograph at key 16
// (§"Demographic data"). Its numbering differs from the Biometrics image
// sub-formats. The zero value means "not given".
type PhotoFormat int64

// Photo formats registered by the specification.
const (
	PhotoJPEG     PhotoFormat = 1
	PhotoJPEG2000 PhotoFormat = 2
	PhotoAVIF     PhotoFormat = 3
	PhotoWEBP     PhotoFormat = 4
)

// String returns the registry name of f, or its number.
func (f PhotoFormat) String() string {
	switch f {
	case PhotoJPEG:
		return "JPEG"
	case PhotoJPEG2000:
		return "JPEG 2000"
	case PhotoAVIF:
		return "AVIF"
	case PhotoWEBP:
		return "WEBP"
	}
	return "photo format " + strconv.FormatInt(int64(f), 10)
}

// Registered reports whether f is a value the specification defines.
func (f PhotoFormat) Registered() bool { return f >= PhotoJPEG && f <= PhotoWEBP }
