package claim169

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/idqr/claim169/claim169/brotli"

	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/base45"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/internal/vectors"
)

// fuzzSeeds are the QR texts the decode fuzzers start from: the golden and
// idpass vectors, the specification's example, and the hostile-input
// fixture with every attack on it.
func fuzzSeeds(tb testing.TB) []string {
	tb.Helper()
	var texts []string
	for _, g := range vectors.Goldens() {
		texts = append(texts, g.Base45)
	}
	for _, v := range vectors.Idpass() {
		texts = append(texts, v.QR)
	}
	texts = append(texts, specText(tb), qrText(hSigned(tb)), qrText(hEncrypt0(tb, hEncProt, hSigned(tb))))
	// Specification 1.2.2: Brotli, and the uncompressed form some producers write.
	texts = append(texts, base45.EncodeToString(brotli.Compress(hSigned(tb))), base45.EncodeToString(hSigned(tb)))
	for _, c := range hostileCases(tb) {
		if len(c.text) <= DefaultMaxTextLength {
			texts = append(texts, c.text)
		}
	}
	return texts
}

// fuzzOracle decodes fuzzed credentials with every key of the seeds, and
// knows which contents those keys signed.
type fuzzOracle struct {
	// decs hold every verification key; each holds one of the decryption
	// keys, since a decoder uses only its first key of an algorithm.
	decs []*Decoder
	// signed maps each protected header and payload signed by a trusted key
	// to the encoding of the identity it carries.
	signed map[fuzzContent][]byte
	// values are identity values of the seeds: no error may contain one.
	values []string
}

type fuzzContent struct{ protected, payload string }

func newFuzzOracle(tb testing.TB, seeds []string) *fuzzOracle {
	tb.Helper()
	keys, aeads := fuzzKeys(tb)
	o := &fuzzOracle{signed: make(map[fuzzContent][]byte), values: hostileCanaries}
	for _, a := range aeads {
		o.decs = append(o.decs, hostileDecoderWith(tb, DecoderOptions{Keys: keys, DecryptionKeys: []cose.AEAD{a}}))
	}
	for _, text := range seeds {
		for _, dec := range o.decs {
			if res, err := dec.Inspect(text); err == nil && res.Sign1 != nil {
				o.learn(tb, res.Sign1, res.Identity)
			}
		}
	}
	// The goldens' records as signed before any tampering.
	for _, spec := range goldenSpecs() {
		if spec.golden.Record == nil || spec.payload != nil {
			continue
		}
		id, claims := goldenRecord(tb, spec.golden.Record)
		enc, err := NewEncoder(EncoderOptions{Signer: ed25519.NewKeyFromSeed(spec.golden.Seed),
			KeyID: []byte(spec.golden.Options.KeyID), KeyIDUnprotected: spec.golden.Options.KeyIDUnprotected})
		require.NoError(tb, err)
		stages, err := enc.Encode(id, claims)
		require.NoError(tb, err)
		s1, err := cose.ParseSign1(stages.Stages.COSE)
		require.NoError(tb, err)
		o.learn(tb, s1, id)
	}
	return o
}

func (o *fuzzOracle) learn(tb testing.TB, s1 *cose.Sign1, id *Identity) {
	tb.Helper()
	b, err := id.MarshalCBOR()
	require.NoError(tb, err)
	o.signed[fuzzContent{string(s1.RawProtected), string(s1.Payload)}] = b
	js, err := json.Marshal(id)
	require.NoError(tb, err)
	var m map[string]any
	require.NoError(tb, json.Unmarshal(js, &m))
	for _, v := range m {
		if s, ok := v.(string); ok && len(s) >= 6 && !strings.Contains(s, "=") {
			o.values = append(o.values, s)
		}
	}
}

