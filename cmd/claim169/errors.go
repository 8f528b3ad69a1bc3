package main

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/claim169/record"
)

// usageError is a mistake in the command line (exit 1).
type usageError struct{ msg string }

func (e *usageError) Error() string { return "usage: " + e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// ioError is a file or stream failure (exit 1).
type ioError struct {
	what string
	err  error
}

func (e *ioError) Error() string { return "io: " + e.what + ": " + e.err.Error() }
func (e *ioError) Unwrap() error { return e.err }

// inputError is malformed input the command read itself, such as a record
// or a key file (exit 2 for credentials and records, see exitCode).
type inputError struct {
	stage string
	err   error
}

func (e *inputError) Error() string { return e.stage + ": " + e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// hintError adds a hint for the user to an error; it keeps the error's
// exit code.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() + " (" + e.hint + ")" }
func (e *hintError) Unwrap() error { return e.err }

// exitCode maps an error to the contract's exit codes: the command's own
// usage and I/O errors are 1, then the credential's class as every front end
// sorts it (record.ExitCode), and input the command read itself (a record, a
// key file) is 2.
func exitCode(err error) int {
	var ue *usageError
	var ie *ioError
	var in *inputError
	switch {
	case errors.As(err, &ue), errors.As(err, &ie):
		return exitUsage
	}
	if c := record.ExitCode(err); c != record.ExitUsage {
		return c
	}
	if errors.As(err, &in) {
		return exitMalformed
	}
	return exitUsage
}
