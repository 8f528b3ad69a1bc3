package cose

import "github.com/idqr/claim169/internal/cborscan"

// Context strings of the structures that are signed or authenticated
// (RFC 9052 §4.4 and §5.3).
const (
	contextSignature1 = "Signature1"
	contextEncrypt0   = "Encrypt0"
)

// appendSigStructure appends the CBOR encoding of the COSE_Sign1
// Sig_structure (RFC 9052 §4.4):
//
//	["Signature1", body_protected: bstr, external_aad: bstr, payload: bstr]
//
// It is written by hand, in the deterministic encoding, so that building it
// costs one allocation and a copy of the payload. protected is the content
// of the protected-header byte string exactly as received.
func appendSigStructure(dst, protected, externalAAD, payload []byte) []byte {
	dst = cborscan.AppendHead(dst, cborscan.MajorArray, 4)
	dst = cborscan.AppendText(dst, contextSignature1)
	dst = cborscan.AppendBytes(dst, protected)
	dst = cborscan.AppendBytes(dst, externalAAD)
	return cborscan.AppendBytes(dst, payload)
}

// sigStructure returns the Sig_structure of a COSE_Sign1 message in a buffer
// of exactly the right size.
func sigStructure(protected, externalAAD, payload []byte) []byte {
	size := 1 + 1 + len(contextSignature1) + cborscan.BytesLen(protected) + cborscan.BytesLen(externalAAD) + cborscan.BytesLen(payload)
	return appendSigStructure(make([]byte, 0, size), protected, externalAAD, payload)
}

// encStructure returns the CBOR encoding of the COSE_Encrypt0 Enc_structure
// (RFC 9052 §5.3), the additional authenticated data of the AEAD:
//
//	["Encrypt0", protected: bstr, external_aad: bstr]
func encStructure(protected, externalAAD []byte) []byte {
	size := 1 + 1 + len(contextEncrypt0) + cborscan.BytesLen(protected) + cborscan.BytesLen(externalAAD)
	dst := cborscan.AppendHead(make([]byte, 0, size), cborscan.MajorArray, 3)
	dst = cborscan.AppendText(dst, contextEncrypt0)
	dst = cborscan.AppendBytes(dst, protected)
	return cborscan.AppendBytes(dst, externalAAD)
}
