package keys

import (
	"testing"

	ts "github.com/idqr/claim169/internal/testsupport"
)

func benchmarkParsePublic(b *testing.B, data []byte, wantErr bool) {
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParsePublic(data); (err != nil) != wantErr {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePublicPEMP256(b *testing.B) {
	benchmarkParsePublic(b, ts.PEM("PUBLIC KEY", ts.SPKI(b, signer(b, "P-256").Public())), false)
}

func BenchmarkParsePublicPEMRSA(b *testing.B) {
	benchmarkParsePublic(b, ts.PEM("PUBLIC KEY", ts.SPKI(b, signer(b, "RSA").Public())), false)
}

func BenchmarkParsePublicCertificate(b *testing.B) {
	benchmarkParsePublic(b, readTestdata(b, "p384.cert.pem"), false)
}

func BenchmarkParsePublicJWK(b *testing.B) {
	benchmarkParsePublic(b, readTestdata(b, "rfc8037-a2.jwk.json"), false)
}

func BenchmarkParsePublicHex(b *testing.B) {
	benchmarkParsePublic(b, []byte(rfc8032Public+"\n"), false)
}

func BenchmarkParsePublicRejectWeak(b *testing.B) {
	benchmarkParsePublic(b, make([]byte, 32), true)
}

func BenchmarkParsePublicRejectSecp256k1(b *testing.B) {
	benchmarkParsePublic(b, readTestdata(b, "secp256k1.pub.pem"), true)
}

func BenchmarkParsePublicRejectTooLarge(b *testing.B) {
	benchmarkParsePublic(b, make([]byte, MaxKeyFileSize+1), true)
}

func BenchmarkParsePrivatePEMEd25519(b *testing.B) {
	data := readTestdata(b, "ed25519.key.pem")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePrivate(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSetMixed(b *testing.B) {
	entries, _ := mixedSet(b)
	data := setJSON(entries)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := ParseSet(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSetRejectNotJSON(b *testing.B) {
	data := append([]byte(`{"keys":[`), make([]byte, 4096)...)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseSet(data); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkParseSymmetricKey(b *testing.B) {
	data := []byte("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSymmetricKey(data); err != nil {
			b.Fatal(err)
		}
	}
}
