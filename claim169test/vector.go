package claim169test

import (
	"crypto"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
)

// Vector is one conformance vector: a credential as QR text, the keys and
// the clock to verify it with, and what a verifier must make of it.
type Vector struct {
	// Name is the vector's set and name, its path in the pack without
	// ".json": "golden/10-expired", "idpass/valid/ed25519-signed",
	// "mosip-spec/example".
	Name string
	// Description says what the vector is about.
	Description string
	// Text is the QR text.
	Text string
	// Keys are the verification keys (ed25519.PublicKey or
	// *ecdsa.PublicKey), none for a credential whose signer's key is not
	// published or that is not signed.
	Keys []crypto.PublicKey
	// DecryptionKeys decrypt a credential in a COSE_Encrypt0.
	DecryptionKeys []DecryptionKey
	// Now is the clock to verify with.
	Now time.Time

	// Want is what a verifier given Keys, DecryptionKeys and Now makes of
	// Text: what [claim169.Decoder.Decode] returns.
	Want Outcome
	// WantUnverified is what decoding without a signature check, with the
	// time checks, makes of Text: what [claim169.Decoder.DecodeUnverified]
	// returns. It shows the content of a credential a verifier refuses.
	WantUnverified Outcome

	// Stages holds the output of every stage (the Claim 169 map, the CWT,
	// the COSE message, the zlib stream) for the golden vectors; nil for the
	// others.
	Stages *claim169.Stages
	// Note says how this SDK's outcome differs from what the vector's
	// source publishes, and why; "" when it does not.
	Note string
}

// Outcome is what decoding a vector must give: the identity and claims of
// an accepted credential, or the sentinel and stage of a refusal.
type Outcome struct {
	// Err is the sentinel of a refusal, compared with errors.Is; nil for an
	// accepted credential.
	Err error
	// ErrName is Err's stable name (see [ErrorName]); "" when accepted.
	ErrName string
	// Stage is the stage of a refusal.
	Stage claim169.Stage
	// Identity is the identity of an accepted credential in
	// claim169.Identity's JSON form, compact.
	Identity json.RawMessage
	// Claims are its CWT claims in record.Claims's JSON form, compact.
	Claims json.RawMessage
	// Warnings are the decoder's warnings where the vector pins them (the
	// golden vectors); nil where it does not.
	Warnings []string
}

// Accepted reports whether the credential must be accepted.
func (o Outcome) Accepted() bool { return o.Err == nil }

// String returns "accepted", or "refused (expired at validity)" and the
// like.
func (o Outcome) String() string {
	if o.Accepted() {
		return "accepted"
	}
	return fmt.Sprintf("refused (%s at %s)", o.ErrName, o.Stage)
}

// DecryptionKey is a content-encryption key of a vector.
type DecryptionKey struct {
	Algorithm cose.Algorithm // A128GCM, A192GCM, A256GCM or ChaCha20/Poly1305
	Key       []byte
}

// AEAD returns the key as a cose.AEAD, for [claim169.DecoderOptions].
func (k DecryptionKey) AEAD() (cose.AEAD, error) { return cose.NewAEAD(k.Algorithm, k.Key) }

// NewDecoder returns a claim169.Decoder with v's DecoderOptions.
func (v Vector) NewDecoder() (*claim169.Decoder, error) {
	opts, err := v.DecoderOptions()
	if err != nil {
		return nil, err
	}
	return claim169.NewDecoder(opts)
}

// DecoderOptions returns the options of a claim169.Decoder that verifies v:
// its keys, its decryption keys and its clock.
func (v Vector) DecoderOptions() (claim169.DecoderOptions, error) {
	opts := claim169.DecoderOptions{Keys: append([]crypto.PublicKey(nil), v.Keys...)}
	for _, k := range v.DecryptionKeys {
		aead, err := k.AEAD()
		if err != nil {
			return claim169.DecoderOptions{}, fmt.Errorf("claim169test: %s: %w", v.Name, err)
		}
		opts.DecryptionKeys = append(opts.DecryptionKeys, aead)
	}
	now := v.Now
	opts.Now = func() time.Time { return now }
	return opts, nil
}

// Decode verifies v with this SDK's Decoder, configured by v.DecoderOptions:
// the reference verifier, which passes [Run].
func Decode(v Vector) (*claim169.Result, error) {
	opts, err := v.DecoderOptions()
	if err != nil {
		return nil, err
	}
	dec, err := claim169.NewDecoder(opts)
	if err != nil {
		return nil, fmt.Errorf("claim169test: %s: %w", v.Name, err)
	}
	return dec.Decode(v.Text)
}

// Vectors returns every conformance vector, ordered by name: the golden
// vectors, then the idpass vectors, then the specification's example. Every
// call returns values of its own.
func Vectors() []Vector {
	var out []Vector
	err := fs.WalkDir(packFiles, packDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		data, err := fs.ReadFile(packFiles, p)
		if err != nil {
			return err
		}
		v, err := ParseVector(data)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		// The pack is part of the build, checked by this package's tests.
		panic("claim169test: embedded pack: " + err.Error())
	}
	return out
}

// Lookup returns the vector of that name, e.g. "golden/10-expired": the
// pack's file at that name.
func Lookup(name string) (Vector, bool) {
	if !fs.ValidPath(name) {
		return Vector{}, false
	}
	p := path.Join(packDir, name+".json")
	data, err := fs.ReadFile(packFiles, p)
	if err != nil {
		return Vector{}, false
	}
	v, err := ParseVector(data)
	if err != nil {
		panic("claim169test: embedded pack: " + p + ": " + err.Error())
	}
	return v, true
}
