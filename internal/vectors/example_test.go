package vectors_test

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/idqr/claim169/internal/vectors"
)

func ExampleIdpass() {
	for _, v := range vectors.Idpass() {
		if v.Category == vectors.Invalid {
			fmt.Printf("%s: refused at %s\n", v.Name, v.ExpectedError)
		}
	}
	// Output:
	// bad-base45: refused at Base45Decode
	// bad-zlib: refused at Decompress
	// missing-169: refused at Claim169NotFound
	// not-cose: refused at CoseParse
}

func ExampleLookupIdpass() {
	v, _ := vectors.LookupIdpass("encrypted-signed")
	fmt.Println(v.Category, v.SigningKey.Algorithm, v.EncryptionKey.Algorithm, v.ExpectedClaim169["fullName"])
	// Output: valid EdDSA A256GCM Encrypted Signed Test Person
}

func ExampleGoldens() {
	for _, g := range vectors.Goldens()[9:11] {
		fmt.Printf("%s: %s at stage %s, %d bytes of COSE\n", g.Name, g.Expect, g.Stage, len(g.COSE))
	}
	// Output:
	// 10-expired: ErrExpired at stage validity, 135 bytes of COSE
	// 11-not-yet-valid: ErrNotYetValid at stage validity, 139 bytes of COSE
}

func ExampleSpecExampleCOSE() {
	msg := vectors.SpecExampleCOSE()
	fmt.Printf("%x…, %d bytes\n", msg[:3], len(msg))
	// Output: d83dd2…, 745 bytes
}

func ExampleCOSEWG() {
	for _, ex := range vectors.COSEWG("sign1-tests")[:3] {
		fmt.Println(ex.Name, ex.Fail, ex.Title)
	}
	// Output:
	// sign-fail-01 true sign-fail-01: Wrong CBOR Tag
	// sign-fail-02 true sign-fail-02: Change signature
	// sign-fail-03 true sign-fail-03: Change Sign Algorithm
}

func ExampleSet_Source() {
	first, _, _ := strings.Cut(vectors.SetIdpass.Source(), "\n")
	fmt.Println(first)
	// Output: idpass/claim-169 test-vectors at 5bd8f24d1e131e379bccbae524bd01b75d09e7e2 (v0.3.0)
}

func ExampleFS() {
	data, _ := fs.ReadFile(vectors.FS(), "mosip-spec/spec-example-cose.hex")
	fmt.Println(string(data[:6]))
	// Output: d83dd2
}
