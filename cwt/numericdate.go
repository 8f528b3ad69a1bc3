package cwt

import (
	"math"
	"time"

	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
)

// NumericDate is a CWT date (RFC 8392 §2, RFC 7519 §2): whole seconds since
// 1970-01-01T00:00:00Z, ignoring leap seconds. Negative values are dates
// before the epoch. It is written to CBOR as an integer (never tag 1, never a
// float) and to JSON as a plain integer.
//
// On input [Parse] also accepts a finite floating-point value, floored to
// whole seconds (toward negative infinity, so -0.5 becomes -1), and a value
// wrapped in tag 1 (epoch-based date, which RFC 8392 says MUST be omitted);
// both are reported as warnings.
type NumericDate int64

// NewNumericDate returns the NumericDate of t, truncated to whole seconds,
// as a pointer ready for the date fields of [Claims].
func NewNumericDate(t time.Time) *NumericDate {
	d := NumericDate(t.Unix())
	return &d
}

// Time returns d as a UTC time. Dates beyond the range of [time.Time]
// (about ±292 billion years) wrap; [Claims.Validate] compares seconds and
// does not depend on this conversion.
func (d NumericDate) Time() time.Time { return time.Unix(int64(d), 0).UTC() }

// String formats d as an RFC 3339 time in UTC, such as
// "2026-01-01T00:00:00Z". Validity dates are not identity data: errors and
// warnings may show them.
func (d NumericDate) String() string { return d.Time().Format(time.RFC3339) }

// epochTag is the CBOR tag of an epoch-based date (RFC 8949 §3.4.2).
const epochTag = 1

// Bounds of int64 as float64: -2^63 is exact, 2^63 is the first value out of
// range.
const (
	minInt64Float = -9223372036854775808.0
	maxInt64Float = 9223372036854775808.0
)

// parseNumericDate decodes the NumericDate claim at label from raw, a
// single well-formed CBOR item, appending warnings for tolerated forms.
func parseNumericDate(label int64, raw []byte, warnings *[]string) (NumericDate, error) {
	if number, content, ok := cborscan.ReadTag(raw); ok {
		if number != epochTag {
			return 0, &ClaimError{Label: label, Reason: "tagged with a tag other than 1"}
		}
		*warnings = append(*warnings, "cwt: "+labelName(label)+" is wrapped in tag 1; the tag is dropped")
		raw = content
	}
	switch major := cborscan.MajorType(raw); {
	case major == cborscan.MajorUint || major == cborscan.MajorNegInt:
		v, ok := cborscan.ReadInt(raw)
		if !ok {
			return 0, &ClaimError{Label: label, Reason: "integer out of int64 range"}
		}
		return NumericDate(v), nil
	case major == cborscan.MajorSimple && (raw[0] == cborscan.Float16 || raw[0] == cborscan.Float32 || raw[0] == cborscan.Float64):
		return floatDate(label, raw, warnings)
	default:
		return 0, &ClaimError{Label: label, Reason: "not a NumericDate"}
	}
}

// floatDate decodes a floating-point NumericDate, floored to whole seconds.
func floatDate(label int64, raw []byte, warnings *[]string) (NumericDate, error) {
	var f float64
	if err := strictcbor.Unmarshal(raw, &f); err != nil {
		return 0, &ClaimError{Label: label, Reason: "not a NumericDate"}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &ClaimError{Label: label, Reason: "floating-point value is not finite"}
	}
	f = math.Floor(f)
	if f < minInt64Float || f >= maxInt64Float {
		return 0, &ClaimError{Label: label, Reason: "floating-point value out of int64 range"}
	}
	*warnings = append(*warnings, "cwt: "+labelName(label)+" is a floating-point NumericDate; fractional seconds dropped")
	return NumericDate(f), nil
}
