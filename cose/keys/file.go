package keys

import (
	"crypto"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/bounded"
)

// LoadPublicFile reads the file at path, at most [MaxKeyFileSize] bytes, with
// [ParsePublic].
func LoadPublicFile(path string) (Key, error) {
	data, err := readFile(path, MaxKeyFileSize)
	if err != nil {
		return Key{}, err
	}
	return ParsePublic(data)
}

// LoadPrivateFile reads the file at path, at most [MaxKeyFileSize] bytes,
// with [ParsePrivate].
func LoadPrivateFile(path string) (crypto.Signer, error) {
	data, err := readFile(path, MaxKeyFileSize)
	if err != nil {
		return nil, err
	}
	defer clear(data) // the parsed key holds copies
	return ParsePrivate(data)
}

// LoadSymmetricKeyFile reads the file at path, at most [MaxKeyFileSize]
// bytes, with [ParseSymmetricKey].
func LoadSymmetricKeyFile(path string) ([]byte, error) {
	data, err := readFile(path, MaxKeyFileSize)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	return ParseSymmetricKey(data)
}

// LoadSetFile reads the file at path, at most [MaxSetSize] bytes, with
// [ParseSet].
func LoadSetFile(path string) (*Set, []string, error) {
	data, err := readFile(path, MaxSetSize)
	if errors.Is(err, errFileTooLarge) {
		return nil, nil, fmt.Errorf("%w: over %d bytes", ErrInvalidSet, MaxSetSize)
	}
	if err != nil {
		return nil, nil, err
	}
	return ParseSet(data)
}

// errFileTooLarge marks a file over the limit readFile was given.
var errFileTooLarge = fmt.Errorf("%w: file too large", ErrInvalidKey)

// readFile reads the file at path with bounded.ReadFile, refusing a file
// over limit bytes with errFileTooLarge (wrapping ErrInvalidKey). Errors
// opening or reading the file wrap the os package's (they name the path,
// never the content).
func readFile(path string, limit int64) ([]byte, error) {
	data, err := bounded.ReadFile(path, limit)
	switch {
	case errors.Is(err, bounded.ErrTooLarge):
		return nil, errFileTooLarge
	case err != nil:
		return nil, fmt.Errorf("keys: %w", err)
	}
	return data, nil
}
