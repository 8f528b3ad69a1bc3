package compress_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/compress"
)

func ExampleDecompress() {
	payload := bytes.Repeat([]byte("Claim 169 "), 60)
	for _, compressed := range [][]byte{compress.Deflate(payload), compress.Brotli(payload)} {
		data, method, err := compress.Decompress(compressed, 0, compress.DecompressOptions{}) // 0: DefaultMaxSize
		fmt.Println(method, bytes.Equal(data, payload), err)
	}

	// A verifier that accepts zlib only.
	_, method, err := compress.Decompress(compress.Brotli(payload), 0, compress.DecompressOptions{ZlibOnly: true})
	fmt.Println(method, errors.Is(err, compress.ErrNotZlib))
	// Output:
	// zlib true <nil>
	// brotli true <nil>
	// brotli true
}

func ExampleBrotli() {
	payload := []byte(`{"fullName":"Jane Doe","dateOfBirth":"1984-04-18","address":"12 Main Street, Springfield","email":"jane.doe@example.org"}`)
	compressed := compress.Brotli(payload)
	fmt.Println(compress.Sniff(compressed), len(payload), len(compressed), len(compress.Deflate(payload)))
	// Output: brotli 121 103 118
}

func ExampleSniff() {
	fmt.Println(compress.Sniff([]byte{0x78, 0x9c}), compress.Sniff([]byte{0x78, 0x00}), compress.Sniff([]byte{0x0b, 0x02}))
	// Output: zlib brotli brotli
}
