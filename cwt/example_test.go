package cwt_test

import (
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/cwt"
)

// The claims set of RFC 8392 Appendix A.1.
const rfcA1 = "a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b71"

func ExampleParse() {
	payload, _ := hex.DecodeString(rfcA1)
	claims, warnings, err := cwt.Parse(payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(claims.Issuer, claims.Subject, claims.Audience)
	fmt.Println(claims.ExpiresAt.Time().Format(time.RFC3339))
	fmt.Printf("cti %x, %d warnings\n", claims.ID, len(warnings))
	// Output:
	// coap://as.example.com erikw [coap://light.example.com]
	// 2015-10-05T17:09:04Z
	// cti 0b71, 0 warnings
}

func ExampleParse_claim169() {
	// {1: "www.mosip.io", 4: 1787912445, 169: {4: "Janardhan BS"}}: the iss
	// of the specification's example, which version 1.2.2 would write as a
	// fully qualified URI (https://mosip.io).
	payload, _ := hex.DecodeString("a3016c7777772e6d6f7369702e696f041a6a9160fd18a9a1046c4a616e61726468616e204253")
	claims, _, err := cwt.Parse(payload)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s, identity %x\n", claims.Issuer, claims.Extra[cwt.KeyClaim169])
	// Output:
	// www.mosip.io, identity a1046c4a616e61726468616e204253
}

func ExampleParse_wrongType() {
	payload, _ := hex.DecodeString("a1046a32303135313030353137") // exp: "2015100517"
	_, _, err := cwt.Parse(payload)
	var claimErr *cwt.ClaimError
	if errors.As(err, &claimErr) {
		fmt.Println(errors.Is(err, cwt.ErrMalformed), claimErr.Label)
	}
	fmt.Println(err)
	// Output:
	// true 4
	// cwt: malformed claims set: exp (label 4): not a NumericDate
}

func ExampleClaims_MarshalCBOR() {
	claims := &cwt.Claims{
		Issuer:    "https://mosip.io",
		IssuedAt:  cwt.NewNumericDate(time.Date(2025, 8, 28, 10, 20, 45, 0, time.UTC)),
		ExpiresAt: cwt.NewNumericDate(time.Date(2026, 8, 28, 10, 20, 45, 0, time.UTC)),
		Extra: map[int64]cbor.RawMessage{
			cwt.KeyClaim169: {0xa1, 0x04, 0x61, 0x4a}, // {4: "J"}, written verbatim
		},
	}
	payload, err := claims.MarshalCBOR()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%x\n", payload)
	// Output:
	// a4017068747470733a2f2f6d6f7369702e696f041a6a9160fd061a68b02d7d18a9a104614a
}

func ExampleClaims_Validate() {
	payload, _ := hex.DecodeString(rfcA1)
	claims, _, _ := cwt.Parse(payload)

	during := time.Date(2015, 10, 5, 12, 0, 0, 0, time.UTC)
	_, err := claims.Validate(during, time.Minute)
	fmt.Println(err)

	after := time.Date(2015, 10, 5, 17, 10, 4, 0, time.UTC) // exp + 1 minute
	_, err = claims.Validate(after, time.Minute)
	fmt.Println(errors.Is(err, cwt.ErrExpired))
	// Output:
	// <nil>
	// true
}

func ExampleUntag() {
	// 61(18([h'A10127', {}, h'A0', h''])): a tagged CWT whose COSE_Sign1
	// go-cose can only read without the outer tag 61.
	msg, _ := hex.DecodeString("d83dd28443a10127a041a040")
	inner, tagged, err := cwt.Untag(msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%t %x\n", tagged, inner)
	// Output:
	// true d28443a10127a041a040
}

func ExampleAddTag() {
	sign1, _ := hex.DecodeString("d28443a10127a041a040")
	fmt.Printf("%x\n", cwt.AddTag(sign1))
	// Output:
	// d83dd28443a10127a041a040
}

func ExampleNewNumericDate() {
	exp := cwt.NewNumericDate(time.Date(2026, 8, 28, 10, 20, 45, 500, time.UTC))
	fmt.Println(int64(*exp), exp.Time().Format(time.RFC3339))
	// Output:
	// 1787912445 2026-08-28T10:20:45Z
}
