package testsupport

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"

	dasio "github.com/dasio/base45"
)

// maxMessage bounds what Unwrap inflates.
const maxMessage = 1 << 20

// Wrap returns the QR text of a message as the reference writes it: compressed with the
// standard library's zlib at its best compression, then encoded in Base45 by
// github.com/dasio/base45. Any message will do, well-formed or not.
func Wrap(tb testing.TB, msg []byte) string {
	tb.Helper()
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	check(tb, err, "zlib")
	_, err = zw.Write(msg)
	check(tb, err, "zlib")
	check(tb, zw.Close(), "zlib")
	return dasio.EncodeToString(buf.Bytes())
}

// Unwrap returns the message of QR text written by anyone: Base45 decoded, then
// decompressed (at most 1 MiB). It fails tb when either layer is not well-formed.
func Unwrap(tb testing.TB, text string) []byte {
	tb.Helper()
	compressed, err := dasio.DecodeString(text)
	check(tb, err, "Base45")
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	check(tb, err, "zlib")
	msg, err := io.ReadAll(io.LimitReader(zr, maxMessage))
	check(tb, err, "zlib")
	return msg
}
