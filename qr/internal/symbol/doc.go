// Package symbol holds the structure of a QR symbol (ISO/IEC 18004:2015)
// that the encoder of package qr/render writes and the reader of package
// qr/scan reads back, so that both follow one transcription of the
// standard: for each version, a template of the function patterns and of
// the data modules in their placement order (§7.7); the Reed-Solomon
// blocks of Table 9 at each level (§7.5, §7.6); the BCH-protected format
// and version information (§7.9, §7.10); the eight data masks (§7.8.2);
// and the Reed-Solomon code over GF(256), its encoder and its decoder.
//
// [Decode] reads the data codewords of a sampled symbol: version and
// format information corrected up to 3 bits, each block corrected up to
// half its error correction codewords and refused beyond. It holds no
// image code: the scanner samples the modules, and package qr reads the
// bit stream ([qr.ParseDataCodewords]).
package symbol
