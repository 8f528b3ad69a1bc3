// Command gen writes the zlib corpus of internal/compress: credentials
// as claim169's Encoder produces them, varied in every way that changes how
// they compress, generated deterministically from a fixed seed.
//
// From the module root:
//
//	go run ./testdata/zlibcorpus/gen
//	python3 testdata/zlibcorpus/reference.py
//
// The first command writes testdata/zlibcorpus/corpus.jsonl.gz, one JSON
// object per line: "name" (an index and what the credential holds) and
// "cose" (the COSE message in hex, what Deflate compresses). The second
// computes the lengths that C zlib's level 9 gives them, beside it.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"
)

func main() {
	out := flag.String("out", "testdata/zlibcorpus/corpus.jsonl.gz", "corpus file to write")
	rsaKey := flag.String("rsa", "cose/keys/testdata/rsa2048-pkcs8.key.pem", "RSA private key (PKCS #8 PEM) for the PS256 credentials")
	n := flag.Int("n", 1000, "number of credentials")
	flag.Parse()
	ks, err := newKeySet(*rsaKey)
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw := gzip.NewWriter(f) // no name, no time: the file depends only on its content
	w := bufio.NewWriter(zw)
	r := rand.New(rand.NewPCG(169, 1950))
	for i := range *n {
		msg, what, err := credential(r, ks)
		if err != nil {
			log.Fatalf("credential %d: %v", i, err)
		}
		line, err := json.Marshal(struct {
			Name string `json:"name"`
			COSE string `json:"cose"`
		}{fmt.Sprintf("%04d %s", i, strings.Join(what, " ")), hex.EncodeToString(msg)})
		if err != nil {
			log.Fatal(err)
		}
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
