// Package qrtest holds the texts the tests of packages qr, qr/render and
// qr/scan share: deterministic random Base45 text, digit runs, texts that
// fill a version exactly, and the one-segment bit costs of ISO/IEC 18004
// written out again, independently of the planner. Only tests import it.
package qrtest

import (
	"math"
	"math/rand/v2"
	"strings"
)

// Alphabet is the QR alphanumeric set, in the order of its values
// (ISO/IEC 18004 Table 5); it is also the Base45 alphabet of RFC 9285.
const Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// nonDigits is the alphanumeric set without its digits.
const nonDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// NewRand returns a deterministic generator for a test's seed.
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 169)) }

// RandomText returns n characters drawn from the alphanumeric set.
func RandomText(r *rand.Rand, n int) string { return draw(r, Alphabet, n) }

// Digits returns n random digits.
func Digits(r *rand.Rand, n int) string { return draw(r, "0123456789", n) }

// Letters returns n random characters of the alphanumeric set that are not
// digits.
func Letters(r *rand.Rand, n int) string { return draw(r, nonDigits, n) }

func draw(r *rand.Rand, set string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(set[r.IntN(len(set))])
	}
	return b.String()
}

// RunsText returns n characters in alternate runs of digits and of other
// characters, each run minRun to maxRun long (the last one cut to fit),
// starting with digits or not.
func RunsText(r *rand.Rand, n, minRun, maxRun int, digitsFirst bool) string {
	var b strings.Builder
	for d := digitsFirst; b.Len() < n; d = !d {
		k := min(minRun+r.IntN(maxRun-minRun+1), n-b.Len())
		if d {
			b.WriteString(Digits(r, k))
		} else {
			b.WriteString(Letters(r, k))
		}
	}
	return b.String()
}

// BoundaryText returns n characters without digits, so that no encoder can
// save bits with numeric segments and the alphanumeric capacity is exact.
func BoundaryText(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteByte(nonDigits[(i*7)%len(nonDigits)])
	}
	return b.String()
}

// RoundTripTexts returns Base45 texts whose exact scan matters, by name:
// every character of the alphabet, and spaces where trimming would lose
// them.
func RoundTripTexts() map[string]string {
	return map[string]string{
		"alphabet":          Alphabet,
		"alphabet reversed": reverse(Alphabet),
		"single character":  "A",
		"single digit":      "7",
		"single space":      " ",
		"only spaces":       "     ",
		"leading space":     " 6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE",
		"trailing spaces":   "6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE  ",
		"inner spaces":      "NCFOXN  TS0BI   ZD4N9:9S6RC VN5+O30K3/XIV0W2",
		"digits only":       "0123456789012345678901234567890123",
		"HC1 prefix":        HC1Text,
		"all punctuation":   " $%*+-./: $%*+-./:",
	}
}

// HC1Text is a long Base45 text in the style of an EU health certificate.
const HC1Text = "HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY*QC4R9SN*EQ:9B-Q21RIC5WS4"

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// SizeClass returns the size class of version v: 0 for versions 1-9, 1 for
// 10-26 and 2 for 27-40, whose character count indicators have the same
// length (ISO/IEC 18004 Table 3).
func SizeClass(v int) int {
	switch {
	case v <= 9:
		return 0
	case v <= 26:
		return 1
	}
	return 2
}

// SegmentBits is the length of s written as one segment in size class
// class, numeric when numeric is true and alphanumeric otherwise, from the
// formulas of ISO/IEC 18004 §7.4.3 and §7.4.4: 4 bits of mode indicator, a
// count of 10/12/14 bits (numeric) or 9/11/13 (alphanumeric), then 10 bits
// per 3 digits and 4 or 7 for a remainder of 1 or 2, or 11 bits per 2
// characters and 6 for a remainder of 1. A numeric segment of anything but
// digits costs math.MaxInt32.
func SegmentBits(s string, numeric bool, class int) int {
	if !numeric {
		return 4 + [3]int{9, 11, 13}[class] + 11*(len(s)/2) + 6*(len(s)%2)
	}
	if strings.Trim(s, "0123456789") != "" {
		return math.MaxInt32
	}
	return 4 + [3]int{10, 12, 14}[class] + 10*(len(s)/3) + [3]int{0, 4, 7}[len(s)%3]
}

// CredentialText returns the QR text of a typical credential, always the
// same: the Base45 encoding (RFC 9285) of 600 random bytes, which is what
// a zlib-compressed signed credential with a 300-400-byte face photo looks
// like. It is 900 characters long and fills most of a version-19 code at
// level M.
func CredentialText() string {
	r := NewRand(169)
	var b strings.Builder
	for range 600 / 2 {
		n := r.IntN(1 << 16) // two bytes
		b.WriteByte(Alphabet[n%45])
		b.WriteByte(Alphabet[n/45%45])
		b.WriteByte(Alphabet[n/(45*45)])
	}
	return b.String()
}

// Version20M is the alphanumeric capacity of a version-20 code at level M:
// 970 characters (ISO/IEC 18004 Table 7).
const Version20M = 970

// Version20Text returns random text that fills a version-20 code at level
// M, always the same: the text the benchmarks of qr, qr/render and qr/scan
// encode, plan and read.
func Version20Text() string { return RandomText(NewRand(20), Version20M) }
