package strictcbor_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/strictcbor"
)

func ExampleUnmarshal() {
	// {1: "a", 2: h'01'} with an indefinite-length text string.
	data, _ := hex.DecodeString("a2017f6161ff024101")
	var m map[int64]cbor.RawMessage
	err := strictcbor.Unmarshal(data, &m)
	fmt.Printf("%x %x %v\n", []byte(m[1]), []byte(m[2]), err)

	// {1: "a", 1: "b"}: a duplicate key.
	data, _ = hex.DecodeString("a2016161016162")
	err = strictcbor.Unmarshal(data, &m)
	var dup *cbor.DupMapKeyError
	fmt.Println(errors.As(err, &dup), m == nil)
	// Output:
	// 7f6161ff 4101 <nil>
	// true true
}

func ExampleMarshal() {
	out, err := strictcbor.Marshal(map[any]any{
		"b":   1.5,         // shortest float: f93e00
		10:    uint64(500), // shortest integer: 1901f4
		-1:    []byte{},
		"aaa": nil,
	})
	// Keys sorted bytewise by encoding: 0a, 20, 6162, 63616161.
	fmt.Printf("%x %v\n", out, err)
	// Output: a40a1901f420406162f93e0063616161f6 <nil>
}

func ExampleValid() {
	for _, h := range []string{"a10102", "a1010200", "9b0000000100000000"} {
		data, _ := hex.DecodeString(h)
		fmt.Println(h, strictcbor.Valid(data) == nil)
	}
	// Output:
	// a10102 true
	// a1010200 false
	// 9b0000000100000000 false
}

func ExampleDecMode() {
	// The mode itself, for what Unmarshal does not offer: here a stream of
	// several items.
	data, _ := hex.DecodeString("0102")
	dec := strictcbor.DecMode().NewDecoder(bytes.NewReader(data))
	var a, b int
	fmt.Println(dec.Decode(&a), dec.Decode(&b), a, b)
	// Output: <nil> <nil> 1 2
}

func ExampleEncMode() {
	out, err := strictcbor.EncMode().Marshal([]any{uint8(24), "x"})
	fmt.Printf("%x %v\n", out, err)
	// Output: 8218186178 <nil>
}
