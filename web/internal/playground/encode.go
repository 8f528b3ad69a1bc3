package playground

import (
	"crypto/rand"
	"encoding/json"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/qr"
)

// EncodeOptions are the options of Encode, named as the JavaScript API
// receives them; each mirrors a flag of the command's encode.
type EncodeOptions struct {
	// PrivateKey is the issuer's private key: PEM (PKCS #8, SEC 1,
	// PKCS #1), a JWK or a raw Ed25519 seed (--key).
	PrivateKey string `json:"privateKey"`
	// Alg is the signature algorithm; empty means the key's (--alg).
	Alg string `json:"alg"`
	// Kid is the key ID written in the protected header (--kid), or in the
	// unprotected one with KidUnprotected (--kid-unprotected).
	Kid            string `json:"kid"`
	KidUnprotected bool   `json:"kidUnprotected"`
	// CWTTag wraps the COSE message in the CWT tag 61 (--cwt-tag).
	CWTTag bool `json:"cwtTag"`
	// ECC is the error correction level the QR figures are given for, and
	// MaxVersion the largest QR version accepted at it (--ecc,
	// --max-version); 0 accepts any.
	ECC        string `json:"ecc"`
	MaxVersion int    `json:"maxVersion"`
}

// Encoded is the JSON of a credential Encode issued: its QR text, the
// encoder's warnings, the figures of its QR code, and the public key that
// verifies it (SPKI PEM, and a JWK with the kid and the algorithm), so
// that a page can verify what it issued or link to its verification.
type Encoded struct {
	Text      string          `json:"text"`
	Warnings  []string        `json:"warnings"`
	QR        record.QRInfo   `json:"qr"`
	PublicKey string          `json:"publicKey"`
	JWK       json.RawMessage `json:"jwk"`
}

// Encode signs the record (the command's input JSON, read by record.Parse)
// with the options' private key and returns {"text", "warnings", "qr"}, or
// the JSON of the failure.
func Encode(recordJSON, optsJSON []byte) []byte {
	var o EncodeOptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	level, err := parseLevel(o.ECC)
	if err != nil {
		return failure(err)
	}
	opts, err := o.encoderOptions(level)
	if err != nil {
		return failure(err)
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return failure(inputErr(stageKey, err))
	}
	rec, err := record.Parse(recordJSON)
	if err != nil {
		return failure(err)
	}
	encoded, err := enc.Encode(rec.Identity, rec.Claims)
	if err != nil {
		return failure(err)
	}
	layout, err := qr.Plan(encoded.Text, level)
	if err != nil {
		return failure(inputErr(stageQR, err))
	}
	out := Encoded{Text: encoded.Text, Warnings: encoded.Warnings, QR: record.NewQRInfo(layout)}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	if out.PublicKey, out.JWK, err = publicForms(opts); err != nil {
		return failure(err)
	}
	return result(out)
}

// publicForms returns the public key of the encoder's signer in PEM and as
// a JWK naming the kid and the algorithm the credential was signed with.
func publicForms(opts claim169.EncoderOptions) (string, json.RawMessage, error) {
	pub := opts.Signer.Public()
	pem, err := keys.MarshalPublicPEM(pub)
	if err != nil {
		return "", nil, inputErr(stageKey, err)
	}
	alg := opts.Algorithm
	if alg == 0 {
		if alg, err = cose.AlgorithmForKey(pub); err != nil {
			return "", nil, inputErr(stageKey, err)
		}
	}
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: string(opts.KeyID), Algorithm: alg, Public: pub})
	if err != nil {
		return "", nil, inputErr(stageKey, err)
	}
	return string(pem), jwk, nil
}

func (o *EncodeOptions) encoderOptions(level qr.Level) (claim169.EncoderOptions, error) {
	var opts claim169.EncoderOptions
	if o.PrivateKey == "" {
		return opts, usageErr("encode: give privateKey")
	}
	signer, err := keys.ParsePrivate([]byte(o.PrivateKey))
	if err != nil {
		return opts, inputErr(stageKey, err)
	}
	opts.Signer = signer
	if err := record.SetSignature(&opts, o.Alg, o.Kid); err != nil {
		return opts, usageErr("encode: %v", err)
	}
	opts.KeyIDUnprotected, opts.CWTTag = o.KidUnprotected, o.CWTTag
	if o.MaxVersion != 0 {
		if opts.Budget, err = record.Budget(level, o.MaxVersion); err != nil {
			return opts, usageErr("encode: maxVersion: %v", err)
		}
	}
	return opts, nil
}

// parseLevel reads an error correction level; empty means M.
func parseLevel(s string) (qr.Level, error) {
	if s == "" {
		return qr.DefaultLevel, nil
	}
	level, err := qr.ParseLevel(s)
	if err != nil {
		return 0, usageErr("ecc: want L, M, Q or H")
	}
	return level, nil
}

// KeyPair is the JSON of a key pair Keygen made: the private key in PEM
// (PKCS #8), the public key in PEM (SPKI) and as a JWK with kid and alg, as
// the command's keygen writes them to files.
type KeyPair struct {
	Algorithm  string          `json:"algorithm"`
	KeyID      string          `json:"kid"`
	PrivateKey string          `json:"privateKey"`
	PublicKey  string          `json:"publicKey"`
	JWK        json.RawMessage `json:"jwk"`
}

// KeygenOptions are the options of Keygen: the key ID of the JWK, by
// default the key's RFC 7638 thumbprint (the command's keygen --kid).
type KeygenOptions struct {
	Kid string `json:"kid"`
}

// Keygen makes a signing key pair for the algorithm (empty means EdDSA)
// and returns its KeyPair JSON, or the JSON of the failure.
func Keygen(algName string, optsJSON []byte) []byte {
	var o KeygenOptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	if algName == "" {
		algName = cose.EdDSA.String()
	}
	alg, err := record.SignatureAlgorithm(algName)
	if err != nil {
		return failure(usageErr("keygen: %v", err))
	}
	kp, err := record.GenerateKeyPair(alg, o.Kid, rand.Reader)
	if err != nil {
		return failure(inputErr("keygen", err))
	}
	return result(KeyPair{Algorithm: alg.String(), KeyID: kp.KeyID, PrivateKey: string(kp.PrivatePEM),
		PublicKey: string(kp.PublicPEM), JWK: kp.JWK})
}
