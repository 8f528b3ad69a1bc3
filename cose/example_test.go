package cose_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/idqr/claim169/cose"
)

// Sign a payload with an Ed25519 key (derived from a fixed seed so that the
// example is reproducible), then parse and verify it.
func ExampleSign() {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	msg, err := cose.Sign(nil, key, []byte("CWT claims"), cose.SignOptions{KeyID: []byte("k-1101")})
	if err != nil {
		panic(err)
	}
	// Tag 18, an array of 4, the protected header {1: -8, 4: 'k-1101'}.
	fmt.Printf("%x\n", msg[:14])

	sign1, err := cose.ParseSign1(msg)
	if err != nil {
		panic(err)
	}
	if err := sign1.Verify(key.Public(), nil); err != nil {
		panic(err)
	}
	alg, _ := sign1.Algorithm()
	fmt.Printf("%v %s %s\n", alg, sign1.KeyID(), sign1.Payload)

	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, ed25519.SeedSize))
	err = sign1.Verify(other.Public(), nil)
	fmt.Println(errors.Is(err, cose.ErrVerification))
	// Output:
	// d2844ba2012704466b2d31313031
	// EdDSA k-1101 CWT claims
	// true
}

// Verify a published message: the COSE working group's EdDSA example
// (eddsa-sig-01), signed with the key of RFC 8032 TEST 1.
func ExampleParseSign1() {
	msg, _ := hex.DecodeString("D28445A201270300A10442313154546869732069732074686520636F6E74656E742E58407142FD2FF96D56DB85BEE905A76BA1D0B7321A95C8C4D3607C5781932B7AFB8711497DFA751BF40B58B3BCC32300B1487F3DB34085EEF013BF08F4A44D6FEF0D")
	pub, _ := hex.DecodeString("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")

	sign1, err := cose.ParseSign1(msg)
	if err != nil {
		panic(err)
	}
	fmt.Println(sign1.Verify(ed25519.PublicKey(pub), nil))
	fmt.Printf("%s\n", sign1.Payload)

	msg[len(msg)-1] ^= 1 // change one bit of the signature
	sign1, _ = cose.ParseSign1(msg)
	fmt.Println(errors.Is(sign1.Verify(ed25519.PublicKey(pub), nil), cose.ErrVerification))
	// Output:
	// <nil>
	// This is the content.
	// true
}

// Encrypt a signed message with A256GCM and decrypt it.
func ExampleEncrypt() {
	aead, err := cose.NewAEAD(cose.A256GCM, bytes.Repeat([]byte{7}, 32))
	if err != nil {
		panic(err)
	}
	msg, err := cose.Encrypt(nil, aead, []byte("a COSE_Sign1"), cose.EncryptOptions{KeyID: []byte("enc-1")})
	if err != nil {
		panic(err)
	}
	enc0, err := cose.ParseEncrypt0(msg)
	if err != nil {
		panic(err)
	}
	plaintext, err := enc0.Decrypt(aead, nil)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %s %d-byte IV\n", plaintext, enc0.KeyID(), len(enc0.Unprotected.IV()))

	wrong, _ := cose.NewAEAD(cose.A256GCM, bytes.Repeat([]byte{8}, 32))
	plaintext, err = enc0.Decrypt(wrong, nil)
	fmt.Println(plaintext == nil, errors.Is(err, cose.ErrDecryption))
	// Output:
	// a COSE_Sign1 enc-1 12-byte IV
	// true true
}

// Decrypt a published message: the COSE working group's A128GCM example
// (aes-gcm-enc-01).
func ExampleParseEncrypt0() {
	msg, _ := hex.DecodeString("D08343A10101A1054C02D1F7E6F26C43D4868D87CE582460973A94BB2898009EE52ECFD9AB1DD25867374B162E2C03568B41F57C3CC16F9166250A")
	key, _ := hex.DecodeString("849B57219DAE48DE646D07DBB533566E")

	enc0, err := cose.ParseEncrypt0(msg)
	if err != nil {
		panic(err)
	}
	alg, _ := enc0.Algorithm()
	aead, err := cose.NewAEAD(alg, key)
	if err != nil {
		panic(err)
	}
	plaintext, err := enc0.Decrypt(aead, nil)
	fmt.Printf("%v %s %v\n", alg, plaintext, err)
	// Output:
	// A128GCM This is the content. <nil>
}

// Tell the two message types apart before parsing.
func ExampleIdentify() {
	for _, s := range []string{"d28443a10127a04040", "8343a10101a040", "a10160", "d83dd28443a10127a04040"} {
		data, _ := hex.DecodeString(s)
		kind, err := cose.Identify(data)
		fmt.Println(kind, errors.Is(err, cose.ErrMalformed))
	}
	// Output:
	// COSE_Sign1 false
	// COSE_Encrypt0 false
	// MessageType(0) true
	// MessageType(0) true
}

// List every header parameter as received, as an inspect command would.
func ExampleHeaders_Params() {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	msg, _ := cose.Sign(nil, key, nil, cose.SignOptions{KeyID: []byte("k-1101"), X5Chain: [][]byte{{0x30, 0x00}}})
	sign1, _ := cose.ParseSign1(msg)
	for _, p := range sign1.Protected.Params() {
		fmt.Printf("%v: %x\n", p.Label, p.Value)
	}
	// Output:
	// 1 (alg): 27
	// 4 (kid): 466b2d31313031
	// 33 (x5chain): 423000
}

// Check that a key may verify an algorithm before trusting it.
func ExampleCheckKey() {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	fmt.Println(cose.CheckKey(cose.EdDSA, key.Public()))
	fmt.Println(errors.Is(cose.CheckKey(cose.ES256, key.Public()), cose.ErrAlgorithmMismatch))
	fmt.Println(errors.Is(cose.CheckKey(cose.EdDSA, ed25519.PublicKey(make([]byte, 32))), cose.ErrWeakKey))
	// Output:
	// <nil>
	// true
	// true
}

func ExampleParseAlgorithm() {
	alg, err := cose.ParseAlgorithm("es256")
	fmt.Println(int64(alg), alg, err)
	alg, _ = cose.AlgorithmForKey(ed25519.PublicKey(make([]byte, 32)))
	fmt.Println(alg, cose.A128GCM.KeySize())
	// Output:
	// -7 ES256 <nil>
	// EdDSA 16
}
