package strictcbor

import (
	"bytes"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// identityMap is shaped like a Claim 169 identity: integer labels, short
// texts and a face photo of a few hundred bytes. Its encoding is about 600
// bytes.
func identityMap(tb testing.TB) []byte {
	tb.Helper()
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46}, 50)
	m := map[int64]any{
		1:  "ID-12345-ABCDE",
		4:  "Jane Doe",
		5:  "Jane",
		7:  "Doe",
		8:  "19840418",
		9:  int64(2),
		10: "New House, Near Metro Line, Bengaluru, KA",
		11: "jane.doe@example.org",
		12: "+91 98765 43210",
		13: "IND",
		14: int64(1),
		16: "Female",
		62: map[int64]any{0: photo, 1: int64(0), 2: int64(1), 3: "VendorA"},
	}
	data, err := Marshal(m)
	if err != nil {
		tb.Fatal(err)
	}
	if len(data) < 550 || len(data) > 650 {
		tb.Fatalf("identity map of %d bytes, want about 600", len(data))
	}
	return data
}

func BenchmarkUnmarshal(b *testing.B) {
	data := identityMap(b)
	b.Run("map[int64]cbor.RawMessage", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var m map[int64]cbor.RawMessage
			if err := Unmarshal(data, &m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("any", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var v any
			if err := Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkMarshal(b *testing.B) {
	var m map[int64]cbor.RawMessage
	if err := Unmarshal(identityMap(b), &m); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValid(b *testing.B) {
	data := identityMap(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := Valid(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalReject measures the reject paths into the type the
// stages decode into (text inside a RawMessage is not decoded, so the UTF-8
// case decodes into a struct).
func BenchmarkUnmarshalReject(b *testing.B) {
	identity := identityMap(b)
	dup := append([]byte{identity[0] + 1}, identity[1:]...) // one more pair...
	dup = append(dup, 0x01, 0x00)                           // ...repeating label 1
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"duplicate key", dup},
		{"byte string of 2^63 bytes", unhex(b, "5b 8000000000000000")},
		{"array of 2^32 elements", unhex(b, "9b 0000000100000000")},
		{"too deep", unhex(b, deepArray(MaxNestedLevels+1))},
		{"too many pairs", unhex(b, pairs(MaxMapPairs+1, false))},
		{"trailing data", append(bytes.Clone(identity), 0)},
		{"truncated", identity[:len(identity)-1]},
		{"long tag chain", unhex(b, strings.Repeat("d818", 1000)+"00")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var m map[int64]cbor.RawMessage
				if err := Unmarshal(bc.data, &m); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
	b.Run("invalid UTF-8", func(b *testing.B) {
		data := unhex(b, "a1 01 62c328")
		b.ReportAllocs()
		for b.Loop() {
			var s struct {
				ID string `cbor:"1,keyasint"`
			}
			if err := Unmarshal(data, &s); err == nil {
				b.Fatal("accepted")
			}
		}
	})
}
