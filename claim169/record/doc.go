// Package record holds the JSON and CSV forms of Claim 169 credentials that
// the claim169 command, the example services and other front ends share.
// They are part of the command's contract, docs/CLI.md of the repository
// (https://github.com/idqr/claim169/blob/main/docs/CLI.md):
//
//   - [Record], a credential to issue, {"claim169": {...}, "cwt": {...}}:
//     the identity in claim169.Identity's JSON form and the CWT claims in
//     [Claims]'. It is read strictly: unknown fields are refused at every
//     level and the text must be valid UTF-8, so that a typo cannot
//     silently drop data.
//   - [Claims], the JSON form of the CWT claims, in records and in output.
//   - [Output], the JSON form of a decoded credential ([FromResult]), with
//     the COSE headers and the certificates the credential carries for
//     debugging ([Inspect]).
//   - [CSVHeader], which turns the rows of a CSV file into records, so that
//     a row is checked exactly like a JSON record.
//   - [Reader], which reads a file of JSON lines or CSV one record at a
//     time ([Raw]: its number, the line where it starts, its JSON or why it
//     is bad), quoting CSV strictly (RFC 4180) so that a stray quote costs
//     one record and every other record keeps its number. A record is at
//     most [MaxRecordBytes].
//   - the option forms the command's flags and the playground's options
//     share, so that a value means the same in both: times and clock skews
//     ([ParseTime], [ParseSkew]), signature and encryption algorithms
//     ([SignatureAlgorithm], [SetSignature], [EncryptionAlgorithm]), the AEADs
//     a content-encryption key serves ([AEADs]), the QR budget of an encoder
//     ([Budget]), the figures of a QR code as the qr command prints them
//     ([QRInfo]) and a new key pair in the forms keygen writes
//     ([GenerateKeyPair]). Their errors say what is wanted, without the flag
//     or option name, which each front end adds in its own spelling.
//
// Errors name fields, columns and offsets, never values, which may be
// identity data. A record that cannot be read is a *claim169.Error at
// [Stage] matching claim169.ErrMalformed, as batch issuance reports it.
package record
