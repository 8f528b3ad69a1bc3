package claim169test

import (
	"errors"

	"github.com/idqr/claim169/claim169"
)

// errorNames are the stable names of the facade's sentinels, in the order
// ErrorName tries them: the decision classes first, so that an unknown key
// is named "verification_failed" like any other failed verification.
var errorNames = []struct {
	name string
	err  error
}{
	{"malformed", claim169.ErrMalformed},
	{"too_large", claim169.ErrTooLarge},
	{"verification_failed", claim169.ErrVerification},
	{"expired", claim169.ErrExpired},
	{"not_yet_valid", claim169.ErrNotYetValid},
	{"decryption_failed", claim169.ErrDecryption},
	{"revoked", claim169.ErrRevoked},
	{"unknown_key", claim169.ErrUnknownKey},
}

// ErrorName returns the stable name of the decision err stands for, as the
// vectors and the conformance pack write it: "malformed", "too_large",
// "verification_failed" (an unknown key included), "expired",
// "not_yet_valid", "decryption_failed" or "revoked". It is "" for nil and
// for an error that matches none of the facade's sentinels.
func ErrorName(err error) string {
	if err == nil {
		return ""
	}
	for _, n := range errorNames {
		if errors.Is(err, n.err) {
			return n.name
		}
	}
	return ""
}

// ErrorByName returns the facade's sentinel of a stable name: those
// ErrorName returns, and "unknown_key" for [claim169.ErrUnknownKey]. It
// returns nil for any other name. An adapter that maps a service's error
// codes back to sentinels can use it when the service uses these names.
func ErrorByName(name string) error {
	for _, n := range errorNames {
		if n.name == name {
			return n.err
		}
	}
	return nil
}
