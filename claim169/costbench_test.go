package claim169_test

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/claim169/trust"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/benchtest"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// BenchmarkCostRatio holds the decoder to the cost goals of the issue
// "bounded cost and safe defaults": for each configuration of a verifier
// (one key; a JWK set of 256 keys; anchors with an intermediate), no input
// under the default limits costs more than 10 times a normal credential (a
// valid one with a 400-byte face, chosen by its kid or its chain) when
// forged or inspected, or 20 times when validly signed. Each sub-benchmark,
// configuration/input/mode, runs the input and the normal credential
// alternately and reports the ratio of their medians
// (benchtest.Ratio). The modes:
//
//	forged          Decode of the input with its signature changed
//	signed          Decode of the input, validly signed
//	inspect         Inspect of the input
//	render          signed, then record.FromResult and json.Marshal, as the
//	                command and the services print a credential, against the
//	                normal credential decoded and printed alike
//	inspect-render  inspect, then record.Inspect and json.Marshal, against
//	                the same baseline as render
//
// The certificate chain classes are measured by claim169/trust's
// BenchmarkDecodeCostRatio. Run with
//
//	go test -run '^$' -bench CostRatio -count 6 ./claim169/ | tee cost.txt
func BenchmarkCostRatio(b *testing.B) {
	for _, c := range costConfigs(b) {
		inputs := append(c.kit.structureInputs(b), c.kit.sizeInputs(b)...)
		for _, in := range append(inputs, c.inputs...) {
			for _, m := range costModes {
				pipeline, rendered := m.run(b, c, in)
				if pipeline == nil {
					continue
				}
				baseline := func() { c.decode(b, rendered) }
				b.Run(c.name+"/"+in.name+"/"+m.name, func(b *testing.B) { benchtest.Ratio(b, pipeline, baseline, "input", "normal") })
			}
		}
	}
}

// costConfig is a configured verifier, its normal credential and the kit
// that signs inputs as its issuer would.
type costConfig struct {
	name   string
	dec    *claim169.Decoder
	normal string
	kit    *costKit
	inputs []costInput // the configuration's own: its key candidates
}

// decode decodes the normal credential, and prints it when rendered.
func (c *costConfig) decode(b *testing.B, rendered bool) {
	res, err := c.dec.Decode(c.normal)
	if err != nil {
		b.Fatal(err)
	}
	if rendered {
		if _, err := json.Marshal(record.FromResult(res)); err != nil {
			b.Fatal(err)
		}
	}
}

// costMode is one way of handling an input.
type costMode struct {
	name string
	// run returns the pipeline of in (nil when the mode does not apply)
	// and whether the baseline renders.
	run func(b *testing.B, c costConfig, in costInput) (func(), bool)
}

var costModes = []costMode{
	{"forged", func(b *testing.B, c costConfig, in costInput) (func(), bool) {
		if in.forged == "" {
			return nil, false
		}
		return func() { expect(b, in.wantForged)(c.decoder(in).Decode(in.forged)) }, false
	}},
	{"signed", func(b *testing.B, c costConfig, in costInput) (func(), bool) {
		return func() { expect(b, in.want)(c.decoder(in).Decode(in.signed)) }, false
	}},
	{"inspect", func(b *testing.B, c costConfig, in costInput) (func(), bool) {
		return func() { expect(b, inspected(in.want))(c.decoder(in).Inspect(in.signed)) }, false
	}},
	{"render", func(b *testing.B, c costConfig, in costInput) (func(), bool) {
		if in.want != nil {
			return nil, false
		}
		return func() { render(b, record.FromResult, c.decoder(in).Decode, in.signed) }, true
	}},
	{"inspect-render", func(b *testing.B, c costConfig, in costInput) (func(), bool) {
		if inspected(in.want) != nil {
			return nil, false
		}
		return func() { render(b, record.Inspect, c.decoder(in).Inspect, in.signed) }, true
	}},
}

// decoder returns the decoder of in: its own, or the configuration's.
func (c costConfig) decoder(in costInput) *claim169.Decoder {
	if in.dec != nil {
		return in.dec
	}
	return c.dec
}

