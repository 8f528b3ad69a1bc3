package qr_test

import (
	"fmt"
	"strings"

	"github.com/idqr/claim169/qr"
)

// A Claim 169 credential is zlib-compressed COSE in Base45; its length
// decides the code's version.
func ExamplePlan() {
	text := strings.Repeat("NCFOXN%TS3DH0 ", 60) // 840 Base45 characters
	p, err := qr.Plan(text, qr.M)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("version %d (%d×%d modules), %d of %d characters, %d left\n",
		p.Version, p.Modules, p.Modules, p.Characters, p.Capacity, p.Remaining)
	// Output:
	// version 19 (93×93 modules), 840 of 909 characters, 69 left
}

// Digits take fewer bits in numeric segments: 500 digits need version 10 at
// M, where 500 alphanumeric characters need version 14. Plan finds the
// segments that take the fewest bits, here one numeric segment, and a
// mixed text takes numeric segments only for its longer runs of digits.
func ExamplePlan_digits() {
	for _, text := range []string{
		strings.Repeat("7", 500),
		strings.Repeat("A", 500),
		strings.Repeat("A", 250) + strings.Repeat("7", 250),
	} {
		p, err := qr.Plan(text, qr.M)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("version %d, %v, segments %d, bits %d of %d\n",
			p.Version, p.Mode, p.Segments, p.Bits, p.CapacityBits)
	}
	// Output:
	// version 10, numeric, segments 1, bits 1683 of 1728
	// version 14, alphanumeric, segments 1, bits 2765 of 2920
	// version 12, mixed, segments 2, bits 2240 of 2320
}

func ExampleMaxCharacters() {
	for _, l := range []qr.Level{qr.L, qr.M, qr.Q, qr.H} {
		fmt.Printf("%v: %d\n", l, qr.MaxCharacters(40, l))
	}
	// Output:
	// L: 4296
	// M: 3391
	// Q: 2420
	// H: 1852
}

func ExampleParseLevel() {
	l, err := qr.ParseLevel("q")
	fmt.Println(l, err)
	_, err = qr.ParseLevel("X")
	fmt.Println(err)
	// Output:
	// Q <nil>
	// qr: invalid error correction level: want L, M, Q or H
}

// Text outside the alphanumeric set, refused by Plan, goes in one byte-mode
// segment of its UTF-8 bytes.
func ExamplePlanUTF8() {
	p, err := qr.PlanUTF8("Grüße", qr.M)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("version %d, %v, %d bytes of %d\n", p.Version, p.Mode, p.Characters, p.Capacity)
	// Output:
	// version 1, byte, 7 bytes of 14
}

// The data codewords of ISO/IEC 18004 Annex I's example, "01234567" at
// version 1-M: one numeric segment, the terminator, padding to a byte, and
// the pad codewords.
func ExampleDataCodewords() {
	p, err := qr.Plan("01234567", qr.M)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := qr.DataCodewords("01234567", p)
	fmt.Printf("% x %v\n", data, err)
	// Output:
	// 10 20 0c 56 61 80 ec 11 ec 11 ec 11 ec 11 ec 11 <nil>
}
