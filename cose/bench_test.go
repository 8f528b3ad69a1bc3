package cose

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchPayloadSize is the size of a typical Claim 169 CWT with a small face
// photo.
const benchPayloadSize = 600

// benchSign1 signs a payload of benchPayloadSize bytes with key and opts,
// and returns the message and its parse.
func benchSign1(b *testing.B, key crypto.Signer, opts SignOptions) ([]byte, *Sign1) {
	b.Helper()
	data, err := Sign(nil, key, bytes.Repeat([]byte{0x5a}, benchPayloadSize), opts)
	require.NoError(b, err)
	msg, err := ParseSign1(data)
	require.NoError(b, err)
	return data, msg
}

// BenchmarkVerifyEdDSA compares Sign1.Verify on a 600-byte payload with a
// bare ed25519.Verify of a message of the same size as its Sig_structure:
// the difference is the cost of this package (key check, Sig_structure).
func BenchmarkVerifyEdDSA(b *testing.B) {
	key := testEd25519()
	pub := key.Public().(ed25519.PublicKey)
	data, msg := benchSign1(b, key, SignOptions{KeyID: []byte("k-1101"), KeyIDUnprotected: true})
	b.Run("cose", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := msg.Verify(pub, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ed25519", func(b *testing.B) {
		tbs := sigStructure(msg.RawProtected, nil, msg.Payload)
		b.ReportAllocs()
		for b.Loop() {
			if !ed25519.Verify(pub, tbs, msg.Signature) {
				b.Fatal("no")
			}
		}
	})
	// ratio interleaves both so that machine load affects them alike.
	b.Run("ratio", func(b *testing.B) {
		tbs := sigStructure(msg.RawProtected, nil, msg.Payload)
		var coseTime, bareTime time.Duration
		for b.Loop() {
			t0 := time.Now()
			if err := msg.Verify(pub, nil); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if !ed25519.Verify(pub, tbs, msg.Signature) {
				b.Fatal("no")
			}
			coseTime, bareTime = coseTime+t1.Sub(t0), bareTime+time.Since(t1)
		}
		b.ReportMetric(float64(coseTime)/float64(bareTime), "cose/ed25519")
	})
	b.Run("parse+verify", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, err := ParseSign1(data)
			if err != nil {
				b.Fatal(err)
			}
			if err := m.Verify(pub, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkSignEdDSA(b *testing.B) {
	key := testEd25519()
	payload := bytes.Repeat([]byte{0x5a}, benchPayloadSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(nil, key, payload, SignOptions{KeyID: []byte("k-1101")}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyES256(b *testing.B) {
	key := signerFor(b, ES256)
	_, msg := benchSign1(b, key, SignOptions{})
	b.ReportAllocs()
	for b.Loop() {
		if err := msg.Verify(key.Public(), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSign1(b *testing.B) {
	data, _ := benchSign1(b, testEd25519(), SignOptions{KeyID: []byte("k-1101"), KeyIDUnprotected: true})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSign1(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReject measures the paths that refuse a message.
func BenchmarkReject(b *testing.B) {
	key := testEd25519()
	pub := key.Public()
	data, msg := benchSign1(b, key, SignOptions{})
	badSig := append([]byte(nil), data...)
	badSig[len(badSig)-1] ^= 1
	wrongTag := append([]byte{0xd0}, data[1:]...)
	unprotectedAlg := signRawSign1(nil, []byte{0xa1, 0x01, 0x27}, msg.Payload)
	smallOrder := ed25519.PublicKey(make([]byte, 32))
	badMsg := requireParse(b, ParseSign1, badSig, nil)
	unprotectedMsg := requireParse(b, ParseSign1, unprotectedAlg, nil)
	for _, bc := range []struct {
		name   string
		refuse func() error
	}{
		{"bad signature", func() error { return badMsg.Verify(pub, nil) }},
		{"wrong tag", func() error { _, err := ParseSign1(wrongTag); return err }},
		{"unprotected alg", func() error { return unprotectedMsg.Verify(pub, nil) }},
		{"small-order key", func() error { return msg.Verify(smallOrder, nil) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if bc.refuse() == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// BenchmarkDecryptReject measures the refusal of a changed ciphertext.
func BenchmarkDecryptReject(b *testing.B) {
	aead := testAEAD(b, A256GCM)
	enc, err := Encrypt(nil, aead, bytes.Repeat([]byte{0x5a}, benchPayloadSize), EncryptOptions{})
	require.NoError(b, err)
	enc[len(enc)-1] ^= 1
	msg := requireParse(b, ParseEncrypt0, enc, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := msg.Decrypt(aead, nil); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkEncryptA256GCM(b *testing.B) {
	aead := testAEAD(b, A256GCM)
	plaintext := bytes.Repeat([]byte{0x5a}, benchPayloadSize)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encrypt(nil, aead, plaintext, EncryptOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecryptA256GCM(b *testing.B) {
	aead := testAEAD(b, A256GCM)
	plaintext := bytes.Repeat([]byte{0x5a}, benchPayloadSize)
	data, err := Encrypt(nil, aead, plaintext, EncryptOptions{})
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		msg, err := ParseEncrypt0(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := msg.Decrypt(aead, nil); err != nil {
			b.Fatal(err)
		}
	}
}
