// Package magic identifies image and sound files by their leading bytes
// ("magic numbers"): one table of signatures, shared by biometrics.Sniff,
// the bounded image decoder (internal/imagedec) and through them the
// command. It imports only the standard library and decodes nothing.
//
// Its work is bounded by the input's first few hundred bytes: an ISO BMFF
// "ftyp" box is read for at most 64 brands, and an MP3 is recognised by at
// most two frame headers.
package magic
