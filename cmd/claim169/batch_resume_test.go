package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchCSVPeople returns a CSV of people with these names, whose ids are
// P-1, P-2, … in order.
func batchCSVPeople(names ...string) string {
	var in strings.Builder
	in.WriteString("id,fullName,issuer\n")
	for i, name := range names {
		fmt.Fprintf(&in, "P-%d,%s,batch.example\n", i+1, name)
	}
	return in.String()
}

// batchCheckAll checks that dir holds exactly the credentials of the good
// records of want (by number; "" marks a bad one), each for its own person.
func batchCheckAll(t *testing.T, dir string, dec batchDecoder, want map[int]string) {
	t.Helper()
	var good []int
	for n := 1; n <= len(want); n++ {
		if want[n] != "" {
			good = append(good, n)
		}
	}
	assert.Equal(t, good, batchOutputs(t, dir, false))
	for _, n := range good {
		assert.Equal(t, want[n], dec.decode(t, dir, n).Identity.FullName, "record %d", n)
	}
}

// TestBatchResume checks that --resume skips records whose files it wrote,
// and redoes those with a missing, empty or replaced file.
func TestBatchResume(t *testing.T) {
	key, dec := batchKeys(t)
	var in strings.Builder
	for i := 1; i <= 10; i++ {
		line := batchGood(i)
		if i == 9 {
			line = batchBad(10) // divisible by 5: a bad gender
		}
		in.WriteString(line + "\n")
	}
	path := writeFile(t, t.TempDir(), "people.jsonl", in.String())
	out := t.TempDir()
	code, stdout, _ := batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png")
	require.Equal(t, exitMalformed, code)
	require.Equal(t, "batch: 10 records: 9 written, 0 skipped, 1 bad\n", stdout)

	require.NoError(t, os.Remove(filepath.Join(out, "3.txt")))
	require.NoError(t, os.Remove(filepath.Join(out, "4.png")))
	require.NoError(t, os.WriteFile(filepath.Join(out, "5.txt"), nil, 0o644)) // a truncated file
	require.NoError(t, os.WriteFile(filepath.Join(out, "6.txt"), []byte("not what was written\n"), 0o600))
	code, stdout, _ = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--png", "--resume")
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 10 records: 4 written, 5 skipped, 1 bad\n", stdout)
	lines, _ := batchErrors(t, out)
	assert.Equal(t, []int{9}, lines, "the bad record is tried and reported again")
	for _, i := range []int{3, 4, 5, 6} {
		dec.decode(t, out, i)
	}

	// Without --png, a record needs only its text.
	require.NoError(t, os.Remove(filepath.Join(out, "7.png")))
	code, stdout, _ = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--resume")
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 10 records: 0 written, 9 skipped, 1 bad\n", stdout)
}

