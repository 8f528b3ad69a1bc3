package record

import (
	"bytes"
	"encoding/json"
	"errors"
)

// Marshal returns the JSON of v as the claim169 command prints it, [Output]
// and every other answer: indented by two spaces, without encoding/json's
// HTML escaping, ending with a newline. When a value's MarshalJSON method
// fails (an identity that cannot be written), the error is that method's
// own, which names the member and not its value.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		var me *json.MarshalerError
		if errors.As(err, &me) {
			err = me.Err
		}
		return nil, err
	}
	return b.Bytes(), nil
}
