package testsupport

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TextFiles returns the files of dir whose names match pattern (filepath.Match), by
// name, each without its final newline: vectors kept one per text file, as the QR texts
// of testdata/brotli. It fails tb when none match.
func TextFiles(tb testing.TB, dir, pattern string) map[string]string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("text files %s in %s: none (%v)", pattern, dir, err)
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatalf("text files: %v", err)
		}
		out[filepath.Base(p)] = strings.TrimSuffix(string(data), "\n")
	}
	return out
}
