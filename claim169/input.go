package claim169

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/idqr/claim169/base45"
)

// errEmpty reports QR text with nothing in it.
var errEmpty = errors.New("empty input")

// trimNewline removes exactly one trailing LF or CRLF from text, as a file
// or a terminal line ends: Base45 text contains spaces, so nothing else is
// trimmed.
func trimNewline(text string) string {
	if t, ok := strings.CutSuffix(text, "\n"); ok {
		return strings.TrimSuffix(t, "\r")
	}
	return text
}

// hinted is the error of text refused at the Base45 or zlib stage, with a
// hint at the usual way such text goes wrong.
type hinted struct {
	hint string
	err  error
}

func (h *hinted) Error() string { return h.hint + " (" + h.err.Error() + ")" }
func (h *hinted) Unwrap() error { return h.err }

// withHint returns err with a hint at what is wrong with text, if one
// applies. The hint describes the text, never quotes it.
func withHint(text string, err error) error {
	if h := inputHint(text); h != "" {
		return &hinted{h, err}
	}
	return err
}

// inputHint names the usual ways QR text is damaged between the scanner
// and the decoder, or "" when none applies.
func inputHint(text string) string {
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	switch {
	case first == '\uFEFF':
		return "the text starts with a byte order mark (U+FEFF): save it without one"
	case strings.ContainsRune(" \t\r\n", first):
		return "the text starts with whitespace, which Claim 169 QR text never does: remove it"
	case strings.ContainsRune("\"'\u201C\u2018", first) || strings.ContainsRune("\"'\u201D\u2019", last):
		return "the text is in quotes: remove them"
	case last == '\n' || last == '\r':
		return "the text ends with more than one newline: only one (LF or CRLF) is removed"
	case last == ' ' || last == '\t':
		return "the text ends with whitespace, which Claim 169 QR text never does: remove it"
	case strings.ContainsFunc(text, func(r rune) bool { return 'a' <= r && r <= 'z' }):
		return "the text has lower-case letters, which Base45 has none of: use the text exactly as scanned, without changing its case"
	case hasPrefix(text):
		return "the text starts with a prefix ending in ':' (as \"HC1:\" does), which Claim 169 QR text has none of: remove it"
	}
	return ""
}

// maxPrefix bounds the prefix hasPrefix looks for, colon included.
const maxPrefix = 8

// hasPrefix reports whether text is a short alphanumeric prefix and a
// colon before Base45 text that starts a zlib stream.
func hasPrefix(text string) bool {
	i := strings.IndexByte(text, ':')
	if i < 1 || i >= maxPrefix {
		return false
	}
	for _, c := range []byte(text[:i]) {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	raw, err := base45.DecodeString(text[i+1:])
	return err == nil && len(raw) >= 2 && raw[0]&0x0f == 8 && (uint(raw[0])<<8|uint(raw[1]))%31 == 0
}
