package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBatchProcesses runs the command as separate processes, built once:
// killed and resumed, and split in shards.
func TestBatchProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "claim169")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Run("kill -9 and resume", func(t *testing.T) { testBatchKilled(t, bin) })
	t.Run("shards", func(t *testing.T) { testBatchShards(t, bin) })
}

// batchSummary matches the command's last line.
var batchSummary = regexp.MustCompile(`^batch: ([0-9]+) records: ([0-9]+) written, ([0-9]+) skipped, ([0-9]+) bad\n$`)

// batchCounts returns the counts of the summary: records, written,
// skipped, bad.
func batchCounts(t *testing.T, stdout string) [4]int {
	t.Helper()
	m := batchSummary.FindStringSubmatch(stdout)
	require.NotNil(t, m, "%q", stdout)
	var c [4]int
	for i := range c {
		c[i], _ = strconv.Atoi(m[i+1])
	}
	return c
}

// testBatchKilled kills a batch with PNGs (SIGKILL) once some records are
// done, twice, resuming in between, then resumes it to the end: nothing is
// lost or done twice, and every file is whole.
func testBatchKilled(t *testing.T, bin string) {
	key, dec := batchKeys(t)
	const n = 600
	path := batchInput(t, n)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"batch", "--key", key, "--in", path, "--out", out, "--png", "--workers", "2", "--resume"}
	for round := 1; round <= 2; round++ {
		cmd := exec.Command(bin, args...)
		require.NoError(t, cmd.Start())
		killed := false
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if texts, _ := filepath.Glob(filepath.Join(out, "*.txt")); len(texts) >= 60*round {
				killed = cmd.Process.Kill() == nil
				break
			}
		}
		err := cmd.Wait()
		if !killed || err == nil {
			t.Skipf("round %d: the batch ended before it was killed (%v)", round, err)
		}
	}

	// The resume writes the records not done and keeps the others' files.
	before := batchInodes(t, out)
	code, stdout, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--resume", "--workers", "1")
	require.Equal(t, exitOK, code, stderr)
	c := batchCounts(t, stdout)
	assert.Equal(t, n, c[0])
	assert.Equal(t, n, c[1]+c[2], "every record written or skipped")
	assert.GreaterOrEqual(t, c[2], 100, "the killed runs' records are kept")
	t.Logf("after two kills: %d written, %d skipped", c[1], c[2])
	after := batchInodes(t, out)
	assert.Equal(t, c[1], batchReplaced(before, after, ".txt"), "texts written")
	assert.Equal(t, c[1], batchReplaced(before, after, ".png"), "PNGs written")

	texts := batchOutputs(t, out, true)
	require.Len(t, texts, n)
	for _, i := range texts {
		assert.Equal(t, fmt.Sprintf("Name Number %d", i), dec.decode(t, out, i).Identity.FullName)
		data := mustReadFile(t, filepath.Join(out, strconv.Itoa(i)+".png"))
		_, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err, "%d.png is whole", i)
	}

	// A last resume, as a shard of one, finds everything done and touches
	// nothing.
	code, stdout, stderr = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--resume", "--shard", "0/1")
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, fmt.Sprintf("batch: %d records: 0 written, %d skipped, 0 bad\n", n, n), stdout)
	assert.Zero(t, batchReplaced(after, batchInodes(t, out), ".txt"))
	assert.Zero(t, batchReplaced(after, batchInodes(t, out), ".png"))
}

// batchInodes returns the files of dir by name.
func batchInodes(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	files := map[string]os.FileInfo{}
	for _, e := range entries {
		info, err := e.Info()
		require.NoError(t, err)
		files[e.Name()] = info
	}
	return files
}

// batchReplaced counts the files ending in ext of after that are new or
// other files than in before.
func batchReplaced(before, after map[string]os.FileInfo, ext string) int {
	n := 0
	for name, info := range after {
		if old, ok := before[name]; strings.HasSuffix(name, ext) && (!ok || !os.SameFile(old, info)) {
			n++
		}
	}
	return n
}

// testBatchShards runs N shards at once as processes sharing one
// directory, and checks that together they write exactly the files of one
// run, each once, and list the same bad records.
func testBatchShards(t *testing.T, bin string) {
	key, _ := batchKeys(t)
	const records, shards = 90, 4
	bad := []int{3, 10, 44, 45, 90}
	path := writeFile(t, t.TempDir(), "people.jsonl", batchLines(records, bad...))

	whole := t.TempDir()
	code, _, stderr := batchRun("", "batch", "--key", key, "--in", path, "--out", whole, "--png")
	require.Equal(t, exitMalformed, code, stderr)
	wholeErrors, _ := batchErrorsIn(t, whole, errorsFile)

	shared := filepath.Join(t.TempDir(), "shared")
	cmds := make([]*exec.Cmd, shards)
	stdouts := make([]*bytes.Buffer, shards)
	for k := range shards {
		stdouts[k] = new(bytes.Buffer)
		cmds[k] = exec.Command(bin, "batch", "--key", key, "--in", path, "--out", shared, "--png", "--workers", "1",
			"--shard", fmt.Sprintf("%d/%d", k, shards))
		cmds[k].Stdout = stdouts[k]
		require.NoError(t, cmds[k].Start())
	}
	var shardErrors []batchError
	written := 0
	for k, cmd := range cmds {
		err := cmd.Wait()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "shard %d has bad records", k)
		assert.Equal(t, exitMalformed, exit.ExitCode())
		c := batchCounts(t, stdouts[k].String())
		assert.Equal(t, (records+shards-1-k)/shards, c[0], "shard %d's records", k)
		written += c[1]
		entries, _ := batchErrorsIn(t, shared, fmt.Sprintf("errors-%d-of-%d.jsonl", k, shards))
		for _, e := range entries {
			assert.Equal(t, k, (e.Record-1)%shards, "record %d in shard %d's errors", e.Record, k)
		}
		shardErrors = append(shardErrors, entries...)
	}
	assert.Equal(t, records-len(bad), written, "each record written once")
	slices.SortFunc(shardErrors, func(a, b batchError) int { return a.Record - b.Record })
	assert.Equal(t, wholeErrors, shardErrors)

	want := batchOutputs(t, whole, true)
	require.Equal(t, want, batchOutputs(t, shared, true))
	for _, i := range want {
		assert.Equal(t, batchText(t, whole, i), batchText(t, shared, i), "record %d (Ed25519 signs deterministically)", i)
	}
}
