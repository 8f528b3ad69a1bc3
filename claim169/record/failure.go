package record

import (
	"errors"
	"strings"

	"github.com/idqr/claim169/claim169"
)

// Exit codes of the claim169 command's contract (docs/CLI.md), the classes
// into which [ExitCode] sorts errors. Front ends that speak the command's
// JSON (the browser playground) report the same numbers.
const (
	ExitOK           = 0 // success
	ExitUsage        = 1 // usage or I/O error, and any error no sentinel classifies
	ExitMalformed    = 2 // malformed input, a limit exceeded
	ExitVerification = 3 // verification failed, or refused by the status check
	ExitValidity     = 4 // expired or not yet valid
	ExitDecryption   = 5 // decryption failed
)

// ExitCode returns the exit code class of err by the sentinel it matches:
// claim169.ErrDecryption → ExitDecryption; ErrVerification or ErrRevoked →
// ExitVerification; ErrExpired or ErrNotYetValid → ExitValidity;
// ErrMalformed or ErrTooLarge → ExitMalformed; nil → ExitOK; anything else
// (an encoding error, a usage error) → ExitUsage. The checks run in that
// order, so an error matching two sentinels takes the first class.
func ExitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, claim169.ErrDecryption):
		return ExitDecryption
	case errors.Is(err, claim169.ErrVerification), errors.Is(err, claim169.ErrRevoked):
		return ExitVerification
	case errors.Is(err, claim169.ErrExpired), errors.Is(err, claim169.ErrNotYetValid):
		return ExitValidity
	case errors.Is(err, claim169.ErrMalformed), errors.Is(err, claim169.ErrTooLarge):
		return ExitMalformed
	}
	return ExitUsage
}

// Failure is the JSON form of an error of decoding, inspecting or issuing,
// for front ends that report errors as JSON rather than on stderr:
//
//	{"stage": "validity", "exit": 4, "message": "validity: cwt: credential expired at ..."}
//
// The claim169 command prints the same error as the line
// "claim169: " + Message on stderr and exits with Exit.
type Failure struct {
	// Stage is the Stage of the outermost *claim169.Error that err holds
	// (record.Stage for a record that cannot be read); empty when it holds
	// none.
	Stage claim169.Stage `json:"stage,omitempty"`
	// Exit is ExitCode(err).
	Exit int `json:"exit"`
	// Message is err's message on one line. Like every error of the
	// module, it holds no identity data, payload bytes or key material.
	Message string `json:"message"`
}

// FailureOf returns the JSON form of err, which must not be nil.
func FailureOf(err error) *Failure {
	f := &Failure{Exit: ExitCode(err), Message: oneLine(err.Error())}
	var ce *claim169.Error
	if errors.As(err, &ce) {
		f.Stage = ce.Stage
	}
	return f
}

// oneLine returns s with its runs of white space, line breaks included,
// turned into single spaces and trimmed at both ends.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
