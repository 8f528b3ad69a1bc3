package keys

import (
	"crypto"
	"crypto/x509"

	"golang.org/x/crypto/cryptobyte"
	casn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// parseCertificate parses one DER certificate, saying why when its key
// algorithm or curve is what crypto/x509 refused.
func parseCertificate(der []byte) (*x509.Certificate, error) {
	cert, err := x509.ParseCertificate(der)
	if err == nil {
		return cert, nil
	}
	if spki, ok := certificateSPKI(der); ok {
		if err := spkiError(spki); err != nil {
			return nil, err
		}
	}
	return nil, errMalformed("certificate")
}

// parsePublicBlock parses the DER of a "PUBLIC KEY" (SPKI) or "RSA PUBLIC
// KEY" (PKCS #1) block.
func parsePublicBlock(typ string, der []byte) (crypto.PublicKey, error) {
	if typ == pemRSAPublicKey {
		pub, err := x509.ParsePKCS1PublicKey(der)
		if err != nil {
			return nil, errMalformed("RSA public key")
		}
		return pub, nil
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		if err := spkiError(der); err != nil {
			return nil, err
		}
		return nil, errMalformed("public key")
	}
	return pub, nil
}

// privateEncoding is an encoding of a private key: the checks this package
// makes of its DER before crypto/x509 sees it, and crypto/x509's parser.
type privateEncoding struct {
	name  string
	check func(der []byte) error
	parse func(der []byte) (any, error)
}

// The private key encodings: PKCS #8 (RFC 5208), SEC 1 (RFC 5915) and
// PKCS #1 (RFC 8017).
var (
	keyPKCS8 = privateEncoding{"PKCS #8 private key", checkPKCS8, x509.ParsePKCS8PrivateKey}
	keySEC1  = privateEncoding{"EC private key", checkSEC1, func(der []byte) (any, error) { return x509.ParseECPrivateKey(der) }}
	keyPKCS1 = privateEncoding{"RSA private key", checkPKCS1, func(der []byte) (any, error) { return x509.ParsePKCS1PrivateKey(der) }}
)

// parseKey parses der, a private key in encoding e.
func (e privateEncoding) parseKey(der []byte) (crypto.Signer, error) {
	if err := e.check(der); err != nil {
		return nil, err
	}
	key, err := e.parse(der)
	if err != nil {
		return nil, errMalformed(e.name)
	}
	return signerOf(key)
}

// parsePublicDER reads DER without its PEM armour: an SPKI, a PKCS #1 RSA
// public key or a certificate. DER of a private key is refused with
// ErrPrivateKey.
func parsePublicDER(der []byte) (Key, error) {
	if pub, cert := publicDER(der); pub != nil || cert != nil {
		if cert != nil {
			return publicFromBlocks(nil, []*x509.Certificate{cert})
		}
		return publicFromBlocks(pub, nil)
	}
	if privateDER(der) {
		return Key{}, ErrPrivateKey
	}
	if spki, ok := certificateSPKI(der); ok {
		der = spki
	}
	if err := spkiError(der); err != nil {
		return Key{}, err
	}
	return Key{}, errMalformed("DER key")
}

// publicDER parses der as an SPKI, a PKCS #1 RSA public key or a
// certificate, returning nil for both when it is none of them.
func publicDER(der []byte) (crypto.PublicKey, *x509.Certificate) {
	if pub, err := x509.ParsePKIXPublicKey(der); err == nil {
		return pub, nil
	}
	if pub, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return pub, nil
	}
	if cert, err := x509.ParseCertificate(der); err == nil {
		return nil, cert
	}
	return nil, nil
}

// parsePrivateDER reads DER without its PEM armour: PKCS #8, PKCS #1 or SEC 1,
// told apart by their first fields.
func parsePrivateDER(der []byte) (crypto.Signer, error) {
	if pub, cert := publicDER(der); pub != nil || cert != nil {
		return nil, errPublicNotPrivate
	}
	if _, _, _, ok := pkcs8Parts(der); ok {
		return keyPKCS8.parseKey(der)
	}
	if _, ok := pkcs1ModulusBits(der); ok {
		return keyPKCS1.parseKey(der)
	}
	if privateDER(der) {
		return keySEC1.parseKey(der)
	}
	return nil, errMalformed("DER key")
}

// privateDER reports whether der is a SEQUENCE that starts with a version
// INTEGER of 0 or 1 followed by at least two more fields, as PKCS #8, PKCS #1
// and SEC 1 private keys do (public keys and certificates do not).
func privateDER(der []byte) bool {
	s := cryptobyte.String(der)
	var seq, field cryptobyte.String
	var version int64
	var tag casn1.Tag
	return s.ReadASN1(&seq, casn1.SEQUENCE) && seq.ReadASN1Integer(&version) &&
		version >= 0 && version <= 1 && seq.ReadAnyASN1Element(&field, &tag) && !seq.Empty()
}