// fuzzKeys returns the verification keys and the decryption keys of the
// seeds.
func fuzzKeys(tb testing.TB) ([]crypto.PublicKey, []cose.AEAD) {
	tb.Helper()
	keys := []crypto.PublicKey{hostileSigner.Public()}
	aeads := []cose.AEAD{hostileAEAD(tb)}
	seen := map[string]bool{string(hostileSigner.Public().(ed25519.PublicKey)): true}
	add := func(raw []byte, k crypto.PublicKey) {
		if !seen[string(raw)] {
			seen[string(raw)] = true
			keys = append(keys, k)
		}
	}
	for _, g := range vectors.Goldens() {
		add(g.PublicKey, ed25519.PublicKey(g.PublicKey))
	}
	for _, v := range vectors.Idpass() {
		if v.SigningKey != nil {
			raw := v.SigningKey.PublicKey
			if v.SigningKey.Algorithm == "ES256" {
				pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
				require.NoError(tb, err)
				add(raw, pub)
			} else {
				add(raw, ed25519.PublicKey(raw))
			}
		}
		if v.EncryptionKey != nil {
			raw := v.EncryptionKey.Key
			if !seen[string(raw)] {
				seen[string(raw)] = true
				alg, err := cose.ParseAlgorithm(v.EncryptionKey.Algorithm)
				require.NoError(tb, err)
				aead, err := cose.NewAEAD(alg, raw)
				require.NoError(tb, err)
				aeads = append(aeads, aead)
			}
		}
	}
	return keys, aeads
}

// check decodes text with every decoder of o and asserts: each error is an
// *Error with exactly one sentinel, no result and no identity data; Inspect
// never says Verified; DecodeUnverified says Verified exactly when Decode
// accepts, and Failed when Decode refuses what it accepts (the decoders
// all have keys); what Decode accepts, DecodeUnverified accepts with the
// same identity, and what DecodeUnverified accepts Inspect accepts; a
// Verified result carries a protected header and a payload that a trusted
// key signed, and their identity.
func (o *fuzzOracle) check(t *testing.T, text string) {
	for _, dec := range o.decs {
		res, err := dec.Decode(text)
		ures, uerr := dec.DecodeUnverified(text)
		ires, ierr := dec.Inspect(text)
		o.checkOutcome(t, res, err)
		o.checkOutcome(t, ures, uerr)
		o.checkOutcome(t, ires, ierr)
		if ierr == nil {
			require.Equal(t, Skipped, ires.Verification)
			o.checkResult(t, ires)
		}
		if uerr == nil {
			require.NoError(t, ierr, "Inspect refuses what DecodeUnverified accepts")
			requireSameIdentity(t, ires.Identity, ures.Identity)
			if err != nil {
				require.ErrorIs(t, err, ErrVerification, "Decode refuses what DecodeUnverified accepts")
				require.Equal(t, Failed, ures.Verification)
				require.Empty(t, ures.Trust)
			}
		}
		if err != nil {
			continue
		}
		require.Equal(t, Verified, res.Verification)
		require.Equal(t, TrustKey, res.Trust)
		require.NoError(t, uerr, "DecodeUnverified refuses what Decode accepts")
		require.Equal(t, Verified, ures.Verification)
		requireSameIdentity(t, ures.Identity, res.Identity)
		want, ok := o.signed[fuzzContent{string(res.Sign1.RawProtected), string(res.Sign1.Payload)}]
		require.True(t, ok, "verified a protected header and payload that no trusted key signed")
		got, err := res.Identity.MarshalCBOR()
		require.NoError(t, err)
		require.Equal(t, want, got, "verified, with another identity than the one signed")
	}
}

func (o *fuzzOracle) checkOutcome(t *testing.T, res *Result, err error) {
	t.Helper()
	if err == nil {
		require.NotNil(t, res)
		return
	}
	require.Nil(t, res, "a result with an error")
	var e *Error
	require.True(t, errors.As(err, &e), "not an *Error: %v", err)
	require.NotEmpty(t, e.Stage)
	assertOneSentinel(t, err)
	assertNoIdentityData(t, err.Error(), o.values)
}

// checkResult checks an accepted result: its parts are present, its
// identity re-encodes to itself and is writable as JSON.
func (o *fuzzOracle) checkResult(t *testing.T, res *Result) {
	t.Helper()
	require.NotNil(t, res.Identity)
	require.NotNil(t, res.Claims)
	again, err := res.Identity.MarshalCBOR()
	require.NoError(t, err)
	id2, _, err := ParseIdentity(again)
	require.NoError(t, err)
	requireSameIdentity(t, res.Identity, id2)
	_, err = json.Marshal(res.Claims)
	require.NoError(t, err)
	for _, w := range res.Warnings {
		assertNoIdentityData(t, w, o.values)
	}
	checkIdentityJSON(t, res.Identity)
}
