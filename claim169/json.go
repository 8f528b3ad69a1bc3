package claim169

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// MarshalJSON writes id as a JSON object with a member per present field,
// in key order, named as its Go field in lowerCamelCase (id, fullName,
// dateOfBirth, gender, photo, bestQualityFingers, rightThumb, face, …).
// Text is a JSON string; gender, maritalStatus and photoFormat are
// integers; photo is standard base64; bestQualityFingers is an array of
// integers; each biometric field is an array of Biometrics objects in
// biometrics.Biometric's JSON form. Keys the table does not assign appear
// under "unknown", an object keyed by the decimal key, each value converted
// from CBOR to JSON (byte strings as base64 text, tags dropped) while their
// items total at most [MaxUnknownJSONItems]; a value past that bound is
// written as the placeholder {"cborOmitted": {"items": n, "bytes": n}}.
func (id *Identity) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	member := func(name string, b []byte) {
		if !first {
			buf.WriteByte(',')
		}
		first = false
		buf.WriteString(strconv.Quote(name))
		buf.WriteByte(':')
		buf.Write(b)
	}
	put := func(name string, v any) error {
		b, err := json.Marshal(v)
		if err == nil {
			member(name, b)
		}
		return err
	}
	for i := range fields {
		f := &fields[i]
		if !id.Has(f.key) {
			continue
		}
		var v any = f.ptr(id)
		switch p := v.(type) {
		case *[]byte:
			v = nonNilBytes(*p)
		case *[]int64:
			if *p == nil {
				v = []int64{}
			}
		case *[]biometrics.Biometric:
			if *p == nil {
				v = []biometrics.Biometric{}
			}
		}
		if err := put(f.name, v); err != nil {
			return nil, fmt.Errorf("claim169: cannot write key %d (%s) as JSON", f.key, f.name)
		}
	}
	if len(id.Unknown) > 0 {
		// Written as it is, compact and escaped: json.Marshal would scan
		// it once more.
		u, err := unknownToJSON(id.Unknown)
		if err != nil {
			return nil, err
		}
		member("unknown", u)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads id from the JSON form written by MarshalJSON. It is
// strict so that a typo cannot silently drop data: an unknown field name, a
// value of the wrong JSON type (gender as text, a fractional integer) or an
// unknown biometric field is an error. A field given as null is absent; a
// field given with a zero value (an empty string) is present. The
// placeholder of an unknown value that MarshalJSON did not show is an error:
// the value is not in the JSON.
func (id *Identity) UnmarshalJSON(data []byte) error {
	// encoding/json would replace invalid UTF-8 with U+FFFD without a word.
	if !utf8.Valid(data) {
		return fmt.Errorf("claim169: identity JSON is not valid UTF-8")
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return fmt.Errorf("claim169: identity JSON is not an object")
	}
	*id = Identity{}
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	sort.Strings(names) // report the first problem deterministically
	for _, name := range names {
		raw := obj[name]
		if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			continue
		}
		if name == "unknown" {
			u, err := unknownFromJSON(raw)
			if err != nil {
				return err
			}
			id.Unknown = u
			continue
		}
		f := fieldByName(name)
		if f == nil {
			// The name is shown only when it looks like one: a value put
			// where a name belongs must not reach an error message.
			return fmt.Errorf("claim169: unknown identity field%s", jsonstrict.ShowName(name))
		}
		if err := jsonstrict.Unmarshal(raw, f.ptr(id)); err != nil {
			return fieldError(f, err)
		}
		id.present.add(f.key)
	}
	for k := range id.Unknown {
		if f := lookupField(k); f != nil && id.Has(k) {
			return fmt.Errorf("claim169: key %d is given both as %q and under unknown", k, f.name)
		}
	}
	return nil
}
