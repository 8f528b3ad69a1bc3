package vectors

import (
	"path"
	"strings"
)

// SpecExampleCOSE returns the example credential of the Claim 169 specification (MOSIP "169 -
// QR Code Specifications" v1.2.0, section 3.2.1; SetMOSIPSpec): the COSE_Sign1 under the CWT
// tag 61, before zlib and Base45. Its signing key is not published.
func SpecExampleCOSE() []byte {
	name := path.Join(string(SetMOSIPSpec), "spec-example-cose.hex")
	data, err := files.ReadFile(name)
	must(err)
	return unhex(name, strings.TrimSpace(string(data)))
}
