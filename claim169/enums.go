package claim169

import "github.com/idqr/claim169/internal/registry"

// Gender is the value of key 9 (§"Demographic data"). The zero value means
// "not given"; values outside the registry are kept as numbers.
type Gender int64

// Genders registered by the specification.
const (
	GenderMale   Gender = 1
	GenderFemale Gender = 2
	GenderOther  Gender = 3
)

var genders = registry.Names[Gender]{First: GenderMale, Kind: "gender",
	Names: []string{"male", "female", "other"}}

// String returns the registry name of g, or its number.
func (g Gender) String() string { return genders.Name(g) }

// Registered reports whether g is a value the specification defines.
func (g Gender) Registered() bool { return genders.Has(g) }

// MaritalStatus is the value of key 14 (§"Demographic data"). The zero value
// means "not given".
type MaritalStatus int64

// Marital statuses registered by the specification.
const (
	MaritalUnmarried MaritalStatus = 1
	MaritalMarried   MaritalStatus = 2
	MaritalDivorced  MaritalStatus = 3
)

var maritalStatuses = registry.Names[MaritalStatus]{First: MaritalUnmarried, Kind: "marital status",
	Names: []string{"unmarried", "married", "divorced"}}

// String returns the registry name of m, or its number.
func (m MaritalStatus) String() string { return maritalStatuses.Name(m) }

// Registered reports whether m is a value the specification defines.
func (m MaritalStatus) Registered() bool { return maritalStatuses.Has(m) }

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

var photoFormats = registry.Names[PhotoFormat]{First: PhotoJPEG, Kind: "photo format",
	Names: []string{"JPEG", "JPEG 2000", "AVIF", "WEBP"}}

// String returns the registry name of f, or its number.
func (f PhotoFormat) String() string { return photoFormats.Name(f) }

// Registered reports whether f is a value the specification defines.
func (f PhotoFormat) Registered() bool { return photoFormats.Has(f) }
