package cose

import "github.com/idqr/claim169/internal/cborscan"

// headerWriter writes the header map of a message this package signs or
// encrypts, by hand. Parameters are added in ascending label order, which
// for the non-negative labels written here is the core deterministic order
// of RFC 8949 §4.2.1 (the order strictcbor.Marshal would choose), and at
// most 23 of them, so that the map head is one byte.
type headerWriter struct {
	out   []byte // the map head, then the pairs written so far
	count int
	last  HeaderLabel
}

// maxWrittenParameters is the largest parameter count whose map head is a
// single byte.
const maxWrittenParameters = 23

// newHeaderWriter returns a writer with room for size bytes of parameters.
func newHeaderWriter(size int) headerWriter {
	return headerWriter{out: append(make([]byte, 0, 1+size), cborscan.MajorMap<<5)}
}

// label writes the label of the next parameter. Labels out of order are a
// programmer error.
func (w *headerWriter) label(l HeaderLabel) {
	if l < 0 || w.count > 0 && l <= w.last || w.count == maxWrittenParameters {
		panic("cose: header parameters written out of order")
	}
	w.count++
	w.last = l
	w.out[0] = cborscan.MajorMap<<5 | byte(w.count)
	w.out = cborscan.AppendInt(w.out, int64(l))
}

// addInt writes a parameter with an integer value.
func (w *headerWriter) addInt(l HeaderLabel, n int64) {
	w.label(l)
	w.out = cborscan.AppendInt(w.out, n)
}

// addBytes writes a parameter with a byte-string value.
func (w *headerWriter) addBytes(l HeaderLabel, b []byte) {
	w.label(l)
	w.out = cborscan.AppendBytes(w.out, b)
}

// addX509 writes a COSE_X509 parameter (RFC 9360 §2): one certificate as a
// bare byte string, several as an array.
func (w *headerWriter) addX509(l HeaderLabel, certs [][]byte) {
	if len(certs) == 1 {
		w.addBytes(l, certs[0])
		return
	}
	w.label(l)
	w.out = cborscan.AppendHead(w.out, cborscan.MajorArray, uint64(len(certs)))
	for _, c := range certs {
		w.out = cborscan.AppendBytes(w.out, c)
	}
}

// bytes returns the encoded map.
func (w *headerWriter) bytes() []byte { return w.out }
