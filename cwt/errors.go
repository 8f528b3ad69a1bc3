package cwt

import (
	"errors"
	"strconv"
)

// Errors for the decisions callers make. Messages never contain claim
// values, dates or payload bytes; at most they name the check that failed or
// the label of the claim at fault.
var (
	// ErrMalformed reports a claims set that is not a valid RFC 8392 CWT
	// claims set (not a CBOR map, a bad label, a registered claim of the
	// wrong type, trailing bytes, a decoding limit exceeded), a tag 61
	// wrapping nothing valid, or a [Claims] value that cannot be encoded.
	ErrMalformed = errors.New("cwt: malformed claims set")
	// ErrExpired reports a claims set whose exp claim has passed.
	ErrExpired = errors.New("cwt: token expired (exp)")
	// ErrNotYetValid reports a claims set whose nbf claim lies in the future.
	ErrNotYetValid = errors.New("cwt: token not yet valid (nbf)")
)

// ClaimError reports a registered claim whose value has the wrong CBOR type
// or is out of range. It unwraps to [ErrMalformed]. It names the claim by its
// label and never carries the value.
type ClaimError struct {
	// Label is the claim label at fault, one of KeyIssuer … KeyCWTID.
	Label int64
	// Reason is a fixed description of what is wrong, such as
	// "not a text string".
	Reason string
}

// Error implements error.
func (e *ClaimError) Error() string {
	return ErrMalformed.Error() + ": " + labelName(e.Label) +
		" (label " + strconv.FormatInt(e.Label, 10) + "): " + e.Reason
}

// Unwrap returns [ErrMalformed].
func (e *ClaimError) Unwrap() error { return ErrMalformed }

// malformed wraps ErrMalformed with a fixed reason.
type malformedError string

func (e malformedError) Error() string { return ErrMalformed.Error() + ": " + string(e) }

func (e malformedError) Unwrap() error { return ErrMalformed }
