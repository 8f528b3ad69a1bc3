package cose

import (
	"cmp"
	"strconv"
	"strings"
)

// CBOR tags of the COSE messages this package reads and writes (RFC 9052
// §2, IANA "CBOR Tags" registry).
const (
	TagEncrypt0 uint64 = 16 // COSE_Encrypt0
	TagSign1    uint64 = 18 // COSE_Sign1
)

// HeaderLabel is an integer header parameter label from the IANA "COSE
// Header Parameters" registry.
type HeaderLabel int64

// Header parameter labels this package processes.
const (
	HeaderAlgorithm   HeaderLabel = 1  // RFC 9052 §3.1: alg, int / tstr
	HeaderCritical    HeaderLabel = 2  // RFC 9052 §3.1: crit, [+ label]
	HeaderContentType HeaderLabel = 3  // RFC 9052 §3.1: content type, uint / tstr
	HeaderKeyID       HeaderLabel = 4  // RFC 9052 §3.1: kid, bstr
	HeaderIV          HeaderLabel = 5  // RFC 9052 §3.1: IV, bstr
	HeaderPartialIV   HeaderLabel = 6  // RFC 9052 §3.1: Partial IV, bstr
	HeaderX5Bag       HeaderLabel = 32 // RFC 9360 §2: x5bag, COSE_X509
	HeaderX5Chain     HeaderLabel = 33 // RFC 9360 §2: x5chain, COSE_X509
	HeaderX5T         HeaderLabel = 34 // RFC 9360 §2: x5t, COSE_CertHash
	HeaderX5U         HeaderLabel = 35 // RFC 9360 §2: x5u, uri
)

var headerLabelNames = map[HeaderLabel]string{
	HeaderAlgorithm: "alg", HeaderCritical: "crit", HeaderContentType: "content type",
	HeaderKeyID: "kid", HeaderIV: "IV", HeaderPartialIV: "Partial IV",
	HeaderX5Bag: "x5bag", HeaderX5Chain: "x5chain", HeaderX5T: "x5t", HeaderX5U: "x5u",
}

// String returns the registry name of l ("alg", "kid", "x5chain"), or its
// decimal value for a label this package does not process.
func (l HeaderLabel) String() string {
	if name, ok := headerLabelNames[l]; ok {
		return name
	}
	return strconv.FormatInt(int64(l), 10)
}

// Label is any header parameter label: an integer or a text string (RFC 9052
// §3: label = int / tstr). The zero Label is the integer 0. Labels are
// comparable.
type Label struct {
	n      int64
	text   string
	isText bool
}

// IntLabel returns the integer label n.
func IntLabel(n int64) Label { return Label{n: n} }

// TextLabel returns the text-string label s.
func TextLabel(s string) Label { return Label{text: s, isText: true} }

// Label returns l as a [Label], for [Headers.Has].
func (l HeaderLabel) Label() Label { return IntLabel(int64(l)) }

// Int returns the value of an integer label; ok is false for a text label.
func (l Label) Int() (n int64, ok bool) { return l.n, !l.isText }

// Text returns the value of a text label; ok is false for an integer label.
func (l Label) Text() (s string, ok bool) { return l.text, l.isText }

// String returns an integer label in decimal followed by its registry name
// when it has one ("4 (kid)"), and a text label quoted.
func (l Label) String() string {
	if l.isText {
		return strconv.Quote(l.text)
	}
	if name, ok := headerLabelNames[HeaderLabel(l.n)]; ok {
		return strconv.FormatInt(l.n, 10) + " (" + name + ")"
	}
	return strconv.FormatInt(l.n, 10)
}

// compare orders labels for display: integers first, ascending, then text
// labels in byte order. It returns -1, 0 or +1.
func (l Label) compare(o Label) int {
	switch {
	case l.isText != o.isText:
		if l.isText {
			return 1
		}
		return -1
	case l.isText:
		return strings.Compare(l.text, o.text)
	}
	return cmp.Compare(l.n, o.n)
}
