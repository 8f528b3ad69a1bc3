package record_test

import (
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// A record is read strictly: a misspelt field is refused, by name, rather
// than dropped.
func ExampleParse() {
	rec, err := record.Parse([]byte(`{"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2},
		"cwt":{"issuer":"https://id.example.org","expiresAt":1787912445,"cwtId":"0a0b"}}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Identity.FullName, rec.Identity.Gender, rec.Claims.Issuer, rec.Claims.ExpiresAt, rec.Claims.ID)

	_, err = record.Parse([]byte(`{"claim169":{"id":"1002"},"cwt":{"isuer":"https://id.example.org"}}`))
	fmt.Println(err)
	// Output:
	// Ada Lovelace female https://id.example.org 2026-08-28T10:20:45Z [10 11]
	// record: cwt: unknown field ("isuer")
}

// A decoded credential in the JSON form the claim169 command prints.
func ExampleFromResult() {
	key := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // use a real key
	enc, err := claim169.NewEncoder(claim169.EncoderOptions{Signer: key, KeyID: []byte("issuer-1")})
	if err != nil {
		log.Fatal(err)
	}
	rec, err := record.Parse([]byte(`{"claim169":{"id":"1001","fullName":"Ada Lovelace"},"cwt":{"issuer":"https://id.example.org"}}`))
	if err != nil {
		log.Fatal(err)
	}
	encoded, err := enc.Encode(rec.Identity, rec.Claims)
	if err != nil {
		log.Fatal(err)
	}
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Keys: []crypto.PublicKey{key.Public()},
		Now: func() time.Time { return time.Unix(1760000000, 0) }})
	if err != nil {
		log.Fatal(err)
	}
	res, err := dec.Decode(encoded.Text)
	if err != nil {
		log.Fatal(err)
	}
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	out.SetIndent("", "  ")
	if err := out.Encode(record.FromResult(res)); err != nil {
		log.Fatal(err)
	}
	// Output:
	// {
	//   "claim169": {
	//     "id": "1001",
	//     "fullName": "Ada Lovelace"
	//   },
	//   "cwt": {
	//     "issuer": "https://id.example.org"
	//   },
	//   "verification": "verified",
	//   "trust": "key",
	//   "algorithm": "EdDSA",
	//   "kid": "issuer-1",
	//   "compression": "zlib",
	//   "warnings": []
	// }
}

// A CSV row becomes the JSON record it stands for: empty cells are absent,
// integers stay integers, biometric cells hold JSON.
func ExampleParseCSVHeader() {
	h, err := record.ParseCSVHeader([]string{"id", "fullName", "gender", "face", "issuer", "expiresAt"})
	if err != nil {
		log.Fatal(err)
	}
	data, err := h.RecordJSON([]string{"1001", "Ada Lovelace", "2", `[{"data":"/9j/","format":0,"subFormat":0}]`, "", "1787912445"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(data))
	var rec record.Record
	if err := rec.UnmarshalJSON(data); err != nil {
		log.Fatal(err)
	}
	fmt.Println(rec.Identity.FullName, len(rec.Identity.Face[0].Data), "bytes of face")

	_, err = record.ParseCSVHeader([]string{"id", "fulName"})
	fmt.Println(err)
	// Output:
	// {"claim169":{"id":"1001","fullName":"Ada Lovelace","gender":2,"face":[{"data":"/9j/","format":0,"subFormat":0}]},"cwt":{"expiresAt":1787912445}}
	// Ada Lovelace 3 bytes of face
	// record: csv header: column 2 is not a record field (did you mean "fullName"?)
}

// A Reader numbers the records of a CSV file and says on which line each
// starts. The stray quote in record 2 makes that record bad, and only it.
func ExampleNewReader() {
	input := "id,fullName,address\n" +
		"1001,Ada Lovelace,\"12 St James's Square\nLondon\"\n" +
		"1002,Pat O\"Brien,Dublin\n" +
		"1003,Alan Turing,Wilmslow\n"
	rd, err := record.NewReader(strings.NewReader(input), record.CSV)
	if err != nil {
		fmt.Println(err)
		return
	}
	for {
		raw, err := rd.Read()
		if err == io.EOF {
			break
		}
		if raw.Err != nil {
			fmt.Printf("record %d (line %d): %v\n", raw.N, raw.Line, raw.Err)
			continue
		}
		rec, err := record.Parse(raw.JSON)
		if err != nil {
			fmt.Printf("record %d (line %d): %v\n", raw.N, raw.Line, err)
			continue
		}
		fmt.Printf("record %d (line %d): %s\n", raw.N, raw.Line, rec.Identity.ID)
	}
	// Output:
	// record 1 (line 2): 1001
	// record 2 (line 4): record: csv: column 2: a quote in a field that does not start with one
	// record 3 (line 5): 1003
}

// A front end that reports errors as JSON, as the browser playground does:
// the stage, the command's exit code and the message (as
// {"stage": "base45", "exit": 2, "message": "base45: ..."}).
func ExampleFailureOf() {
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{})
	if err != nil {
		log.Fatal(err)
	}
	_, err = dec.Decode("NOT BASE45!")
	f := record.FailureOf(err)
	fmt.Println(f.Stage, f.Exit)
	// Output:
	// base45 2
}
