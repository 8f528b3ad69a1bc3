// Package frontend holds the forms of options that the claim169 command
// and the browser playground share, so that a value means the same on the
// command line and in the page: times and clock skews, signature and
// encryption algorithms, the QR budget of an encoder, the AEADs a
// content-encryption key serves, the figures of a QR code, and a new key
// pair in the files keygen writes. Its errors say what is wanted, without
// the flag or option name, which each front end adds in its own spelling.
package frontend
