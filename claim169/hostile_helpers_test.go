package claim169

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The hostile-input fixture: an issuer key, a key it does not trust, a
// content-encryption key, and an identity whose values must never appear in
// an error message.
var (
	hostileSigner = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x5a}, ed25519.SeedSize))
	hostileOther  = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0xa5}, ed25519.SeedSize))
	hostileCEK    = bytes.Repeat([]byte{0x3c}, 32) // A256GCM
	hostileIV     = bytes.Repeat([]byte{0x0f}, cose.IVSize)
)

const (
	hostileNow = 1760000000
	hostileKid = "hostile-kid"
	hostileIss = "https://issuer.canary.example"
)

// hostileCanaries are the identity values of the fixture.
var hostileCanaries = []string{
	"HOSTILE-4471-ID", "Zanele Canary Okonkwo", "Zanele", "Okonkwo", "19770707",
	"zanele@canary.example", "+27 82 555 0199", "17 Canary Wharf Road", "Guardian-Canary",
	"Canary Authority",
}

// hostileIdentity returns the fixture's identity. Its signed COSE_Sign1 is
// about 600 bytes, most of them an incompressible photo.
func hostileIdentity() *Identity {
	photo := make([]byte, 300)
	r := rand.NewChaCha8([32]byte{'p', 'h', 'o', 't', 'o'})
	_, _ = r.Read(photo)
	copy(photo, []byte{0xff, 0xd8, 0xff, 0xe0})
	issuer := "Canary Authority"
	return &Identity{
		ID: "HOSTILE-4471-ID", FullName: "Zanele Canary Okonkwo", FirstName: "Zanele", LastName: "Okonkwo",
		DateOfBirth: "19770707", Gender: GenderFemale, Address: "17 Canary Wharf Road\nCape Town",
		Email: "zanele@canary.example", Phone: "+27 82 555 0199", Nationality: "ZA",
		MaritalStatus: MaritalMarried, Guardian: "Guardian-Canary",
		Photo: photo, PhotoFormat: PhotoJPEG, BestQualityFingers: []int64{1, 6},
		RightThumb: []biometrics.Biometric{{Data: []byte("FMR\x00canary"), Format: biometrics.FormatTemplate.Ptr(),
			SubFormat: biometrics.TemplateISO19794_2.Ptr(), Issuer: &issuer}},
	}
}

func hostileClaims() *cwt.Claims {
	return &cwt.Claims{Issuer: hostileIss, IssuedAt: ptrDate(1750000000), ExpiresAt: ptrDate(1800000000)}
}

func ptrDate(n int64) *cwt.NumericDate {
	d := cwt.NumericDate(n)
	return &d
}

// hostileAEAD returns the fixture's content-encryption key.
func hostileAEAD(tb testing.TB) cose.AEAD {
	tb.Helper()
	aead, err := cose.NewAEAD(cose.A256GCM, hostileCEK)
	require.NoError(tb, err)
	return aead
}

// hostileDecoder trusts the fixture's issuer and holds its encryption key.
func hostileDecoder(tb testing.TB) *Decoder {
	tb.Helper()
	return hostileDecoderWith(tb, DecoderOptions{Keys: toKeys(hostileSigner.Public()), DecryptionKeys: []cose.AEAD{hostileAEAD(tb)}})
}

func hostileDecoderWith(tb testing.TB, opts DecoderOptions) *Decoder {
	tb.Helper()
	opts.Now = func() time.Time { return time.Unix(hostileNow, 0) }
	dec, err := NewDecoder(opts)
	require.NoError(tb, err)
	return dec
}

// The headers of the fixture's messages.
var (
	hProtected   = ts.Map(ts.Int(1), ts.Int(int64(cose.EdDSA)))
	hUnprotected = ts.Map(ts.Int(4), ts.Bytes([]byte(hostileKid)))
	hEncProt     = ts.Map(ts.Int(1), ts.Int(int64(cose.A256GCM)))
)

// hSignature signs the Sig_structure of RFC 9052 §4.4 for protected and
// payload with key.
func hSignature(key ed25519.PrivateKey, protected, payload []byte) []byte {
	return ed25519.Sign(key, ts.Array(ts.Text("Signature1"), ts.Bytes(protected), ts.Bytes(nil), ts.Bytes(payload)))
}

