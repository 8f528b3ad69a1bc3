package cborscan

import (
	"bytes"
	"testing"

	"github.com/idqr/claim169/internal/strictcbor"
)

// FuzzLen checks the scanner against the strict decoder: every item that
// strictcbor.Valid accepts is scanned whole, the length of an item does not
// depend on what follows it, a plain item is a complete one, and the items
// of a container put back together give the container.
func FuzzLen(f *testing.F) {
	for _, tt := range wellFormed {
		f.Add(unhex(f, tt.hex))
	}
	for _, tt := range malformed {
		f.Add(unhex(f, tt.hex))
	}
	f.Add(manyItems(MaxItems, 0xa0))
	f.Add(manyItems(MaxItems+1, 0x80))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, ok := Len(data)
		if strictcbor.Valid(data) == nil && (!ok || n != len(data)) {
			t.Fatalf("Len = %d, %v on a valid item of %d bytes", n, ok, len(data))
		}
		if !ok {
			if n != 0 || Plain(data) {
				t.Fatal("a failed scan reports a length or a plain item")
			}
			return
		}
		if n < 1 || n > len(data) {
			t.Fatalf("Len = %d for %d bytes", n, len(data))
		}
		if m, ok := Len(data[:n]); !ok || m != n {
			t.Fatalf("Len of the item alone = %d, %v, want %d", m, ok, n)
		}
		if Plain(data) && n != len(data) {
			t.Fatal("Plain with bytes after the item")
		}
		checkItems(t, data[:n])
	})
}

// checkItems rebuilds a container from its head and its items.
func checkItems(t *testing.T, item []byte) {
	items, ok := Items(item)
	h, _ := ReadHead(item)
	if ok != (h.Major == MajorArray || h.Major == MajorMap) {
		t.Fatalf("Items ok = %v for major type %d", ok, h.Major)
	}
	if !ok {
		return
	}
	rebuilt := bytes.Clone(item[:h.Len])
	for _, it := range items {
		rebuilt = append(rebuilt, it...)
	}
	if h.Indefinite() {
		rebuilt = append(rebuilt, Break)
	}
	if !bytes.Equal(rebuilt, item) {
		t.Fatalf("items do not rebuild the container: % x", item)
	}
}

// FuzzRead checks each Read function against strictcbor.Unmarshal into its
// Go type, for items of its major type: the same items are accepted, with
// the same value.
func FuzzRead(f *testing.F) {
	for _, tc := range readCases {
		f.Add(unhex(f, tc.hex))
	}
	for _, tt := range wellFormed {
		f.Add(unhex(f, tt.hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkRead(t, data) })
}

// checkRead compares the Read functions on data with strictcbor.Unmarshal.
func checkRead(t *testing.T, data []byte) {
	major := MajorType(data)
	var s string
	sErr := strictcbor.Unmarshal(data, &s)
	gotS, ok := ReadText(data)
	if ok != (major == MajorText && sErr == nil) || ok && gotS != s {
		t.Fatalf("ReadText(% x) = %q, %v; strictcbor: %q, %v", data, gotS, ok, s, sErr)
	}
	var b []byte
	bErr := strictcbor.Unmarshal(data, &b)
	gotB, ok := ReadBytes(data)
	if ok != (major == MajorBytes && bErr == nil) || ok && (gotB == nil || !bytes.Equal(gotB, b)) {
		t.Fatalf("ReadBytes(% x) = %x, %v; strictcbor: %x, %v", data, gotB, ok, b, bErr)
	}
	var n int64
	nErr := strictcbor.Unmarshal(data, &n)
	gotN, ok := ReadInt(data)
	if ok != ((major == MajorUint || major == MajorNegInt) && nErr == nil) || ok && gotN != n {
		t.Fatalf("ReadInt(% x) = %d, %v; strictcbor: %d, %v", data, gotN, ok, n, nErr)
	}
	number, content, ok := ReadTag(data)
	h, hok := ReadHead(data)
	if ok != (hok && h.Major == MajorTag) || ok && (number != h.Arg || !bytes.Equal(content, data[h.Len:])) {
		t.Fatalf("ReadTag(% x) = %d, % x, %v", data, number, content, ok)
	}
}
