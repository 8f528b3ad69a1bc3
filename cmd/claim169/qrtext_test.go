package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/internal/compress"
	"github.com/idqr/claim169/internal/vectors"
)

// The QR text of the messages the tests build, and the message of a text
// the command wrote.

// qrOf returns the QR text of a COSE message: zlib, then Base45.
func qrOf(msg []byte) string { return base45.EncodeToString(compress.Deflate(msg)) }

// messageOf returns the COSE message of a QR text.
func messageOf(t testing.TB, text string) []byte {
	t.Helper()
	raw, err := base45.DecodeString(text)
	require.NoError(t, err)
	msg, err := compress.Inflate(raw, compress.DefaultMaxSize)
	require.NoError(t, err)
	return msg
}

// specText returns the QR text of the specification's example.
func specText(*testing.T) string { return qrOf(vectors.SpecExampleCOSE()) }
