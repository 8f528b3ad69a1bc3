// Package jsonstrict is the strict JSON reading shared by the identity's
// JSON form (package claim169) and the record formats (claim169/record):
// [Unmarshal] refuses unknown object fields and trailing data, so that a
// typo cannot silently drop data, and [Reason] and [ShowName] describe a
// refusal without echoing input values, which may be identity data.
package jsonstrict
