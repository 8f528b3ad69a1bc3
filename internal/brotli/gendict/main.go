// Command gendict writes dictionary.bin, the static dictionary of RFC 7932
// (Appendix A), for internal/brotli.
//
// It derives the dictionary from an independent implementation rather than
// from a copy: it writes a Brotli stream that references every word of the
// dictionary, in order, with the identity transform
// (brotlitest.DictionaryStream), decodes that stream with
// github.com/andybalholm/brotli, and checks the result against the length
// and the CRC-32 that the RFC gives before writing it. The tests of
// internal/brotli check the file again, with its SHA-256 too.
//
// Usage (go generate in internal/brotli runs it):
//
//	go run ./gendict -o dictionary.bin
package main

import (
	"bytes"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"log"
	"os"

	"github.com/andybalholm/brotli"

	"github.com/idqr/claim169/internal/brotli/brotlitest"
)

// The dictionary as RFC 7932 Appendix A describes it.
const (
	dictSize  = 122784
	dictCRC32 = 0x5136cb04
)

func main() {
	out := flag.String("o", "dictionary.bin", "output file")
	flag.Parse()
	dict, err := derive()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, dict, 0o644); err != nil {
		log.Fatal(err)
	}
}

// derive decodes the stream of every dictionary word and checks the result.
func derive() ([]byte, error) {
	dict, err := io.ReadAll(brotli.NewReader(bytes.NewReader(brotlitest.DictionaryStream())))
	if err != nil {
		return nil, fmt.Errorf("gendict: decoding the word stream: %w", err)
	}
	if len(dict) != dictSize || crc32.ChecksumIEEE(dict) != dictCRC32 {
		return nil, fmt.Errorf("gendict: got %d bytes with CRC-32 %#08x, want %d and %#08x",
			len(dict), crc32.ChecksumIEEE(dict), dictSize, dictCRC32)
	}
	return dict, nil
}
