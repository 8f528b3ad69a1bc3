// Package degrade makes the test corpus of package scan: QR codes of
// credential-sized Base45 text, rendered with package
// [github.com/idqr/claim169/qr/render] at levels L and M, versions 10 to 30,
// and degraded the ways a phone camera or a scanner degrades a card —
// perspective, glare, lens distortion, a bent card, blur, noise, JPEG
// compression, and the easy cases that must not regress.
//
// The corpus is deterministic from a seed, so tests regenerate it instead
// of committing images. Only tests and the comparison tool import it.
//
// The texts are random characters of the Base45 alphabet: a signed,
// zlib-compressed Claim 169 credential in Base45 is indistinguishable from
// them to a QR reader, and drawing them keeps this package free of the
// facade.
package degrade
