package claim169test_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outsideTest is the test of a module outside this one: it iterates the
// vectors and runs the runner on its own verifier, and on a broken one.
const outsideTest = `package verifier

import (
	"os"
	"testing"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169test"
)

func verify(v claim169test.Vector) (*claim169.Result, error) {
	dec, err := v.NewDecoder()
	if err != nil {
		return nil, err
	}
	if os.Getenv("SKIP_SIGNATURES") != "" {
		res, err := dec.DecodeUnverified(v.Text)
		if res != nil {
			res.Verification = claim169.Verified
		}
		return res, err
	}
	return dec.Decode(v.Text)
}

func TestConformance(t *testing.T) {
	if n := len(claim169test.Vectors()); n < 30 {
		t.Fatalf("%d vectors", n)
	}
	claim169test.Run(t, verify)
}
`

// A module outside this one imports the kit through a replace directive,
// iterates the vectors and runs the runner on its verifier: the runner
// passes it, and fails it when it skips signatures. It builds offline, from
// the module cache.
func TestOutsideModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	root, err := filepath.Abs("..") // the module root
	require.NoError(t, err)
	dir := t.TempDir()
	goMod := "module example.com/verifier\n\ngo 1.26.0\n\nrequire github.com/idqr/claim169 v0.0.0\n\n" +
		"replace github.com/idqr/claim169 => " + root + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644))
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "verifier_test.go"), []byte(outsideTest), 0o644))

	run := func(env ...string) (string, error) {
		cmd := exec.Command(goBin, "test", "-count=1", "-v", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run()
	if err != nil && strings.Contains(out, "GOPROXY=off") {
		t.Skipf("the module cache lacks a dependency, and the network is off:\n%s", out)
	}
	require.NoError(t, err, out)
	assert.Contains(t, out, "--- PASS: TestConformance")
	assert.Contains(t, out, "--- PASS: TestConformance/golden/10-expired")

	out, err = run("SKIP_SIGNATURES=1")
	require.Error(t, err, "a verifier that skips signatures fails")
	assert.Contains(t, out, "--- FAIL: TestConformance/golden/14-tampered-payload")
	assert.Contains(t, out, "accepted what must be refused (verification_failed at verify)")
}
