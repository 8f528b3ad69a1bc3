package cwt

import (
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// benchCredential returns a claims set shaped like a Claim 169 credential:
// iss, exp, nbf, iat and an identity map with a small face image.
func benchCredential(b *testing.B) *Claims {
	b.Helper()
	identity, err := strictcbor.Marshal(map[int]any{
		1: "3918592438", 4: "Janardhan BS", 8: "19840418", 9: 1,
		10: "New House, Near Metro Line, Bengaluru, KA", 11: "janardhan@example.com",
		12: "+919876543210", 13: "IN",
		62: []any{map[int]any{0: make([]byte, 500), 1: 0, 2: 4}},
	})
	if err != nil {
		b.Fatal(err)
	}
	return &Claims{
		Issuer:    "www.mosip.io",
		ExpiresAt: nd(1787912445), NotBefore: nd(1756376445), IssuedAt: nd(1756376445),
		Extra: map[int64]cbor.RawMessage{KeyClaim169: identity},
	}
}

func BenchmarkParse(b *testing.B) {
	credential, err := benchCredential(b).MarshalCBOR()
	if err != nil {
		b.Fatal(err)
	}
	inputs := []struct {
		name string
		in   []byte
		ok   bool
	}{
		{"rfc8392-a1", ts.Unhex(b, rfcA1Hex), true},
		{"claim169", credential, true},
		{"reject-not-map", ts.Unhex(b, "80"), false},
		{"reject-duplicate", ts.Unhex(b, "a3 01 6161 04 00 01 6162"), false},
		{"reject-wrong-type", ts.Unhex(b, "a2 01 6161 04 6131"), false},
		{"reject-trailing", append(credential, 0x00), false},
	}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.in)))
			for b.Loop() {
				if _, _, err := Parse(in.in); (err == nil) != in.ok {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkMarshalCBOR(b *testing.B) {
	for _, c := range []struct {
		name   string
		claims *Claims
	}{{"rfc8392-a1", rfcA1()}, {"claim169", benchCredential(b)}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.claims.MarshalCBOR(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkUntag(b *testing.B) {
	msg := ts.Unhex(b, loadExample(b, "A_3.json").Output.CBOR)
	for _, in := range []struct {
		name string
		in   []byte
		ok   bool
	}{{"tagged", AddTag(msg), true}, {"untagged", msg, true}, {"reject-trailing", append(AddTag(msg), 0), false}} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Untag(in.in); (err == nil) != in.ok {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	c := rfcA1()
	now := time.Unix(1444000000, 0)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Validate(now, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
}
