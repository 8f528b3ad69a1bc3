package main

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

var updateOutput = flag.Bool("update", false, "rewrite testdata/output/*.json from the command's output")

// outputDir holds the pinned output of decode and inspect, and the
// credentials and keys made for it.
const outputDir = "testdata/output"

// outputCase is one run of decode or inspect whose stdout is pinned byte for
// byte in outputDir/name.json.
type outputCase struct {
	name string
	text func(t *testing.T) string
	args []string
}

// goldenText returns the QR text of a golden vector.
func goldenText(name string) func(t *testing.T) string {
	return func(t *testing.T) string {
		g, ok := vectors.LookupGolden(name)
		require.True(t, ok, name)
		return g.Base45
	}
}

// fileText returns the QR text stored in outputDir.
func fileText(name string) func(t *testing.T) string {
	return func(t *testing.T) string {
		data := mustReadFile(t, filepath.Join(outputDir, name))
		return strings.TrimSpace(string(data))
	}
}

// specText returns the QR text of the specification's example.
func specText(t *testing.T) string { return ts.Wrap(t, vectors.SpecExampleCOSE()) }

func outputCases() []outputCase {
	// The goldens are signed with the RFC 8032 §7.1 TEST 1 key, as is
	// html-encrypted-x5chain.txt, whose identity, claims, kid and
	// certificate hold <, > and &.
	key := filepath.Join(outputDir, "issuer.pub.hex")
	aes := filepath.Join(outputDir, "aes256.hex")
	other := filepath.Join(outputDir, "other.pub.hex") // RFC 8032 §7.1 TEST 2
	at := func(now string) []string { return []string{"--now", now} }
	verify := append([]string{"decode", "--key", key}, at("1760000000")...)
	var cases []outputCase
	for _, g := range []string{"01-minimal", "02-demographics-full", "03-non-latin-scripts", "04-biometrics-all",
		"05-unknown-keys", "06-kid-protected-tag61", "07-kid-unprotected-untagged", "08-cwt-all-claims",
		"09-zero-values-present", "12-deviations-spec-style", "13-mistyped-fields"} {
		cases = append(cases,
			outputCase{g + ".decode", goldenText(g), verify},
			outputCase{g + ".inspect", goldenText(g), []string{"inspect"}})
	}
	return append(cases,
		outputCase{"10-expired.inspect", goldenText("10-expired"), []string{"inspect"}},
		outputCase{"15-wrong-key.allow-unverified", goldenText("15-wrong-key"),
			append([]string{"decode", "--key", other, "--allow-unverified"}, at("1760000000")...)},
		outputCase{"mosip-spec.inspect", specText, []string{"inspect"}},
		outputCase{"mosip-spec.decode-unverified", specText, append([]string{"decode", "--allow-unverified"}, at("1760000000")...)},
		outputCase{"html-encrypted-x5chain.decode", fileText("html-encrypted-x5chain.txt"),
			append([]string{"decode", "--key", key, "--decrypt-key", aes}, at("1760000000")...)},
		outputCase{"html-encrypted-x5chain.inspect", fileText("html-encrypted-x5chain.txt"),
			[]string{"inspect", "--decrypt-key", aes}},
		outputCase{"binary-kid-no-claims.decode", fileText("binary-kid-no-claims.txt"), []string{"decode", "--key", key}},
		outputCase{"binary-kid-no-claims.inspect", fileText("binary-kid-no-claims.txt"), []string{"inspect"}},
	)
}

// The JSON that decode and inspect print is a contract: names, order,
// escaping and layout stay byte for byte what outputDir pins. Run with
// -update to rewrite it after a deliberate change.
func TestOutputPinned(t *testing.T) {
	for _, c := range outputCases() {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.text(t)+"\n", c.args...)
			require.Equal(t, 0, r.code, r.stderr)
			want := ts.GoldenFile(t, filepath.Join(outputDir, c.name+".json"), []byte(r.stdout), *updateOutput)
			assert.Equal(t, string(want), r.stdout, r.stderr)
		})
	}
}
