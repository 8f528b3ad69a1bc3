package playground

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// failedVerification is the verification of a credential whose signature
// did not verify, as the command's output names it.
//
// TODO(integrator): use claim169's own constant for "failed" once it is
// merged.
const failedVerification claim169.Verification = "failed"

// DecodeOptions are the options of Decode and Inspect, named as the
// JavaScript API receives them; each mirrors a flag of the command's decode.
type DecodeOptions struct {
	// Keys are issuer public keys in PEM, JWK or raw form, each tried for
	// every credential whatever its kid (--key).
	Keys []string `json:"keys"`
	// JWKS are JWK sets whose keys are chosen by the credential's kid
	// (--jwks); keys a set cannot use are skipped with a warning.
	JWKS []string `json:"jwks"`
	// DecryptKeys are content-encryption keys in hex or as "oct" JWKs
	// (--decrypt-key), tried for an encrypted credential.
	DecryptKeys []string `json:"decryptKeys"`
	// Now is the time the validity is checked at: seconds since the epoch
	// or an RFC 3339 time (--now); empty means the clock.
	Now Time `json:"now"`
	// Skew is the tolerance of the time checks: a duration such as "5m" or
	// whole seconds (--skew).
	Skew string `json:"skew"`
}

// Time is a time given as seconds since the epoch (a JSON number or
// string) or as an RFC 3339 string, as JavaScript's Date.toJSON writes it.
type Time struct{ time.Time }

// UnmarshalJSON reads a number of seconds or a string.
func (t *Time) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return errors.New("now: want seconds since the epoch or an RFC 3339 time")
		}
		s = n.String()
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := record.ParseTime(s)
	if err != nil {
		return fmt.Errorf("now: %w", err)
	}
	t.Time = v
	return nil
}

// Decode verifies the QR text with the keys of the options, as the
// command's decode does, and returns its output JSON, or the JSON of the
// failure with the verification reached (see the package documentation).
// optsJSON is the JSON of a DecodeOptions; at least one key or JWK set is
// required.
func Decode(text string, optsJSON []byte) []byte {
	var o DecodeOptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	if len(o.Keys)+len(o.JWKS) == 0 {
		return failure(usageErr("decode: give keys or jwks (inspect reads a credential without them)"))
	}
	dec, warnings, err := o.decoder()
	if err != nil {
		return failure(err)
	}
	res, err := dec.Decode(text)
	if err != nil {
		return failureWith(err, reached(err))
	}
	res.Warnings = append(res.Warnings, warnings...)
	return result(record.FromResult(res))
}

// Inspect decodes the QR text without verification and without time
// checks, as the command's inspect does, and returns its output JSON with
// the COSE headers and certificates, or the JSON of the failure. Only the
// DecryptKeys of the options apply.
func Inspect(text string, optsJSON []byte) []byte {
	var o DecodeOptions
	if err := parseOptions(optsJSON, &o); err != nil {
		return failure(err)
	}
	dec, _, err := (&DecodeOptions{DecryptKeys: o.DecryptKeys}).decoder()
	if err != nil {
		return failure(err)
	}
	res, err := dec.Inspect(text)
	if err != nil {
		return failure(err)
	}
	return result(record.Inspect(res))
}

// reached returns the verification a failed Decode reached: failed at the
// signature stage, verified when a later stage failed, and "" when decoding
// stopped before the signature was checked.
func reached(err error) claim169.Verification {
	var ce *claim169.Error
	if !errors.As(err, &ce) {
		return ""
	}
	switch ce.Stage {
	case claim169.StageVerify:
		return failedVerification
	case claim169.StageValidity, claim169.StageClaim169, claim169.StageStatus:
		return claim169.Verified
	}
	return ""
}

// decoder builds the Decoder of the options. Its warnings name the keys of
// JWK sets that were skipped.
func (o *DecodeOptions) decoder() (*claim169.Decoder, []string, error) {
	var opts claim169.DecoderOptions
	var warnings []string
	for _, data := range o.Keys {
		k, err := keys.ParsePublic([]byte(data))
		if err != nil {
			return nil, nil, inputErr(stageKey, err)
		}
		k.KeyID = "" // a key given by hand is tried whatever the credential's kid
		opts.Keys = append(opts.Keys, k)
	}
	for _, data := range o.JWKS {
		set, w, err := keys.ParseSet([]byte(data))
		if err != nil {
			return nil, nil, inputErr(stageJWKS, err)
		}
		opts.KeySets = append(opts.KeySets, set)
		warnings = append(warnings, w...)
	}
	for _, data := range o.DecryptKeys {
		aeads, err := symmetricKeys([]byte(data))
		if err != nil {
			return nil, nil, err
		}
		opts.DecryptionKeys = append(opts.DecryptionKeys, aeads...)
	}
	if !o.Now.IsZero() {
		now := o.Now.Time
		opts.Now = func() time.Time { return now }
	}
	skew, err := record.ParseSkew(o.Skew)
	if err != nil {
		return nil, nil, usageErr("skew: %v", err)
	}
	opts.Skew = skew
	dec, err := claim169.NewDecoder(opts)
	if err != nil {
		return nil, nil, inputErr(stageKey, err)
	}
	return dec, warnings, nil
}

// symmetricKeys returns the AEADs a content-encryption key serves: every
// algorithm of its length (a 32-byte key serves A256GCM and
// ChaCha20/Poly1305), as the command's --decrypt-key.
func symmetricKeys(data []byte) ([]cose.AEAD, error) {
	key, err := keys.ParseSymmetricKey(data)
	if err != nil {
		return nil, inputErr(stageKey, err)
	}
	aeads, err := record.AEADs(key, 0)
	if err != nil {
		return nil, inputErr(stageKey, err)
	}
	return aeads, nil
}
