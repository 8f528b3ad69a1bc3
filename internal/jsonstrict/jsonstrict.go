package jsonstrict

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// errTrailing reports data after the JSON value.
var errTrailing = errors.New("trailing data")

// Unmarshal decodes data into v like json.Unmarshal, refusing unknown
// object fields and anything after the value.
func Unmarshal(data []byte, v any) error {
	if !holdsStruct(reflect.TypeOf(v), 0) {
		// No object fields to refuse, and json.Unmarshal refuses what
		// follows the value too, without a Decoder's copy of data.
		return json.Unmarshal(data, v)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errTrailing
	}
	return nil
}

// holdsStruct reports whether a value of type t may hold a struct, whose
// unknown fields Unmarshal refuses: t is a struct, or a pointer, slice,
// array or map of one. A type nested deeper than 16 levels counts as one.
func holdsStruct(t reflect.Type, depth int) bool {
	if t == nil || depth > 16 {
		return t != nil
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return holdsStruct(t.Elem(), depth+1)
	case reflect.Map:
		return holdsStruct(t.Key(), depth+1) || holdsStruct(t.Elem(), depth+1)
	}
	return false
}

// Reason describes an error of Unmarshal without input values: the offset
// of a syntax error, the field and the expected JSON type of a type
// mismatch (never a Go type name), or
// an unknown field, named only when ShowName would show it.
func Reason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at offset %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q: expected %s", typ.Field, Describe(typ.Type))
	}
	// encoding/json's unknown-field error quotes the field's name, which is
	// shown only when it looks like a name.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name, _ = strconv.Unquote(name)
		return "unknown field" + ShowName(name)
	}
	return "invalid JSON"
}

// ShowName returns ` ("name")` for a name that looks like a field name
// (lowerCamelCase ASCII: a lower-case letter, then letters, digits or
// underscores, at most 40 bytes) and "" for anything else, so that a value
// put where a name belongs never reaches an error message.
func ShowName(name string) string {
	if name == "" || len(name) > 40 || name[0] < 'a' || name[0] > 'z' {
		return ""
	}
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return ""
		}
	}
	return fmt.Sprintf(" (%q)", name)
}

// Describe names the JSON a Go type takes, for error messages: "a string",
// "an integer", "a number", "true or false", "standard base64 text" (a
// byte slice), "an array", "an object"; never the Go type's name.
func Describe(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return Describe(t.Elem())
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "standard base64 text"
		}
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "another value"
}
