package claim169_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"fmt"
	"log"

	"github.com/idqr/claim169/claim169"
)

// A batch of JSON records, one of them bad, encoded by two workers with the
// results in input order. Each result is checked here by decoding it; a
// service would save or print it instead, in BatchOptions.Finish to do so
// in parallel too.
func ExampleEncoder_EncodeBatch() {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // use a real key
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key})
	if err != nil {
		log.Fatal(err)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{key.Public()}})
	if err != nil {
		log.Fatal(err)
	}
	records := []string{
		`{"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2}}`,
		`{"claim169":{"id":"1002","fullName":"Alan Turing","gender":"male"}}`,
		`{"claim169":{"id":"1003","fullName":"Grace Hopper"},"cwt":{"issuer":"example.org"}}`,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan claim169.BatchItem)
	go func() {
		defer close(in)
		for i, r := range records {
			select {
			case in <- claim169.BatchItem{N: i + 1, JSON: []byte(r)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for r := range enc.EncodeBatch(ctx, in, claim169.BatchOptions{Workers: 2, Ordered: true}) {
		if r.Err != nil {
			fmt.Printf("%d: bad record: %v\n", r.N, r.Err)
			continue
		}
		res, err := dec.Decode(r.Text)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d: %s, %s\n", r.N, res.Identity.FullName, res.Verification)
	}
	// Output:
	// 1: Ada Lovelace, verified
	// 2: bad record: record: claim169: identity field "gender": expected an integer
	// 3: Grace Hopper, verified
}

// A CSV row becomes the JSON record it stands for: empty cells are absent,
// integers stay integers, biometric cells hold JSON.
func ExampleParseCSVHeader() {
	h, err := claim169.ParseCSVHeader([]string{"id", "fullName", "gender", "face", "issuer", "expiresAt"})
	if err != nil {
		log.Fatal(err)
	}
	data, err := h.RecordJSON([]string{"1001", "Ada Lovelace", "2", `[{"data":"/9j/","format":0,"subFormat":0}]`, "", "1787912445"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(data))
	var rec claim169.Record
	if err := rec.UnmarshalJSON(data); err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Identity.FullName, len(rec.Identity.Face[0].Data), "bytes of face")

	_, err = claim169.ParseCSVHeader([]string{"id", "fulName"})
	fmt.Println(err)
	// Output:
	// {"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2,"face":[{"data":"/9j/","format":0,"subFormat":0}]},"cwt":{"expiresAt":1787912445}}
	// Ada Lovelace 3 bytes of face
	// claim169: csv header: column 2 ("fulName") is not a record field
}
