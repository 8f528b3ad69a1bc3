package trust_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/trust"
)

// An issuer identified by a did:key is discovered without any network: the
// key is the identifier. A did:web or an https issuer is added the same
// way, and fetched by Refresh (never by Decode).
func ExampleStore_AddIssuer() {
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, ed25519.SeedSize))
	const issuer = "did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX" // signer's public key

	d, err := trust.NewDiscoverer(trust.DiscoveryOptions{Issuers: []string{issuer}})
	if err != nil {
		log.Fatal(err)
	}
	store := trust.New(trust.Options{})
	if err := store.AddIssuer(d, issuer, nil); err != nil {
		log.Fatal(err)
	}
	if err := store.Refresh(context.Background()); err != nil { // nothing to fetch here
		log.Fatal(err)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood})
	if err != nil {
		log.Fatal(err)
	}

	res, err := dec.Decode(issue(signer, issuer, issuer+"#z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Verification, res.Identity.FullName)

	// A kid naming another DID is refused, and so is an issuer off the
	// allow-list.
	_, err = dec.Decode(issue(signer, issuer, "did:web:elsewhere.example#key-1"))
	fmt.Println(errors.Is(err, trust.ErrKeyIDOtherDID))
	fmt.Println(errors.Is(store.AddIssuer(d, "did:web:elsewhere.example", nil), trust.ErrNotAllowed))
	// Output:
	// verified Jane Doe
	// true
	// true
}
