package main

import (
	"fmt"
	"os"

	"github.com/idqr/claim169/claim169test"
)

const vectorsExample = `  claim169 vectors --out conformance
  # writes conformance/golden/*.json, conformance/idpass/*/*.json, conformance/mosip-spec/example.json,
  # a README and each set's SOURCE and LICENSE; docs/VECTORS.md documents the schema`

// runVectors writes the conformance pack, the vectors of package
// claim169test as JSON files, into a new or empty directory.
func runVectors(e *env, args []string) error {
	fs := newFlagSet(e, "vectors", "--out DIR", vectorsExample)
	out := fs.String("out", "", "`DIR` to write the pack into; created if missing, existing files are not overwritten")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("vectors: --out is required")
	}
	if err := os.CopyFS(*out, claim169test.Pack()); err != nil {
		return &ioError{"write the pack", err}
	}
	fmt.Fprintf(e.stdout, "wrote %d conformance vectors (schema %s) to %s\n",
		len(claim169test.Vectors()), claim169test.Schema, *out)
	return nil
}
