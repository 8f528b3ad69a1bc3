package vectors

import (
	"io/fs"
	"path"
	"strings"
)

// COSEWGExample is one example of the COSE working group (SetCOSEWG). Title, Fail and the
// message are decoded; keys, inputs and intermediates stay in JSON, whose layout is
// documented in the repository github.com/cose-wg/Examples.
type COSEWGExample struct {
	Group string // its directory: "sign1-tests", "CWT", …
	Name  string // its file name without ".json": "sign-pass-01", "A_3", …
	Title string // "title"
	Fail  bool   // "fail": the message must be rejected
	// Output is "output"."cbor": the encoded message, decoded from hex.
	Output []byte
	// JSON is the file as published.
	JSON []byte
}

// cosewgFile is the part of an example file every reader needs.
type cosewgFile struct {
	Title  string `json:"title"`
	Fail   bool   `json:"fail"`
	Output struct {
		CBOR string `json:"cbor"`
	} `json:"output"`
}

// COSEWGGroups returns the groups (directories) of the COSE WG examples held here, in
// lexical order: "CWT", "aes-gcm-examples", "chacha-poly-examples", "ecdsa-examples",
// "eddsa-examples", "encrypted-tests", "rsa-pss-examples", "sign1-tests".
func COSEWGGroups() []string {
	entries, err := fs.ReadDir(files, string(SetCOSEWG))
	must(err)
	var groups []string
	for _, e := range entries {
		if e.IsDir() {
			groups = append(groups, e.Name())
		}
	}
	return groups
}

// COSEWG returns the examples of one group, ordered by name; nil for a group not held here.
func COSEWG(group string) []COSEWGExample {
	dir := path.Join(string(SetCOSEWG), group)
	if group == "" || strings.Contains(group, "/") || !fs.ValidPath(dir) {
		return nil
	}
	if _, err := fs.Stat(files, dir); err != nil {
		return nil
	}
	paths, contents := readJSON(dir)
	out := make([]COSEWGExample, len(paths))
	for i, p := range paths {
		out[i] = parseCOSEWG(group, p, contents[i])
	}
	return out
}

// LookupCOSEWG returns the example name ("sign-pass-01") of group ("sign1-tests").
func LookupCOSEWG(group, name string) (COSEWGExample, bool) {
	if strings.Contains(group, "/") || strings.Contains(name, "/") {
		return COSEWGExample{}, false
	}
	p := path.Join(string(SetCOSEWG), group, name+".json")
	data, err := files.ReadFile(p)
	if err != nil {
		return COSEWGExample{}, false
	}
	return parseCOSEWG(group, p, data), true
}

func parseCOSEWG(group, name string, data []byte) COSEWGExample {
	var f cosewgFile
	unmarshal(name, data, &f)
	return COSEWGExample{
		Group: group, Name: strings.TrimSuffix(path.Base(name), ".json"),
		Title: f.Title, Fail: f.Fail, Output: unhex(name, f.Output.CBOR), JSON: data,
	}
}
