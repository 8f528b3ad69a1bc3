// Package base45 implements the Base45 data encoding of RFC 9285
// ("The Base45 Data Encoding", August 2022), with the shape of the
// standard library's encoding/hex.
//
// Base45 encodes every two bytes as three characters and a final odd byte as
// two characters, drawn from the 45-character alphabet
//
//	0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:
//
// which is exactly the character set of the QR code alphanumeric mode. Claim
// 169 identity QR codes carry the zlib-compressed COSE message as Base45 text
// in that mode, so the text packs at 5.5 bits per character.
//
// # Strictness
//
// Decoding is strict, as RFC 9285 requires. [Decode],
// [DecodeString] and [AppendDecode] reject, with a [CorruptInputError]:
//
//   - any byte outside the alphabet, lower-case letters, line breaks and
//     other white space included;
//   - a dangling single character (an input length n with n%3 == 1);
//   - a three-character group whose value exceeds 65535 (such as "GGW");
//   - a final two-character group whose value exceeds 255 (such as "ZZ").
//
// Nothing is skipped or trimmed. The space character is part of the alphabet
// and carries data: scanned QR text must reach the decoder unchanged. A
// prefix that some producers put before the text (such as "HC1:") is not
// Base45 and must be removed by the caller.
//
// Because of these rules every byte string has exactly one encoding:
// whatever the decoder accepts re-encodes to the same text.
//
// # Errors
//
// A [CorruptInputError] carries the offset in the input of the problem:
// the offending character, the first character of a group whose value is out
// of range, or len(src)-1 for a dangling character. Groups are checked from
// left to right, so the error reports the earliest problem. Errors never
// contain input bytes.
//
// # Limits
//
// The package holds no state and sets no size limit of its own: [Decode]
// writes at most [DecodedLen](len(src)) bytes (two thirds of the input
// length), and [DecodeString] and [AppendDecode] allocate no more than that.
// Callers that read untrusted text bound its length before decoding; the
// Claim 169 decoder does so. [Decode] does not allocate on valid input.
package base45
