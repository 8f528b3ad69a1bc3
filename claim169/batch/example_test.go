package batch_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"fmt"
	"log"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/batch"
)

// A batch of JSON records, one of them bad, encoded by two workers with the
// results in input order. Each result is checked here by decoding it; a
// service would save or print it instead, in Options.Finish to do so in
// parallel too.
func ExampleEncode() {
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
		`{"claim169":{"id":"1003","fullName":"Grace Hopper"},"cwt":{"issuer":"https://id.example.org"}}`,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan batch.Item)
	go func() {
		defer close(in)
		for i, r := range records {
			select {
			case in <- batch.Item{N: i + 1, JSON: []byte(r)}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for r := range batch.Encode(ctx, enc, in, batch.Options{Workers: 2, Ordered: true}) {
		if r.Err != nil {
			fmt.Printf("%d: bad record: %v\n", r.N, r.Err)
			continue
		}
		res, err := dec.Decode(r.Encoded.Text)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d: %s, %s\n", r.N, res.Identity.FullName, res.Verification)
	}
	// Output:
	// 1: Ada Lovelace, verified
	// 2: bad record: record: identity field "gender": expected an integer code: 1 (male), 2 (female) or 3 (other)
	// 3: Grace Hopper, verified
}
