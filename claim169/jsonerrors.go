package claim169

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/jsonstrict"
)

// fieldError describes why the JSON of identity field f was refused,
// naming what the field takes (the registry codes of an enumeration,
// base64 for bytes, the members of a Biometrics object), never the value
// given nor a Go type.
func fieldError(f *field, err error) error {
	var b64 base64.CorruptInputError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &b64) && f.kind == kindBiometrics:
		return fmt.Errorf(`claim169: identity field %q: "data" is not standard base64 (RFC 4648 §4, with padding): invalid at offset %d`, f.name, int64(b64))
	case errors.As(err, &b64):
		return fmt.Errorf("claim169: identity field %q: not standard base64 (RFC 4648 §4, with padding): invalid at offset %d", f.name, int64(b64))
	case f.kind == kindBiometrics && errors.As(err, &typ) && typ.Field != "":
		return fmt.Errorf("claim169: identity field %q: %s", f.name, jsonstrict.Reason(err))
	case f.kind == kindBiometrics && !errors.As(err, &typ) && jsonstrict.Reason(err) != "invalid JSON":
		return fmt.Errorf("claim169: identity field %q: %s (a biometric entry has \"data\", \"format\", \"subFormat\" and \"issuer\")", f.name, jsonstrict.Reason(err))
	}
	return fmt.Errorf("claim169: identity field %q: expected %s", f.name, f.jsonKind())
}

// jsonKind describes what the JSON form of f takes.
func (f *field) jsonKind() string {
	switch f.key {
	case FieldGender:
		return "an integer code: 1 (male), 2 (female) or 3 (other)"
	case FieldMaritalStatus:
		return "an integer code: 1 (unmarried), 2 (married) or 3 (divorced)"
	case FieldPhotoFormat:
		return "an integer code: 1 (JPEG), 2 (JPEG 2000), 3 (AVIF) or 4 (WEBP)"
	}
	return [...]string{
		kindText:       "a string",
		kindInt:        "an integer",
		kindBytes:      "standard base64 text",
		kindInts:       "an array of integers",
		kindBiometrics: `an array of biometric objects {"data", "format", "subFormat", "issuer"}`,
	}[f.kind]
}
