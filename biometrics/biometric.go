package biometrics

// Keys of the Biometrics map (Claim 169 §"Biometrics").
const (
	KeyData      = 0 // bstr: the biometric data
	KeyFormat    = 1 // int: data format, see [Format]
	KeySubFormat = 2 // int: data sub-format, see [SubFormat]
	KeyIssuer    = 3 // tstr: the issuer of the biometric data
)

// Biometric is one Biometrics entry. The specification makes every key
// optional, and zero values are meaningful (format 0 is Image, sub-format 0
// is PNG), so absence is nil: a nil Data, Format, SubFormat or Issuer is not
// written, while an empty one is.
type Biometric struct {
	Data      []byte     `json:"data,omitzero"`
	Format    *Format    `json:"format,omitempty"`
	SubFormat *SubFormat `json:"subFormat,omitempty"`
	Issuer    *string    `json:"issuer,omitempty"`
}
