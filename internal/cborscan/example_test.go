package cborscan_test

import (
	"encoding/hex"
	"fmt"

	"github.com/idqr/claim169/internal/cborscan"
)

func ExampleLen() {
	// {1: "a", 2: [_ 3]} followed by a stray byte.
	data, _ := hex.DecodeString("a2016161029f03ff00")
	n, ok := cborscan.Len(data)
	fmt.Println(n, ok, cborscan.Plain(data[:n]))
	// Output: 8 true false
}

func ExampleItems() {
	items, ok := cborscan.Items([]byte{0xa2, 0x01, 0x61, 0x61, 0x02, 0x80})
	fmt.Printf("%x %v\n", items, ok)
	// Output: [01 6161 02 80] true
}

func ExampleReadHead() {
	h, ok := cborscan.ReadHead([]byte{0x39, 0x01, 0x00}) // -257
	n, _ := h.Int()
	fmt.Println(h.Major, h.Len, n, ok)
	fmt.Printf("%x\n", cborscan.AppendInt(nil, n))
	// Output:
	// 1 3 -257 true
	// 390100
}
