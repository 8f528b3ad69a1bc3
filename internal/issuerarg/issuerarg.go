// Package issuerarg splits the command-line arguments that bind trust
// material to one issuer, as the claim169 command and the verifier service
// take them: ISSUER=FILE or FILE for trust anchors, ISSUER=URL or URL for a
// key set to fetch. A bare FILE or URL is for every issuer.
package issuerarg

import (
	"errors"
	"strings"
)

// ErrSyntax reports an ISSUER=FILE argument with an empty side.
var ErrSyntax = errors.New("give ISSUER=FILE or FILE")

// File splits ISSUER=FILE on its last '=', since an issuer URL may hold
// one; bound reports that an issuer was given. An empty argument, issuer or
// file is refused with ErrSyntax: "=ca.pem" would otherwise bind the
// anchors to the empty issuer.
func File(arg string) (issuer, path string, bound bool, err error) {
	i := strings.LastIndexByte(arg, '=')
	if i >= 0 {
		issuer, path, bound = arg[:i], arg[i+1:], true
	} else {
		path = arg
	}
	if path == "" || bound && issuer == "" {
		return "", "", false, ErrSyntax
	}
	return issuer, path, bound, nil
}

// URL splits ISSUER=URL before the URL's scheme (an issuer and a URL may
// both hold '='); an '=' in a query or fragment does not split. An
// argument without ISSUER= returns the empty issuer.
func URL(arg string) (issuer, url string) {
	for _, scheme := range []string{"=https://", "=http://"} {
		if i := strings.Index(arg, scheme); i > 0 && !strings.ContainsAny(arg[:i], "?#") {
			return arg[:i], arg[i+1:]
		}
	}
	return "", arg
}
