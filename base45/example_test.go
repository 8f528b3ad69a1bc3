package base45_test

import (
	"errors"
	"fmt"

	"github.com/idqr/claim169/base45"
)

func ExampleEncodeToString() {
	fmt.Printf("%q\n", base45.EncodeToString([]byte("Hello!!")))
	// Output: "%69 VD92EX0"
}

func ExampleDecodeString() {
	b, err := base45.DecodeString("QED8WEX0")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", b)
	// Output: ietf!
}

func ExampleDecodeString_invalid() {
	// RFC 9285: "GGW" has the value 65536, which does not fit in two
	// bytes.
	_, err := base45.DecodeString("BB8GGW")
	var cie base45.CorruptInputError
	if errors.As(err, &cie) {
		fmt.Println("offset:", int64(cie))
	}
	fmt.Println(err)
	// Output:
	// offset: 3
	// base45: invalid input at offset 3
}

func ExampleEncode() {
	src := []byte("AB")
	dst := make([]byte, base45.EncodedLen(len(src)))
	n := base45.Encode(dst, src)
	fmt.Printf("%s\n", dst[:n])
	// Output: BB8
}

func ExampleDecode() {
	src := []byte("UJCLQE7W581")
	dst := make([]byte, base45.DecodedLen(len(src)))
	n, err := base45.Decode(dst, src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", dst[:n])
	// Output: base-45
}

func ExampleAppendEncode() {
	buf := []byte("text: ")
	buf = base45.AppendEncode(buf, []byte("AB"))
	fmt.Printf("%s\n", buf)
	// Output: text: BB8
}

func ExampleAppendDecode() {
	buf := []byte("bytes: ")
	buf, err := base45.AppendDecode(buf, []byte("BB8"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n", buf)
	// Output: bytes: AB
}

func ExampleEncodedLen() {
	fmt.Println(base45.EncodedLen(7))
	// Output: 11
}

func ExampleDecodedLen() {
	fmt.Println(base45.DecodedLen(11))
	// Output: 7
}

func ExampleCorruptInputError() {
	// Lower case is outside the alphabet.
	_, err := base45.DecodeString("BB8bb8")
	var cie base45.CorruptInputError
	fmt.Println(errors.As(err, &cie), int64(cie))
	// Output: true 3
}
