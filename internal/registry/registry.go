// Package registry names the values of the registries of the Claim 169
// specification (genders, marital statuses, photo formats, biometric
// formats and sub-formats): a registry is a table of consecutive values
// and their names, and a value outside it is named by its number.
package registry

import "strconv"

// Names is a registry of the consecutive values from First, named in order.
type Names[T ~int64] struct {
	First T
	// Kind names a value outside the registry, before its number: "gender 7".
	Kind  string
	Names []string
}

// Name returns the registry name of v, or Kind and its number.
func (r Names[T]) Name(v T) string {
	if r.Has(v) {
		return r.Names[v-r.First]
	}
	return r.Kind + " " + strconv.FormatInt(int64(v), 10)
}

// Has reports whether v is a registered value.
func (r Names[T]) Has(v T) bool {
	return v >= r.First && int64(v-r.First) < int64(len(r.Names))
}
