package brotli_test

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/internal/brotli"
)

func ExampleDecode() {
	// "hello hello" as libbrotli writes it at quality 0: a 256 KiB window,
	// one stored meta-block, an empty last one.
	stream := []byte{0x03, 0x05, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x03}
	data, err := brotli.Decode(stream, 0) // 0: DefaultMaxSize
	fmt.Printf("%q %v\n", data, err)

	_, err = brotli.Decode(stream, 5)
	fmt.Println(errors.Is(err, brotli.ErrTooLarge))

	_, err = brotli.Decode(append(stream, 0), 0)
	fmt.Println(errors.Is(err, brotli.ErrTrailingData))

	_, err = brotli.Decode(stream[:6], 0)
	fmt.Println(errors.Is(err, brotli.ErrCorrupt))
	// Output:
	// "hello hello" <nil>
	// true
	// true
	// true
}
