package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBatchUsageErrors(t *testing.T) {
	key, _ := batchKeys(t)
	dir := t.TempDir()
	in := writeFile(t, dir, "people.jsonl", batchGood(1)+"\n")
	notDir := writeFile(t, dir, "file", "")
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no key", []string{"--in", in, "--out", out}, "--key is required"},
		{"no input", []string{"--key", key, "--out", out}, "--in is required"},
		{"no output", []string{"--key", key, "--in", in}, "--out is required"},
		{"missing key file", []string{"--key", filepath.Join(dir, "nope.pem"), "--in", in, "--out", out}, "io: --key"},
		{"missing input", []string{"--key", key, "--in", filepath.Join(dir, "nope.jsonl"), "--out", out}, "io: --in"},
		{"output is a file", []string{"--key", key, "--in", in, "--out", notDir}, "io: --out"},
		{"unknown format", []string{"--key", key, "--in", notDir, "--out", out}, "cannot tell the format"},
		{"bad format flag", []string{"--key", key, "--in", in, "--out", out, "--format", "xml"}, "cannot tell the format"},
		{"bad ecc", []string{"--key", key, "--in", in, "--out", out, "--ecc", "X"}, "--ecc"},
		{"no workers", []string{"--key", key, "--in", in, "--out", out, "--workers", "0"}, "--workers"},
		{"too many workers", []string{"--key", key, "--in", in, "--out", out, "--workers", "100000"}, "--workers"},
		{"bad alg", []string{"--key", key, "--in", in, "--out", out, "--alg", "HS256"}, "signature algorithm"},
		{"stray argument", []string{"--key", key, "--in", in, "--out", out, "extra"}, "unexpected argument"},
		{"shard K = N", []string{"--key", key, "--in", in, "--out", out, "--shard", "4/4"}, "--shard: want K/N"},
		{"shard K < 0", []string{"--key", key, "--in", in, "--out", out, "--shard", "-1/4"}, "--shard: want K/N"},
		{"shard N = 0", []string{"--key", key, "--in", in, "--out", out, "--shard", "0/0"}, "--shard: want K/N"},
		{"shard not K/N", []string{"--key", key, "--in", in, "--out", out, "--shard", "2"}, "--shard: want K/N"},
		{"shard words", []string{"--key", key, "--in", in, "--out", out, "--shard", "a/b"}, "--shard: want K/N"},
		{"shard N too large", []string{"--key", key, "--in", in, "--out", out, "--shard", "0/99999999"}, "--shard: want K/N"},
		{"file mode for others to write", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0666"}, "--file-mode"},
		{"file mode owner cannot write", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0400"}, "--file-mode"},
		{"file mode executable", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "0700"}, "--file-mode"},
		{"file mode not octal", []string{"--key", key, "--in", in, "--out", out, "--file-mode", "rw"}, "--file-mode"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := batchRun("", append([]string{"batch"}, tc.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line")
		})
	}
	_, err := os.Stat(out)
	assert.True(t, os.IsNotExist(err), "no output directory on a usage error")
}

func TestBatchHelp(t *testing.T) {
	code, stdout, _ := batchRun("", "batch", "--help")
	assert.Equal(t, exitOK, code)
	for _, want := range []string{"Usage: claim169 batch", "--workers", "--resume", "--shard", "--file-mode", "Example:", "errors.jsonl", "errors-K-of-N.jsonl"} {
		assert.Contains(t, stdout, want)
	}
	code, stdout, _ = batchRun("", "--help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, stdout, "batch")
}
