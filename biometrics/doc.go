// Package biometrics implements the Biometrics entry of the MOSIP Claim 169
// QR code specification (v1.2.0, §"Biometrics"): the map that each biometric
// key of the identity (50–65: fingers, irises, face, palms, voice) holds in an
// array, with its data format and sub-format registries.
//
// The types only model and name the values; a format outside the registry is
// kept as its number. [Sniff] identifies images and sounds by their leading
// bytes, decoding nothing; [CheckDeclared] and [CheckPhoto] turn a
// contradiction with the declared format into a warning naming only
// registry entries. Package [github.com/idqr/claim169/biometrics/photo]
// fits a face picture into a byte budget; this package links no image
// decoder.
package biometrics
