// Package brotlitest writes Brotli streams (RFC 7932) bit by bit, for the
// tests and benchmarks of internal/brotli and internal/compress and for the
// generator of the static dictionary: streams no encoder would produce,
// such as malformed ones, decompression bombs, or streams that reference
// every word of the static dictionary.
//
// A Writer writes the elements of the format in the order the caller asks
// for them and checks nothing, so that invalid streams are as easy to write
// as valid ones. Prefix codes are described with the Code type.
package brotlitest
