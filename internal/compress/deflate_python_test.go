package compress

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/internal/testsupport"
)

// python is the interpreter whose zlib module (C zlib) reads Deflate's
// output in TestDeflateReadByCZlib.
const python = "/usr/bin/python3"

// cZlibCheck reads lines of "stream plain" in hex, checks that C zlib
// inflates each stream to its plain text, and prints for each the length
// of C zlib's level-9 stream of the plain text, or -1 if the check fails.
const cZlibCheck = `
import sys, zlib
for line in sys.stdin:
    z, p = (bytes.fromhex(x) for x in line.rstrip("\n").split(" "))
    ok = zlib.decompress(z) == p
    c = zlib.compressobj(9, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY)
    print(len(c.compress(p) + c.flush()) if ok else -1)
`

// TestDeflateReadByCZlib checks, where Python 3 is installed, that C zlib
// (what Python, Node and most verifiers use) reads back everything Deflate
// writes, and that Deflate is never longer than C zlib's level 9 on random
// input, which nothing compresses.
func TestDeflateReadByCZlib(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Python")
	}
	if _, err := os.Stat(python); err != nil {
		t.Skip(python, " is not installed")
	}
	var inputs [][]byte
	for _, p := range deflateInputs() {
		inputs = append(inputs, p)
	}
	random := len(inputs)
	for n := 0; n < 3000; n += 1 + n/8 {
		inputs = append(inputs, randomBytes(n, uint64(n)+99))
	}
	structured := len(inputs)
	for i, c := range testsupport.ZlibCorpus(t, corpusDir) {
		if i%10 == 0 {
			inputs = append(inputs, c.COSE)
		}
	}
	lengths := runCZlib(t, inputs)
	for i, p := range inputs {
		out := Deflate(p)
		require.NotEqual(t, -1, lengths[i], "C zlib does not read back input %d (%d bytes)", i, len(p))
		if i >= random && i < structured {
			assert.LessOrEqual(t, len(out), lengths[i], "%d random bytes", len(p))
		}
	}
}

// runCZlib runs cZlibCheck on the streams Deflate writes for inputs and
// returns its answers.
func runCZlib(t *testing.T, inputs [][]byte) []int {
	t.Helper()
	var stdin bytes.Buffer
	for _, p := range inputs {
		fmt.Fprintf(&stdin, "%s %s\n", hex.EncodeToString(Deflate(p)), hex.EncodeToString(p))
	}
	cmd := exec.Command(python, "-c", cZlibCheck)
	cmd.Stdin = &stdin
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "python: %s", stderr.String())
	var lengths []int
	lines := bufio.NewScanner(bytes.NewReader(out))
	for lines.Scan() {
		n, err := strconv.Atoi(lines.Text())
		require.NoError(t, err)
		lengths = append(lengths, n)
	}
	require.Len(t, lengths, len(inputs))
	return lengths
}
