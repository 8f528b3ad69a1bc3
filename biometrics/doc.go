// Package biometrics implements the Biometrics entry of the MOSIP Claim 169
// QR code specification (v1.2.0, §"Biometrics"): the map that each biometric
// key of the identity (50–65: fingers, irises, face, palms, voice) holds in an
// array, with its data format and sub-format registries.
//
// The package only models and names the values; it does not judge them. A
// format or sub-format outside the registry is kept as its number.
package biometrics
