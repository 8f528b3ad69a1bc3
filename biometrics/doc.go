// Package biometrics implements the Biometrics entry of the MOSIP Claim 169
// QR code specification (v1.2.0, §"Biometrics"): the map that each biometric
// key of the identity (50–65: fingers, irises, face, palms, voice) holds in an
// array, with its data format and sub-format registries.
//
// The types only model and name the values; a format outside the registry is
// kept as its number. [Sniff] identifies images and sounds by their leading
// bytes; [CheckDeclared] and [CheckPhoto] turn a contradiction with the
// declared format into a warning naming only registry entries.
// [FitPhoto] and [FitPhotoReader] make a face JPEG within a byte budget
// (image/jpeg, with Huffman tables rebuilt per ITU-T T.81 Annex K.2).
//
// Limits: [MaxPhotoInputBytes] of input; [MaxPhotoPixels], checked from the
// image header before decoding; output at most [MaxPhotoWidth] wide and
// [MaxPhotoAspect]:1, within [MaxPhotoBudget].
package biometrics