// inspected returns the error Inspect gives for an input Decode refuses
// with want: none for a verification failure, which Inspect does not check.
func inspected(want error) error {
	if errors.Is(want, claim169.ErrVerification) || errors.Is(want, claim169.ErrTooManyCandidates) {
		return nil
	}
	return want
}

// expect returns a check of a decoder's result against want.
func expect(b *testing.B, want error) func(*claim169.Result, error) {
	return func(_ *claim169.Result, err error) {
		if (want == nil && err != nil) || !errors.Is(err, want) {
			b.Fatalf("got %v, want %v", err, want)
		}
	}
}

// render decodes text and prints it as the command does.
func render(b *testing.B, form func(*claim169.Result) *record.Output, decode func(string) (*claim169.Result, error), text string) {
	res, err := decode(text)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := json.Marshal(form(res)); err != nil {
		b.Fatal(err)
	}
}

// costConfigs are the configurations the project documents.
func costConfigs(b *testing.B) []costConfig {
	return []costConfig{oneKeyConfig(b), jwksConfig(b), anchorsConfig(b)}
}

// costIdentity is a card: demographics and a 400-byte face photo.
func costIdentity() *claim169.Identity {
	face := make([]byte, 400)
	_, _ = rand.Read(face)
	copy(face, []byte{0xff, 0xd8, 0xff, 0xe0})
	return &claim169.Identity{
		ID: "3918592438", FullName: "Janardhan BS", DateOfBirth: "19840418", Gender: claim169.GenderMale,
		Address: "New House, Near Metro Line, Bengaluru, KA", Email: "janardhan@example.com",
		Phone: "+919876543210", Nationality: "IN",
		Face: []biometrics.Biometric{{Data: face, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
	}
}

// newConfig returns the configuration of dec, whose issuer signs with key
// and opts (Signer set to key), and its kit.
func newConfig(b *testing.B, name string, dec *claim169.Decoder, key ed25519.PrivateKey, opts claim169.EncoderOptions, protected ...[]byte) costConfig {
	id := costIdentity()
	enc, err := claim169.NewEncoder(opts)
	require.NoError(b, err)
	s, err := enc.Encode(id, &cwt.Claims{Issuer: costIssuer, IssuedAt: cwt.NewNumericDate(time.Unix(costNow-1e6, 0)),
		ExpiresAt: cwt.NewNumericDate(time.Unix(costNow+1e8, 0))})
	require.NoError(b, err)
	identity, err := id.MarshalCBOR()
	require.NoError(b, err)
	protected = append([][]byte{ts.Int(1), ts.Int(-8)}, protected...)
	return costConfig{name: name, dec: dec, normal: s.Text, kit: &costKit{key: key, protected: protected, identity: identity}}
}

func newDecoder(b *testing.B, opts claim169.DecoderOptions) *claim169.Decoder {
	opts.Now = func() time.Time { return time.Unix(costNow, 0) }
	dec, err := claim169.NewDecoder(opts)
	require.NoError(b, err)
	return dec
}

// keyInputs are the key-candidate inputs of a configuration whose issuer
// signs with kid: an attacker's credential without a kid, and with an
// unknown one.
func keyInputs(identity []byte) []costInput {
	attacker := ts.NewEd25519Key()
	noKid := &costKit{key: attacker, protected: [][]byte{ts.Int(1), ts.Int(-8)}, identity: identity}
	unknownKid := &costKit{key: attacker, protected: [][]byte{ts.Int(1), ts.Int(-8), ts.Int(4), ts.Bytes([]byte("nope"))}, identity: identity}
	ver := claim169.ErrVerification
	return []costInput{
		{name: "no kid", signed: qrText(noKid.sign(ts.Map(), cwtOf(identity))), want: ver},
		{name: "unknown kid", signed: qrText(unknownKid.sign(ts.Map(), cwtOf(identity))), want: ver},
	}
}

func oneKeyConfig(b *testing.B) costConfig {
	key := ts.NewEd25519Key()
	kid := []byte("k-1101")
	dec := newDecoder(b, claim169.DecoderOptions{Keys: []crypto.PublicKey{keys.Key{KeyID: string(kid), Public: key.Public()}}})
	c := newConfig(b, "one-key", dec, key, claim169.EncoderOptions{Signer: key, KeyID: kid}, ts.Int(4), ts.Bytes(kid))
	c.inputs = keyInputs(c.kit.identity)
	return c
}

// jwksConfig is a JWK set of 256 Ed25519 keys, each with a kid.
func jwksConfig(b *testing.B) costConfig {
	ks := make([]keys.Key, keys.MaxSetKeys)
	var signer ed25519.PrivateKey
	for i := range ks {
		k := ts.NewEd25519Key()
		ks[i] = keys.Key{KeyID: fmt.Sprintf("k%d", i), Public: k.Public()}
		if i == 100 {
			signer = k
		}
	}
	set, err := keys.NewSet(ks...)
	require.NoError(b, err)
	kid := []byte("k100")
	dec := newDecoder(b, claim169.DecoderOptions{KeySets: []*keys.Set{set}})
	c := newConfig(b, "jwks-256", dec, signer, claim169.EncoderOptions{Signer: signer, KeyID: kid}, ts.Int(4), ts.Bytes(kid))
	c.inputs = keyInputs(c.kit.identity)
	// With KidlessTriesAllKeys a credential without a kid selects all 256
	// keys: refused, beyond MaxCandidates. A set of MaxCandidates keys is
	// the most a credential may make the decoder try.
	all := newDecoder(b, claim169.DecoderOptions{KeySets: []*keys.Set{set}, KidlessTriesAllKeys: true})
	few, err := keys.NewSet(ks[:claim169.DefaultMaxCandidates]...)
	require.NoError(b, err)
	most := newDecoder(b, claim169.DecoderOptions{KeySets: []*keys.Set{few}, KidlessTriesAllKeys: true})
	c.inputs = append(c.inputs,
		costInput{name: "no kid, KidlessTriesAllKeys (refused: MaxCandidates)", dec: all, signed: c.inputs[0].signed, want: claim169.ErrTooManyCandidates},
		costInput{name: "no kid, KidlessTriesAllKeys, a set of MaxCandidates keys", dec: most, signed: c.inputs[0].signed, want: claim169.ErrVerification})
	return c
}

// anchorsConfig is a trust store with a root for the issuer; the issuer
// signs with a leaf under an intermediate and sends both.
func anchorsConfig(b *testing.B) costConfig {
	root, rootKey := costCert(b, "Cost Root", true, nil, nil)
	inter, interKey := costCert(b, "Cost Intermediate", true, root, rootKey)
	leaf, leafKey := costCert(b, "Cost Leaf", false, inter, interKey)
	s := trust.New(trust.Options{})
	s.AddAnchorsFor(costIssuer, root)
	dec := newDecoder(b, claim169.DecoderOptions{Resolver: s.Resolver(), Understood: s.Understood})
	chain := [][]byte{leaf.Raw, inter.Raw}
	c := newConfig(b, "anchors", dec, leafKey, claim169.EncoderOptions{Signer: leafKey, CertificateChain: chain},
		ts.Int(33), ts.Array(ts.Bytes(leaf.Raw), ts.Bytes(inter.Raw)))
	c.inputs = keyInputs(c.kit.identity)
	return c
}

// costCert issues an Ed25519 certificate: a CA, or a signing leaf.
func costCert(b *testing.B, name string, ca bool, parent *x509.Certificate, parentKey ed25519.PrivateKey) (*x509.Certificate, ed25519.PrivateKey) {
	key := ts.NewEd25519Key()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Unix(costNow-1e7, 0), NotAfter: time.Unix(costNow+1e8, 0),
		BasicConstraintsValid: true, IsCA: ca, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	if ca {
		tmpl.KeyUsage = x509.KeyUsageCertSign
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), parentKey)
	require.NoError(b, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(b, err)
	return cert, key
}
