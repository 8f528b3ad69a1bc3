package testsupport

import (
	"os"
	"path/filepath"
	"testing"
)

// GoldenFile returns the content of the golden file at path, after writing got to it
// (its directory made if need be) when update is set, as a test's -update flag asks: the
// test then compares got with what GoldenFile returns.
func GoldenFile(tb testing.TB, path string, got []byte, update bool) []byte {
	tb.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatalf("golden file: %v", err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatalf("golden file: %v", err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("golden file: %v", err)
	}
	return want
}
