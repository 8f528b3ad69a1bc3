package claim169

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cwt"
	"github.com/idqr/claim169/internal/cborscan"
	"github.com/idqr/claim169/internal/strictcbor"
	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// genuineMargin is how far inside the item limit every CBOR message of a
// genuine credential stays: at most a third of strictcbor.MaxItems.
const genuineMargin = 3

// TestGenuineCredentialsFarInsideBounds checks that the credentials we know
// (the idpass vectors, the goldens, the specification's example and an
// identity with 50 biometric entries) stay far inside the item limit in
// each CBOR message (the COSE message, its protected header, the CWT
// claims, the identity), and that their JSON form shows every value.
func TestGenuineCredentialsFarInsideBounds(t *testing.T) {
	type credential struct {
		name string
		dec  *Decoder
		text string
	}
	var creds []credential
	for _, v := range loadIdpass(t) {
		if v.Category != vectors.Invalid {
			creds = append(creds, credential{"idpass/" + v.Name, idpassDecoder(t, v), v.QR})
		}
	}
	plain, err := NewDecoder(DecoderOptions{})
	require.NoError(t, err)
	for _, g := range vectors.Goldens() {
		creds = append(creds, credential{"golden/" + g.Name, plain, g.Base45})
	}
	creds = append(creds, credential{"spec example", plain, specText(t)}, credential{"50 biometric entries", plain, fiftyBiometrics(t)})
	most := 0
	for _, c := range creds {
		res, err := c.dec.Inspect(c.text)
		if err != nil {
			continue // a golden of a refusal
		}
		messages := map[string][]byte{"message": qrMessage(t, c.text), "CWT": cwtBytes(t, res.Claims), "identity": res.Claims.Extra[cwt.KeyClaim169]}
		if res.Sign1 != nil {
			messages["protected header"] = res.Sign1.RawProtected
		}
		for name, data := range messages {
			n, ok := cborscan.Count(data)
			require.True(t, ok, "%s: %s", c.name, name)
			assert.LessOrEqual(t, n, strictcbor.MaxItems/genuineMargin, "%s: %s", c.name, name)
			most = max(most, n)
		}
		out, err := json.Marshal(res.Identity)
		require.NoError(t, err)
		assert.NotContains(t, string(out), omittedMember, c.name)
	}
	t.Logf("%d credentials; the largest message holds %d items (MaxItems %d)", len(creds), most, strictcbor.MaxItems)
}

// cwtBytes returns the CBOR encoding of claims.
func cwtBytes(t *testing.T, claims *cwt.Claims) []byte {
	t.Helper()
	b, err := claims.MarshalCBOR()
	require.NoError(t, err)
	return b
}

// fiftyBiometrics returns a credential whose identity holds 50 biometric
// entries (ten fingers, two irises and a face, several times over), each
// with data, format, sub-format and issuer.
func fiftyBiometrics(t *testing.T) string {
	t.Helper()
	id := hostileIdentity()
	issuer := "Biometric Registration Office"
	fields := []*[]biometrics.Biometric{&id.RightThumb, &id.RightPointerFinger, &id.RightMiddleFinger, &id.RightRingFinger,
		&id.RightLittleFinger, &id.LeftThumb, &id.LeftPointerFinger, &id.LeftMiddleFinger, &id.LeftRingFinger,
		&id.LeftLittleFinger, &id.RightIris, &id.LeftIris, &id.Face}
	for i := range 50 {
		f := fields[i%len(fields)]
		*f = append(*f, biometrics.Biometric{Data: fmt.Appendf(nil, "template %d", i),
			Format: biometrics.FormatTemplate.Ptr(), SubFormat: biometrics.TemplateISO19794_2.Ptr(), Issuer: &issuer})
	}
	enc, err := NewEncoder(EncoderOptions{Signer: ts.Ed25519Key(), KeyID: []byte("k")})
	require.NoError(t, err)
	s, err := enc.Encode(id, &cwt.Claims{Issuer: hostileIss, ExpiresAt: cwt.NewNumericDate(time.Now().Add(time.Hour))})
	require.NoError(t, err)
	return s.Text
}

// TestDefaultMaxDecompressedSize checks the decoder's default inflate
// limit: a credential that inflates to a byte over it is refused, one of
// its size accepted, and MaxDecompressedSize raises it.
func TestDefaultMaxDecompressedSize(t *testing.T) {
	withPhoto := func(n int) string {
		id := hostileIdentity()
		id.Photo = append([]byte{0xff, 0xd8, 0xff, 0xe0}, make([]byte, n)...)
		return qrText(hSign1(hProtected, hUnprotected, hCWT(mustMarshal(t, id))))
	}
	overhead := len(qrMessage(t, withPhoto(1000))) - 1000 // the photo's length takes 3 bytes from 256 on
	at, over := withPhoto(DefaultMaxDecompressedSize-overhead), withPhoto(DefaultMaxDecompressedSize-overhead+1)
	require.Equal(t, DefaultMaxDecompressedSize, len(qrMessage(t, at)))
	dec := hostileDecoder(t)
	_, err := dec.Decode(at)
	require.NoError(t, err)
	res, err := dec.Decode(over)
	requireRefused(t, res, err, ErrTooLarge, StageDecompress)
	dec = hostileDecoderWith(t, DecoderOptions{Keys: toKeys(hostileSigner.Public()), MaxDecompressedSize: 64 << 10})
	_, err = dec.Decode(over)
	require.NoError(t, err)
}

func mustMarshal(t *testing.T, id *Identity) []byte {
	t.Helper()
	b, err := id.MarshalCBOR()
	require.NoError(t, err)
	return b
}
