// Command gendict writes dictionary.bin, the static dictionary of RFC 7932
// (Appendix A), for internal/brotli.
//
// It derives the dictionary from an independent implementation rather than
// from a copy: it writes a Brotli stream that references every word of the
// dictionary, in order, with the identity transform, decodes that stream
// with github.com/andybalholm/brotli, and checks the result against the
// length and the CRC-32 that the RFC gives before writing it. The tests of
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

// ndbits is NDBITS of RFC 7932 §8: log2 of the number of words of each
// length.
var ndbits = [25]int{0, 0, 0, 0, 10, 10, 11, 11, 10, 10, 10, 10, 10, 9, 9, 8, 7, 7, 8, 7, 7, 6, 6, 5, 5}

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
	dict, err := io.ReadAll(brotli.NewReader(bytes.NewReader(wordStream())))
	if err != nil {
		return nil, fmt.Errorf("gendict: decoding the word stream: %w", err)
	}
	if len(dict) != dictSize || crc32.ChecksumIEEE(dict) != dictCRC32 {
		return nil, fmt.Errorf("gendict: got %d bytes with CRC-32 %#08x, want %d and %#08x",
			len(dict), crc32.ChecksumIEEE(dict), dictSize, dictCRC32)
	}
	return dict, nil
}

// wordStream returns a Brotli stream with a 16 MiB window and one
// meta-block per word length, 4 to 24. Each command copies one word: its
// distance lies just beyond the output produced so far, which makes it a
// reference to word number distance - (output so far + 1) of that length,
// with transform 0, the identity (RFC 7932 §8).
func wordStream() []byte {
	var w brotlitest.Writer
	w.WindowBits(24)
	produced := 0
	for length := 4; length <= 24; length++ {
		words := 1 << ndbits[length]
		w.CompressedHeader(length == 24, words*length)
		w.TrivialHeader(0, 0, 0)
		// The distance codes this meta-block needs.
		var syms []int
		seen := map[int]bool{}
		for i := range words {
			c := brotlitest.DistanceCode(produced + i*length + 1 + i).Code
			if !seen[c] {
				seen[c] = true
				syms = append(syms, c)
			}
		}
		copyLen := brotlitest.CopyLength(length)
		cmd, _ := brotlitest.CommandSymbol(0, copyLen.Code, false)
		w.SimpleCode(256, false, 0)               // literals: none used
		cmdCode := w.SimpleCode(704, false, cmd)  // insert 0, copy length
		distCode := w.UniformCode(16+48, syms...) // NPOSTFIX 0, NDIRECT 0
		for i := range words {
			w.Command(cmdCode, cmd, brotlitest.InsertLength(0), copyLen)
			d := brotlitest.DistanceCode(produced + 1 + i)
			w.Symbol(distCode, d.Code)
			w.Bits(d.NBits, d.Extra)
			produced += length
		}
	}
	return w.Bytes()
}
