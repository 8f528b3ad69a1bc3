package keys

import (
	"encoding/asn1"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
	casn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Object identifiers of key algorithms and named curves (RFC 3279, RFC 5480,
// RFC 8410, SEC 2), used to say why crypto/x509 refused a key.
var (
	oidRSA       = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidEC        = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	oidX25519    = asn1.ObjectIdentifier{1, 3, 101, 110}
	oidX448      = asn1.ObjectIdentifier{1, 3, 101, 111}
	oidEd25519   = asn1.ObjectIdentifier{1, 3, 101, 112}
	oidEd448     = asn1.ObjectIdentifier{1, 3, 101, 113}
	oidP256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}
	oidP384      = asn1.ObjectIdentifier{1, 3, 132, 0, 34}
	oidP521      = asn1.ObjectIdentifier{1, 3, 132, 0, 35}
	oidP224      = asn1.ObjectIdentifier{1, 3, 132, 0, 33}
	oidSecp256k1 = asn1.ObjectIdentifier{1, 3, 132, 0, 10}
)

// oidReason is an object identifier and the reason a key that has it
// cannot be used, nil for those this package supports.
type oidReason struct {
	oid    asn1.ObjectIdentifier
	reason error
}

var (
	algorithmReasons = []oidReason{
		{oidRSA, nil},
		{oidEd25519, nil},
		{oidX25519, errKeyAgreement},
		{oidX448, errKeyAgreement},
		{oidEd448, fmt.Errorf("%w: Ed448", ErrUnsupportedKey)},
		{oidRSAPSS, fmt.Errorf("%w: RSASSA-PSS key encoding (use rsaEncryption)", ErrUnsupportedKey)},
	}
	errUnknownAlgorithm = fmt.Errorf("%w: unknown key algorithm", ErrUnsupportedKey)

	curveReasons = []oidReason{
		{oidP256, nil},
		{oidP384, nil},
		{oidP521, nil},
		{oidSecp256k1, fmt.Errorf("%w: elliptic curve secp256k1", ErrUnsupportedKey)},
		{oidP224, fmt.Errorf("%w: elliptic curve P-224", ErrUnsupportedKey)},
	}
	errOtherCurve = fmt.Errorf("%w: elliptic curve other than P-256, P-384 or P-521", ErrUnsupportedKey)
)

// reasonOf returns the reason the table gives for oid, or otherwise when it
// does not hold oid.
func reasonOf(table []oidReason, oid asn1.ObjectIdentifier, otherwise error) error {
	for _, r := range table {
		if oid.Equal(r.oid) {
			return r.reason
		}
	}
	return otherwise
}

// algorithmError names the reason a key with this algorithm (and, for EC,
// this curve) cannot be used, or returns nil for the algorithms and curves
// this package supports.
func algorithmError(alg, curve asn1.ObjectIdentifier) error {
	if alg.Equal(oidEC) {
		return curveError(curve)
	}
	return reasonOf(algorithmReasons, alg, errUnknownAlgorithm)
}

// curveError names an unsupported named curve, or returns nil for P-256,
// P-384 and P-521.
func curveError(curve asn1.ObjectIdentifier) error {
	return reasonOf(curveReasons, curve, errOtherCurve)
}

// errMalformed is the error for DER that crypto/x509 refused although its
// algorithm is supported.
func errMalformed(what string) error {
	return fmt.Errorf("%w: malformed %s", ErrInvalidKey, what)
}

// readAlgorithm reads an AlgorithmIdentifier (RFC 5280 §4.1.1.2) and, when
// its parameters are an object identifier (a named curve), that too.
func readAlgorithm(s *cryptobyte.String) (alg, param asn1.ObjectIdentifier, ok bool) {
	var seq cryptobyte.String
	if !s.ReadASN1(&seq, casn1.SEQUENCE) || !seq.ReadASN1ObjectIdentifier(&alg) {
		return nil, nil, false
	}
	if seq.PeekASN1Tag(casn1.OBJECT_IDENTIFIER) && !seq.ReadASN1ObjectIdentifier(&param) {
		return nil, nil, false
	}
	return alg, param, true
}

// spkiError names the unsupported algorithm or curve of a
// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), or returns nil when they are
// supported or cannot be read.
func spkiError(der []byte) error {
	s := cryptobyte.String(der)
	var spki cryptobyte.String
	if !s.ReadASN1(&spki, casn1.SEQUENCE) {
		return nil
	}
	alg, curve, ok := readAlgorithm(&spki)
	if !ok {
		return nil
	}
	return algorithmError(alg, curve)
}

// pkcs8Parts splits a PKCS #8 PrivateKeyInfo (RFC 5208 §5) into its
// algorithm, named curve (for EC) and inner private key, without validating
// the inner key.
func pkcs8Parts(der []byte) (alg, curve asn1.ObjectIdentifier, inner []byte, ok bool) {
	s := cryptobyte.String(der)
	var info, key cryptobyte.String
	if !s.ReadASN1(&info, casn1.SEQUENCE) || !info.SkipASN1(casn1.INTEGER) {
		return nil, nil, nil, false
	}
	if alg, curve, ok = readAlgorithm(&info); !ok || !info.ReadASN1(&key, casn1.OCTET_STRING) {
		return nil, nil, nil, false
	}
	return alg, curve, key, true
}

// checkPKCS8 refuses a PKCS #8 key before crypto/x509 parses it when its
// algorithm or curve is unsupported or its RSA modulus is out of range (an
// oversized modulus would make the parser's validation slow).
func checkPKCS8(der []byte) error {
	alg, curve, inner, ok := pkcs8Parts(der)
	if !ok {
		return errMalformed("PKCS #8 private key")
	}
	if err := algorithmError(alg, curve); err != nil {
		return err
	}
	if alg.Equal(oidRSA) {
		return checkPKCS1(inner)
	}
	return nil
}

// checkPKCS1 refuses a PKCS #1 RSAPrivateKey (RFC 8017 §A.1.2) whose modulus
// is out of range before crypto/x509 validates it (crypto/rsa refuses moduli
// under 1024 bits with an error of its own; this one wraps cose.ErrWeakKey).
func checkPKCS1(der []byte) error {
	bits, ok := pkcs1ModulusBits(der)
	if !ok {
		return errMalformed("RSA private key")
	}
	return rsaSizeError(bits)
}

// checkSEC1 refuses a SEC 1 ECPrivateKey (RFC 5915 §3) on an unsupported
// curve, or one too malformed to read, before crypto/x509 parses it.
func checkSEC1(der []byte) error {
	s := cryptobyte.String(der)
	var key, params cryptobyte.String
	var present bool
	tag := casn1.Tag(0).Constructed().ContextSpecific()
	if !s.ReadASN1(&key, casn1.SEQUENCE) || !key.SkipASN1(casn1.INTEGER) ||
		!key.SkipASN1(casn1.OCTET_STRING) || !key.ReadOptionalASN1(&params, &present, tag) {
		return errMalformed("EC private key")
	}
	var curve asn1.ObjectIdentifier
	if present && params.ReadASN1ObjectIdentifier(&curve) {
		return curveError(curve)
	}
	return nil
}

// pkcs1ModulusBits returns the bit length of the modulus of a PKCS #1
// RSAPrivateKey (version 0 or 1, then the modulus) without validating the
// rest.
func pkcs1ModulusBits(der []byte) (int, bool) {
	s := cryptobyte.String(der)
	var key, n cryptobyte.String
	var version int64
	if !s.ReadASN1(&key, casn1.SEQUENCE) || !key.ReadASN1Integer(&version) ||
		version < 0 || version > 1 || !key.ReadASN1(&n, casn1.INTEGER) {
		return 0, false
	}
	for len(n) > 0 && n[0] == 0 {
		n = n[1:]
	}
	if len(n) == 0 {
		return 0, true
	}
	bits := 8 * len(n)
	for b := n[0]; b&0x80 == 0; b <<= 1 {
		bits--
	}
	return bits, true
}

// certificateSPKI returns the SubjectPublicKeyInfo of a DER certificate
// (RFC 5280 §4.1) without validating the rest.
func certificateSPKI(der []byte) ([]byte, bool) {
	s := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	var spki cryptobyte.String
	version := casn1.Tag(0).Constructed().ContextSpecific()
	if !s.ReadASN1(&cert, casn1.SEQUENCE) || !cert.ReadASN1(&tbs, casn1.SEQUENCE) ||
		!tbs.SkipOptionalASN1(version) || !tbs.SkipASN1(casn1.INTEGER) ||
		!tbs.SkipASN1(casn1.SEQUENCE) || !tbs.SkipASN1(casn1.SEQUENCE) ||
		!tbs.SkipASN1(casn1.SEQUENCE) || !tbs.SkipASN1(casn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&spki, casn1.SEQUENCE) {
		return nil, false
	}
	return spki, true
}
