package cborscan

import (
	"strings"

	ts "github.com/idqr/claim169/internal/testsupport"
)

// unhex is testsupport.Unhex: hex, spaces allowed.
var unhex = ts.Unhex

// wellFormed are complete items, several from RFC 8949 Appendix A, each
// marked plain when it has only definite lengths and no tag.
var wellFormed = []struct {
	name  string
	hex   string
	plain bool
}{
	{"0", "00", true},
	{"1000000000000", "1b000000e8d4a51000", true},
	{"-1000", "3903e7", true},
	{"1.1", "fb3ff199999999999a", true},
	{"false", "f4", true},
	{"null", "f6", true},
	{"simple(255)", "f8ff", true},
	{"h''", "40", true},
	{"h'01020304'", "4401020304", true},
	{`"IETF"`, "6449455446", true},
	{`"\u6c34"`, "63e6b0b4", true},
	{"[]", "80", true},
	{"[1, [2, 3], [4, 5]]", "8301820203820405", true},
	{"{}", "a0", true},
	{`{"a": 1, "b": [2, 3]}`, "a26161016162820203", true},
	{"0(\"2013-03-21T20:04:00Z\")", "c074323031332d30332d32315432303a30343a30305a", false},
	{"2(h'010000000000000000')", "c249010000000000000000", false},
	{"24(h'6449455446')", "d818456449455446", false},
	{"61(18([]))", "d83dd280", false},
	{"(_ h'0102', h'030405')", "5f42010243030405ff", false},
	{`(_ "strea", "ming")`, "7f657374726561646d696e67ff", false},
	{"[_ ]", "9fff", false},
	{"[_ 1, [2, 3], [_ 4, 5]]", "9f018202039f0405ffff", false},
	{"{_ \"a\": 1}", "bf616101ff", false},
	{"[1, 2(h'01')]", "8201c24101", false},
	{"{1: [_ ]}", "a1019fff", false},
}

// malformed are inputs that do not start with a complete, well-formed item.
var malformed = []struct {
	name string
	hex  string
}{
	{"empty", ""},
	{"truncated head", "19 01"},
	{"reserved additional information 28", "1c"},
	{"reserved additional information 30", "5e"},
	{"indefinite integer", "1f"},
	{"indefinite tag", "df 00"},
	{"break code", "ff"},
	{"truncated byte string", "44 0102"},
	{"byte string of 2^64-1 bytes", "5b ffffffffffffffff"},
	{"array of 2^64-1 elements", "9b ffffffffffffffff"},
	{"map of 2^63 pairs", "bb 8000000000000000"},
	{"truncated array", "83 01 02"},
	{"truncated map", "a1 01"},
	{"unterminated indefinite array", "9f 01 02"},
	{"indefinite map with a key and no value", "bf 01 ff"},
	{"indefinite string with a text chunk", "5f 6161 ff"},
	{"indefinite string with an indefinite chunk", "5f 5f ff ff"},
	{"unterminated indefinite string", "5f 4101"},
	{"tag without content", "c1"},
	{"tag on a break", "c1 ff"},
	{"simple value below 32 in two bytes", "f8 10"},
	{"17 nested arrays", strings.Repeat("81", 17) + "00"},
	{"16 nested arrays in a chain of two tags", "c1c1" + strings.Repeat("81", 16) + "00"},
}
