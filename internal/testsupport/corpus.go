package testsupport

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzCorpus returns the []byte inputs committed under testdata/fuzz/<target>
// of the package under test, none when there are no such files, so that a
// differential test can start from the crashers of other fuzz targets.
func FuzzCorpus(tb testing.TB, target string) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	if err != nil {
		tb.Fatalf("fuzz corpus %s: %v", target, err)
	}
	var out [][]byte
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			tb.Fatalf("fuzz corpus: %v", err)
		}
		for _, line := range bytes.Split(content, []byte("\n")) {
			quoted, ok := bytes.CutPrefix(line, []byte("[]byte("))
			if !ok {
				continue
			}
			s, err := strconv.Unquote(string(bytes.TrimSuffix(quoted, []byte(")"))))
			if err != nil {
				tb.Fatalf("fuzz corpus %s: %v", file, err)
			}
			out = append(out, []byte(s))
		}
	}
	return out
}