// hSign1 returns a COSE_Sign1 (tag 18) signed by the fixture's issuer.
func hSign1(protected, unprotected, payload []byte) []byte {
	sig := hSignature(hostileSigner, protected, payload)
	return ts.Tag(cose.TagSign1, ts.Array(ts.Bytes(protected), unprotected, ts.Bytes(payload), ts.Bytes(sig)))
}

// hEncrypt0 returns a COSE_Encrypt0 (tag 16) of plaintext under the
// fixture's key, with the IV in the unprotected header.
func hEncrypt0(tb testing.TB, protected, plaintext []byte) []byte {
	tb.Helper()
	return hEncrypt0Raw(tb, protected, protected, ts.Map(ts.Int(5), ts.Bytes(hostileIV)), plaintext)
}

// hEncrypt0Raw returns a COSE_Encrypt0 with the given headers whose AEAD
// authenticates aadProtected as the protected header.
func hEncrypt0Raw(tb testing.TB, protected, aadProtected, unprotected, plaintext []byte) []byte {
	tb.Helper()
	aad := ts.Array(ts.Text("Encrypt0"), ts.Bytes(aadProtected), ts.Bytes(nil))
	ct, err := hostileAEAD(tb).Seal(nil, hostileIV, plaintext, aad)
	require.NoError(tb, err)
	return ts.Tag(cose.TagEncrypt0, ts.Array(ts.Bytes(protected), unprotected, ts.Bytes(ct)))
}

// hIdentityMap is the fixture's identity as a Claim 169 map.
func hIdentityMap(tb testing.TB) []byte {
	tb.Helper()
	b, err := hostileIdentity().MarshalCBOR()
	require.NoError(tb, err)
	return b
}

// hCWT returns a CWT claims map with the fixture's iss, iat and exp and
// claim 169 set to identity, an encoded item.
func hCWT(identity []byte) []byte {
	return ts.Map(ts.Int(1), ts.Text(hostileIss), ts.Int(4), ts.Int(1800000000), ts.Int(6), ts.Int(1750000000),
		ts.Int(169), identity)
}

// hSigned is the fixture's credential as a signed message.
func hSigned(tb testing.TB) []byte {
	tb.Helper()
	return hSign1(hProtected, hUnprotected, hCWT(hIdentityMap(tb)))
}

// requireSameIdentity checks that got is want, presence of zero values
// included, by comparing their Claim 169 encodings.
func requireSameIdentity(tb testing.TB, want, got *Identity) {
	tb.Helper()
	require.NotNil(tb, got)
	w, err := want.MarshalCBOR()
	require.NoError(tb, err)
	g, err := got.MarshalCBOR()
	require.NoError(tb, err)
	require.True(tb, bytes.Equal(w, g), "the identity differs:\nwant %x\ngot  %x", w, g)
}

// hostileSentinels are the sentinels of which every facade error matches
// exactly one (ErrUnknownKey refines ErrVerification).
var hostileSentinels = []error{ErrMalformed, ErrTooLarge, ErrVerification, ErrExpired, ErrNotYetValid, ErrDecryption, ErrRevoked}

// requireRefused checks a refusal: no result, an *Error of stage with
// exactly one sentinel, which is kind, and a one-line message without
// identity data.
func requireRefused(tb testing.TB, res *Result, err error, kind error, stage Stage) {
	tb.Helper()
	require.Error(tb, err, "accepted")
	assert.Nil(tb, res, "a refusal returns no result")
	var e *Error
	require.ErrorAs(tb, err, &e)
	assert.Equal(tb, stage, e.Stage, "stage of %v", err)
	assert.ErrorIs(tb, err, kind)
	assertOneSentinel(tb, err)
	assertNoIdentityData(tb, err.Error(), hostileCanaries)
}

func assertOneSentinel(tb testing.TB, err error) {
	tb.Helper()
	n := 0
	for _, s := range hostileSentinels {
		if errors.Is(err, s) {
			n++
		}
	}
	assert.Equal(tb, 1, n, "sentinels matched by %v", err)
}

func assertNoIdentityData(tb testing.TB, msg string, values []string) {
	tb.Helper()
	assert.NotContains(tb, msg, "\n", "one line")
	for _, v := range values {
		if strings.Contains(msg, v) {
			tb.Errorf("the message %q holds the identity value %q", msg, v)
		}
	}
}

// bytesPerRun is testsupport.BytesPerRun.
var bytesPerRun = ts.BytesPerRun
