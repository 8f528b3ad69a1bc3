package batchkubernetes_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// job is the part of job.yaml the test reads.
type job struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				RestartPolicy string `yaml:"restartPolicy"`
				Containers    []struct {
					Env []struct {
						Name  string `yaml:"name"`
						Value string `yaml:"value"`
					} `yaml:"env"`
					Command []string `yaml:"command"`
					Args    []string `yaml:"args"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T) *job {
	t.Helper()
	data, err := os.ReadFile("job.yaml")
	require.NoError(t, err)
	j := new(job)
	require.NoError(t, yaml.Unmarshal(data, j))
	return j
}

func TestJobManifest(t *testing.T) {
	j := readJob(t)
	assert.Equal(t, "batch/v1", j.APIVersion)
	assert.Equal(t, "Job", j.Kind)
	assert.Equal(t, "Indexed", j.Spec.CompletionMode)
	assert.Positive(t, j.Spec.Completions)
	assert.LessOrEqual(t, j.Spec.Parallelism, j.Spec.Completions)
	assert.Equal(t, "Never", j.Spec.Template.Spec.RestartPolicy)
	require.Len(t, j.Spec.Template.Spec.Containers, 1)
	c := j.Spec.Template.Spec.Containers[0]
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
	}
	assert.Equal(t, strconv.Itoa(j.Spec.Completions), env["SHARDS"], "one shard per completion index")
	assert.Equal(t, []string{"/bin/sh", "-c"}, c.Command)
	require.Len(t, c.Args, 1)
	assert.Contains(t, c.Args[0], `--shard "$JOB_COMPLETION_INDEX/$SHARDS" --resume`)
}

// TestJobScript runs the Job's script once per completion index, as the
// cluster would (one after another here, sharing one directory), and
// checks that the shards issue exactly what one run issues.
func TestJobScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	j := readJob(t)
	script := j.Spec.Template.Spec.Containers[0].Args[0]
	bin := t.TempDir()
	out, err := exec.Command("go", "build", "-o", bin, "../../cmd/claim169").CombinedOutput()
	require.NoError(t, err, "%s", out)
	claim169 := filepath.Join(bin, "claim169")

	dir := t.TempDir()
	key := filepath.Join(dir, "issuer")
	out, err = exec.Command(claim169, "keygen", "--out", key).CombinedOutput()
	require.NoError(t, err, "%s", out)
	var people strings.Builder
	people.WriteString("id,fullName,issuer\n")
	for i := 1; i <= 30; i++ {
		name := fmt.Sprintf("Person %d", i)
		if i == 17 {
			name = `Pat O"Brien` // a bad record: the shard still succeeds
		}
		fmt.Fprintf(&people, "P-%d,%s,batch.example\n", i, name)
	}
	in := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(in, []byte(people.String()), 0o600))

	shared := filepath.Join(dir, "credentials")
	for k := range j.Spec.Completions {
		cmd := exec.Command("sh", "-c", script)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"JOB_COMPLETION_INDEX="+strconv.Itoa(k), "SHARDS="+strconv.Itoa(j.Spec.Completions),
			"IN="+in, "OUT="+shared, "KEY="+key+".key.pem")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "index %d: %s", k, out)
	}
	whole := filepath.Join(dir, "whole")
	out, err = exec.Command(claim169, "batch", "--key", key+".key.pem", "--in", in, "--out", whole, "--png").CombinedOutput()
	require.Error(t, err, "record 17 is bad: %s", out)

	assert.Equal(t, credentials(t, whole), credentials(t, shared))
	var errorFiles []string
	for k := range j.Spec.Completions {
		errorFiles = append(errorFiles, fmt.Sprintf("errors-%d-of-%d.jsonl", k, j.Spec.Completions))
	}
	names := names(t, shared)
	for _, name := range errorFiles {
		assert.Contains(t, names, name)
	}
	bad := (17 - 1) % j.Spec.Completions // the shard of record 17
	data, err := os.ReadFile(filepath.Join(shared, errorFiles[bad]))
	require.NoError(t, err)
	assert.Contains(t, string(data), `"record":17`)
}

// names returns the names of the files in dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// credentials returns the N.txt and N.png files of dir with their contents.
func credentials(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, name := range names(t, dir) {
		if ext := filepath.Ext(name); (ext == ".txt" || ext == ".png") && !strings.HasPrefix(name, ".") {
			data, err := os.ReadFile(filepath.Join(dir, name))
			require.NoError(t, err)
			files[name] = string(data)
		}
	}
	require.NotEmpty(t, files)
	assert.NotContains(t, files, "17.txt")
	return files
}