// TestBatchResumeStrayQuote is the review's case: a stray quote in an
// unquoted CSV field is one bad record, listed with its number and line,
// and every other record is issued under its own number; once the quote
// is mended, --resume issues that record alone; once a record is inserted,
// --resume rewrites every record whose number now holds another person;
// once a record turns bad, its old files go.
func TestBatchResumeStrayQuote(t *testing.T) {
	key, dec := batchKeys(t)
	in, out := t.TempDir(), t.TempDir()
	people := []string{"Ann Lee", `Pat O"Brien`, "Bob Ray", "Cy Dorn", "Dee Moss", "Eve Hart"}
	path := writeFile(t, in, "people.csv", batchCSVPeople(people...))
	code, stdout, _ := batchRun("", "batch", "--key", key, "--in", path, "--out", out)
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 6 records: 5 written, 0 skipped, 1 bad\n", stdout)
	entries, text := batchErrorsIn(t, out, errorsFile)
	require.Len(t, entries, 1)
	assert.Equal(t, 2, entries[0].Record)
	assert.Equal(t, 3, entries[0].Line)
	assert.NotContains(t, text, "Brien")
	batchCheckAll(t, out, dec, map[int]string{1: "Ann Lee", 2: "", 3: "Bob Ray", 4: "Cy Dorn", 5: "Dee Moss", 6: "Eve Hart"})

	people[1] = "Pat OBrien"
	writeFile(t, in, "people.csv", batchCSVPeople(people...))
	code, stdout, _ = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--resume")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 1 written, 5 skipped, 0 bad\n", stdout)
	batchCheckAll(t, out, dec, map[int]string{1: "Ann Lee", 2: "Pat OBrien", 3: "Bob Ray", 4: "Cy Dorn", 5: "Dee Moss", 6: "Eve Hart"})

	people = append(people[:3:3], append([]string{"New Comer"}, people[3:]...)...)
	writeFile(t, in, "people.csv", batchCSVPeople(people...))
	code, stdout, _ = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--resume")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 7 records: 4 written, 3 skipped, 0 bad\n", stdout)
	batchCheckAll(t, out, dec, map[int]string{1: "Ann Lee", 2: "Pat OBrien", 3: "Bob Ray", 4: "New Comer", 5: "Cy Dorn", 6: "Dee Moss", 7: "Eve Hart"})

	// A record that turns bad loses the files an earlier run wrote for it.
	people[4] = `Cy "Dorn`
	writeFile(t, in, "people.csv", batchCSVPeople(people...))
	code, stdout, _ = batchRun("", "batch", "--key", key, "--in", path, "--out", out, "--resume")
	require.Equal(t, exitMalformed, code)
	assert.Equal(t, "batch: 7 records: 0 written, 6 skipped, 1 bad\n", stdout)
	batchCheckAll(t, out, dec, map[int]string{1: "Ann Lee", 2: "Pat OBrien", 3: "Bob Ray", 4: "New Comer", 5: "", 6: "Dee Moss", 7: "Eve Hart"})
}

// TestBatchResumeChecksFiles checks that --resume redoes a PNG cut short,
// a file replaced by another record's, and everything signed with another
// key or kid.
func TestBatchResumeChecksFiles(t *testing.T) {
	key, dec := batchKeys(t)
	path := batchInput(t, 6)
	out := t.TempDir()
	args := []string{"batch", "--key", key, "--in", path, "--out", out, "--png", "--resume"}
	code, stdout, stderr := batchRun("", args...)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, "batch: 6 records: 6 written, 0 skipped, 0 bad\n", stdout)

	png := filepath.Join(out, "2.png")
	data := mustReadFile(t, png)
	require.NoError(t, os.WriteFile(png, data[:len(data)/2], 0o600)) // cut short
	txt := mustReadFile(t, filepath.Join(out, "3.txt"))
	require.NoError(t, os.WriteFile(filepath.Join(out, "4.txt"), txt, 0o600)) // another record's
	code, stdout, _ = batchRun("", args...)
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 2 written, 4 skipped, 0 bad\n", stdout)
	for _, n := range batchOutputs(t, out, true) {
		assert.Equal(t, fmt.Sprintf("Name Number %d", n), dec.decode(t, out, n).Identity.FullName)
	}
	again := mustReadFile(t, png)
	assert.Equal(t, data, again, "the PNG is whole again")

	code, stdout, _ = batchRun("", append(args, "--kid", "other")...)
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 6 written, 0 skipped, 0 bad\n", stdout, "another kid: all redone")
	other, _ := batchKeys(t)
	code, stdout, _ = batchRun("", "batch", "--key", other, "--in", path, "--out", out, "--resume", "--kid", "other")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 6 written, 0 skipped, 0 bad\n", stdout, "another key: all redone")

	// A line of the issued list cut short (by an interruption) costs its
	// record only.
	list := filepath.Join(out, ".issued.jsonl")
	data = mustReadFile(t, list)
	require.NoError(t, os.WriteFile(list, data[:len(data)-10], 0o600))
	code, stdout, _ = batchRun("", "batch", "--key", other, "--in", path, "--out", out, "--resume", "--kid", "other")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 1 written, 5 skipped, 0 bad\n", stdout)
	code, stdout, _ = batchRun("", "batch", "--key", other, "--in", path, "--out", out, "--resume", "--kid", "other")
	require.Equal(t, exitOK, code)
	assert.Equal(t, "batch: 6 records: 0 written, 6 skipped, 0 bad\n", stdout, "the list is whole again")
}
