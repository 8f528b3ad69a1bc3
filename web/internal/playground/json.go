package playground

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/internal/jsonstrict"
)

// Stages of the errors the playground makes itself, beside the SDK's: its
// options, the keys and images it reads, and its output.
const (
	stageUsage  claim169.Stage = "usage"  // options out of range (exit 1)
	stageKey    claim169.Stage = "key"    // a key that cannot be read (exit 2)
	stageJWKS   claim169.Stage = "jwks"   // a JWK set that cannot be read (exit 2)
	stageImage  claim169.Stage = "image"  // an image without a readable code (exit 2)
	stagePhoto  claim169.Stage = "photo"  // a face picture that cannot be fitted (exit 2)
	stageQR     claim169.Stage = "qr"     // text that cannot be drawn as a code (exit 2)
	stageOutput claim169.Stage = "output" // an identity that cannot be written as JSON (exit 2)
)

// usageErr is an error in the options of a call: exit code 1, as the
// command's usage errors.
func usageErr(format string, args ...any) error {
	return &claim169.Error{Stage: stageUsage, Err: fmt.Errorf(format, args...)}
}

// inputErr is input the playground read itself that it cannot use: exit
// code 2, as the command's malformed input.
func inputErr(stage claim169.Stage, err error) error {
	return &claim169.Error{Stage: stage, Kind: claim169.ErrMalformed, Err: err}
}

// failed is the JSON of a failed operation.
type failed struct {
	// Verification is set when decoding reached the signature stage.
	Verification claim169.Verification `json:"verification,omitempty"`
	Error        *record.Failure       `json:"error"`
}

// failure returns the JSON of err.
func failure(err error) []byte {
	return failureWith(err, "")
}

// failureWith returns the JSON of err with the verification decoding reached.
func failureWith(err error, v claim169.Verification) []byte {
	data, _ := marshal(failed{Verification: v, Error: record.FailureOf(err)}) // plain strings and numbers
	return data
}

// result returns the JSON of v as the command prints it, or the JSON of the
// error that prevents it (an identity value that cannot be written).
func result(v any) []byte {
	data, err := marshal(v)
	if err != nil {
		return failure(err)
	}
	return data
}

// marshal writes v as the command does (record.Marshal).
func marshal(v any) ([]byte, error) {
	data, err := record.Marshal(v)
	if err != nil {
		return nil, inputErr(stageOutput, err)
	}
	return data, nil
}

// parseOptions reads the JSON of a call's options into v strictly: an
// unknown member is refused, so that a misspelt option is not ignored.
// Empty input, "null" and "undefined" leave v as it is.
func parseOptions(data []byte, v any) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" || string(data) == "undefined" {
		return nil
	}
	if err := jsonstrict.Unmarshal(data, v); err != nil {
		return usageErr("options: %v", err)
	}
	return nil
}

// Internal is the JSON of a failure the playground did not expect (a
// recovered panic): exit code 1 with a fixed message, which holds no input.
func Internal() []byte {
	return failure(errors.New("playground: internal error"))
}

// Usage is the JSON of a call whose arguments are not what it takes: exit
// code 1.
func Usage(msg string) []byte {
	return failure(usageErr("%s", msg))
}

// TooLarge is the JSON of an argument of n bytes over the limit of a call:
// exit code 2, as input over a limit.
func TooLarge(n, limit int) []byte {
	return failure(&claim169.Error{Stage: claim169.StageInput, Kind: claim169.ErrTooLarge,
		Err: fmt.Errorf("%d bytes exceed the limit of %d", n, limit)})
}
