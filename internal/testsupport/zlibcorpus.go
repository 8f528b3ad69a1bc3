package testsupport

import (
	"bufio"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// ZlibCredential is one credential of the zlib corpus (testdata/zlibcorpus
// at the module root): a COSE message as claim169's Encoder produces it,
// and the length of the zlib stream C zlib's level 9 writes for it.
type ZlibCredential struct {
	Name   string // an index and what the credential holds
	COSE   []byte
	CZlib9 int
}

// ZlibCorpus reads the zlib corpus from dir: corpus.jsonl.gz, written by
// testdata/zlibcorpus/gen, and reference.json, written by
// reference.py with C zlib. It fails tb if they do not match.
func ZlibCorpus(tb testing.TB, dir string) []ZlibCredential {
	tb.Helper()
	var ref struct {
		Credentials []struct {
			Name   string `json:"name"`
			Length int    `json:"length"`
			CZlib9 int    `json:"czlib9"`
		} `json:"credentials"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "reference.json"))
	if err == nil {
		err = json.Unmarshal(data, &ref)
	}
	if err != nil {
		tb.Fatalf("zlib corpus reference: %v", err)
	}
	f, err := os.Open(filepath.Join(dir, "corpus.jsonl.gz"))
	if err != nil {
		tb.Fatalf("zlib corpus: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("zlib corpus: %v", err)
	}
	var out []ZlibCredential
	lines := bufio.NewScanner(zr)
	lines.Buffer(nil, 1<<20)
	for i := 0; lines.Scan(); i++ {
		var line struct{ Name, COSE string }
		if err := json.Unmarshal(lines.Bytes(), &line); err != nil {
			tb.Fatalf("zlib corpus line %d: %v", i+1, err)
		}
		msg, err := hex.DecodeString(line.COSE)
		if err != nil || i >= len(ref.Credentials) || ref.Credentials[i].Name != line.Name || ref.Credentials[i].Length != len(msg) {
			tb.Fatalf("zlib corpus line %d does not match reference.json (%v): rerun reference.py", i+1, err)
		}
		out = append(out, ZlibCredential{Name: line.Name, COSE: msg, CZlib9: ref.Credentials[i].CZlib9})
	}
	if err := lines.Err(); err != nil || len(out) != len(ref.Credentials) {
		tb.Fatalf("zlib corpus: %d credentials for %d references (%v)", len(out), len(ref.Credentials), err)
	}
	return out
}
