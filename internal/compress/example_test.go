package compress_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/compress"
)

func ExampleDeflate() {
	payload := bytes.Repeat([]byte("Claim 169 "), 60)
	compressed := compress.Deflate(payload)
	fmt.Printf("zlib header %x, smaller: %v\n", compressed[:2], len(compressed) < len(payload)/10)
	// Output: zlib header 78da, smaller: true
}

func ExampleInflate() {
	compressed := compress.Deflate([]byte("Claim 169"))
	data, err := compress.Inflate(compressed, 0) // 0: DefaultMaxSize
	fmt.Printf("%q %v\n", data, err)

	bomb := compress.Deflate(make([]byte, 1<<20)) // 1 MiB of zeros in about 1 KB
	data, err = compress.Inflate(bomb, 0)
	fmt.Println(data == nil, errors.Is(err, compress.ErrTooLarge))

	_, err = compress.Inflate(append(compressed, 0), 0)
	fmt.Println(errors.Is(err, compress.ErrTrailingData))

	_, err = compress.Inflate([]byte("not zlib"), 0)
	fmt.Println(errors.Is(err, compress.ErrCorrupt))
	// Output:
	// "Claim 169" <nil>
	// true true
	// true
	// true
}
