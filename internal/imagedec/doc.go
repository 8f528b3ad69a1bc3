// Package imagedec is the one bounded image decoder of the module, used by
// qr/scan to read a code from a photo and by biometrics/photo to fit a
// picture: it reads at most [Config].MaxBytes bytes, identifies the format
// by its signature (internal/magic), checks the dimensions the header
// declares against [Config].MaxPixels before decoding a pixel, decodes PNG,
// JPEG, GIF (first frame) or WebP with the decoder of that format alone
// (nothing is registered with package image), and turns a decoder's panic
// on hostile input into an error.
//
// Its errors wrap the sentinels of the caller's [Config], so that each
// public package keeps its own; messages never contain image data.
package imagedec
