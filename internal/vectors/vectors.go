package vectors

import (
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"path"
	"strings"
)

//go:embed idpass golden mosip-spec cose-wg
var files embed.FS

// FS returns every vector file as published, under one directory per Set (idpass/valid/
// minimal.json, golden/01-minimal.json, mosip-spec/spec-example-cose.hex,
// cose-wg/sign1-tests/sign-pass-01.json, …), SOURCE and LICENSE files included.
func FS() fs.FS { return files }

// Set names one set of vectors: its directory in FS.
type Set string

// The sets of vectors.
const (
	SetIdpass    Set = "idpass"     // idpass/claim-169 conformance vectors (MIT)
	SetGolden    Set = "golden"     // this project's end-to-end vectors (MIT)
	SetMOSIPSpec Set = "mosip-spec" // the Claim 169 specification's example
	SetCOSEWG    Set = "cose-wg"    // COSE working group examples (public domain)
)

// Sets returns every set, in the order of the package documentation.
func Sets() []Set { return []Set{SetIdpass, SetGolden, SetMOSIPSpec, SetCOSEWG} }

// Source returns the set's SOURCE note: where its files come from, at which commit, under
// which licence, and any known defect.
func (s Set) Source() string { return s.note("SOURCE") }

// License returns the text of the set's own LICENSE file, or "" for a set without one (the
// golden vectors are under the module's licence; the specification's example is covered by
// its SOURCE note).
func (s Set) License() string { return s.note("LICENSE") }

func (s Set) note(name string) string {
	data, err := fs.ReadFile(files, path.Join(string(s), name))
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	must(err)
	return string(data)
}

// readJSON returns every .json file below dir, in lexical order of path, with its path.
func readJSON(dir string) (paths []string, contents [][]byte) {
	err := fs.WalkDir(files, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := fs.ReadFile(files, p)
		paths, contents = append(paths, p), append(contents, data)
		return err
	})
	must(err)
	return paths, contents
}

// unmarshal decodes an embedded JSON file into v.
func unmarshal(name string, data []byte, v any) {
	if err := json.Unmarshal(data, v); err != nil {
		panic("vectors: " + name + ": " + err.Error())
	}
}

// unhex decodes a hex field of an embedded file; "" is nil.
func unhex(name, s string) []byte {
	if s == "" {
		return nil
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		panic("vectors: " + name + ": " + err.Error())
	}
	return b
}

// must panics on an error reading the embedded files, which only a broken build can cause.
func must(err error) {
	if err != nil {
		panic("vectors: " + err.Error())
	}
}
