package biometrics

// Keys of the Biometrics map (Claim 169 §"Biometrics").
const (
	KeyData      = 0 // bstr: the biometric data
	KeyFormat    = 1 // int: data format, see [Format]
	KeySubFormat = 2 // int: data sub-format, see [SubFormat]
	KeyIssuer    = 3 // tstr: the issuer of the biometric data
)

// Biometric is one Biometrics entry. Format and SubFormat are pointers
// because the specification makes every key optional and 0 is a meaningful
// value of both (Image, PNG).
type Biometric struct {
	Data      []byte     `json:"data,omitempty"`
	Format    *Format    `json:"format,omitempty"`
	SubFormat *SubFormat `json:"subFormat,omitempty"`
	Issuer    string     `json:"issuer,omitempty"`
}
