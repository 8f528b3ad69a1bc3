package strictcbor

import (
	"errors"
	"io"

	"github.com/fxamacker/cbor/v2"
)

// ErrTooManyItems is the error an [*Error] wraps for a message of more than
// [MaxItems] data items.
var ErrTooManyItems = errors.New("cbor: too many data items")

// Error is the error Unmarshal and Valid return. Its message names only the
// class of the problem: the messages of the underlying CBOR library can quote
// decoded values (a duplicate key, an overflowing integer, the text of a bad
// date), which may be identity data. The library's error stays reachable
// through errors.As, or [ErrTooManyItems] through errors.Is.
type Error struct {
	Reason string // a fixed description, such as "duplicate map key"
	err    error
}

func (e *Error) Error() string { return "cbor: " + e.Reason }

// Unwrap returns the CBOR library's error.
func (e *Error) Unwrap() error { return e.err }

// sanitize wraps a CBOR library error in an *Error with a value-free reason.
func sanitize(err error) error {
	if err == nil {
		return nil
	}
	return &Error{Reason: reason(err), err: err}
}

// Reason returns a fixed description of a CBOR decoding error that never
// quotes the input: the Reason of an [*Error], the class of an error of the
// CBOR library, and "invalid CBOR" for anything else. It is the one place
// where a package of this module turns a CBOR error into text.
func Reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return reason(err)
}

// reason classifies an error of the CBOR library.
func reason(err error) string {
	// The library returns its error types unwrapped; a type switch keeps
	// the reject path free of allocations.
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		return "truncated CBOR"
	case ErrTooManyItems:
		return "too many data items"
	}
	switch err.(type) {
	case *cbor.DupMapKeyError:
		return "duplicate map key"
	case *cbor.ExtraneousDataError:
		return "data after the CBOR item"
	case *cbor.MaxNestedLevelError:
		return "nesting too deep"
	case *cbor.MaxArrayElementsError:
		return "array too long"
	case *cbor.MaxMapPairsError:
		return "map too large"
	case *cbor.SyntaxError:
		return "malformed CBOR"
	case *cbor.SemanticError:
		return "invalid CBOR (such as text that is not UTF-8)"
	case *cbor.UnmarshalTypeError:
		return "unexpected CBOR type"
	case *cbor.IndefiniteLengthError:
		return "indefinite length not allowed"
	case *cbor.TagsMdError:
		return "tags not allowed"
	case *cbor.InvalidMapKeyTypeError:
		return "invalid map key type"
	}
	return "invalid CBOR"
}
