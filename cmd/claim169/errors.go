package main

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/claim169"
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

// exitCode maps an error to the contract's exit codes.
func exitCode(err error) int {
	var ue *usageError
	var ie *ioError
	var in *inputError
	switch {
	case errors.As(err, &ue), errors.As(err, &ie):
		return exitUsage
	case errors.Is(err, claim169.ErrDecryption):
		return exitDecryption
	case errors.Is(err, claim169.ErrVerification), errors.Is(err, claim169.ErrRevoked):
		return exitVerify
	case errors.Is(err, claim169.ErrExpired), errors.Is(err, claim169.ErrNotYetValid):
		return exitValidity
	case errors.Is(err, claim169.ErrMalformed), errors.Is(err, claim169.ErrTooLarge), errors.As(err, &in):
		return exitMalformed
	}
	return exitUsage
}
