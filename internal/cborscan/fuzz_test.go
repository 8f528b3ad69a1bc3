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
