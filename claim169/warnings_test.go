package claim169

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The warnings: what the encoder says of what verifiers will question,
// what the decoder says of deprecated fields, non-URI issuers, image data
// that contradicts its format and credentials about to expire.

// The encoder warns about what verifiers will question, and still encodes.
func TestEncodeWarnings(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	enc, err := NewEncoder(EncoderOptions{Signer: ts.Ed25519Key(), Now: func() time.Time { return now }})
	require.NoError(t, err)
	future := &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now.AddDate(5, 0, 0))}
	tests := []struct {
		name   string
		id     *Identity
		claims *cwt.Claims
		want   []string
	}{
		{"nothing to say", &Identity{ID: "1", DateOfBirth: "19840418"}, future, nil},
		{"date of birth with dashes", &Identity{ID: "1", DateOfBirth: "1984-04-18"}, future, nil},
		{"date of birth, other form", &Identity{ID: "1", DateOfBirth: "18/04/1984"}, future,
			[]string{"claim169: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification"}},
		{"date of birth, no such day", &Identity{ID: "1", DateOfBirth: "19840231"}, future,
			[]string{"claim169: dateOfBirth is neither YYYYMMDD nor YYYY-MM-DD, the forms of the specification"}},
		{"no claims", &Identity{ID: "1"}, nil, []string{"claim169: no expiry (cwt exp): the credential never expires"}},
		{"no expiry", &Identity{ID: "1"}, &cwt.Claims{Issuer: "https://id.example.org"},
			[]string{"claim169: no expiry (cwt exp): the credential never expires"}},
		{"expired", &Identity{ID: "1"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now.Add(-time.Hour))},
			[]string{"claim169: exp 2026-12-31T23:00:00Z is already past at 2027-01-01T00:00:00Z: verifiers will refuse the credential as expired"}},
		{"expiring now", &Identity{ID: "1"}, &cwt.Claims{ExpiresAt: cwt.NewNumericDate(now)},
			[]string{"claim169: exp 2027-01-01T00:00:00Z is already past at 2027-01-01T00:00:00Z: verifiers will refuse the credential as expired"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := enc.Encode(tc.id, tc.claims)
			require.NoError(t, err)
			assert.NotEmpty(t, out.Text)
			assert.Equal(t, tc.want, out.Warnings)
		})
	}
}

func TestIsAbsoluteURI(t *testing.T) {
	for _, s := range []string{
		"https://mosip.io", "https://id.example.org/issuers/7", "http://127.0.0.1:8443",
		"did:web:mosip.io", "did:web:localhost%3A8443:issuers:1", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
		"urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "HTTPS://MOSIP.IO",
	} {
		assert.True(t, isAbsoluteURI(s), s)
	}
	for _, s := range []string{
		"www.mosip.io", "mosip", "", "/issuers/7", "//mosip.io", "https:", "https://", "https:/mosip.io",
		"did:", "https://mosip.io/#key-1", "https://mosip .io", "https://mosip.io\n", "1https://mosip.io",
	} {
		assert.False(t, isAbsoluteURI(s), "%q", s)
	}
}

// The photo fields (keys 16 and 17) and an iss that is not an absolute URI
// warn when encoded and again when decoded; face (key 62) and a URI do not.
func TestGuidanceWarnings(t *testing.T) {
	face := []biometrics.Biometric{{Data: []byte{0xff, 0xd8, 0xff}, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}}
	tests := []struct {
		name   string
		id     *Identity
		issuer string
		want   []string
	}{
		{"face and an https issuer", &Identity{ID: "1", Face: face}, "https://mosip.io", nil},
		{"a DID issuer", &Identity{ID: "1"}, "did:web:mosip.io", nil},
		{"no issuer", &Identity{ID: "1"}, "", nil},
		{"photo", &Identity{ID: "1", Photo: []byte{0xff, 0xd8, 0xff}}, "https://mosip.io", []string{warnPhotoDeprecated}},
		{"photo format alone", &Identity{ID: "1", PhotoFormat: PhotoJPEG}, "https://mosip.io", []string{warnPhotoDeprecated}},
		{"a bare host", &Identity{ID: "1"}, "www.mosip.io", []string{warnIssuerNotURI}},
		{"both", &Identity{ID: "1", Photo: []byte{1}, PhotoFormat: PhotoWEBP}, "mosip.io", []string{warnPhotoDeprecated, warnIssuerNotURI}},
	}
	enc, err := NewEncoder(EncoderOptions{Signer: hostileSigner})
	require.NoError(t, err)
	dec := hostileDecoder(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			claims := &cwt.Claims{Issuer: tc.issuer, ExpiresAt: ptrDate(hostileNow + 3600)}
			out, err := enc.Encode(tc.id, claims)
			require.NoError(t, err)
			// The encoder may have more to say (about dates, say): only
			// these two are checked.
			for _, w := range []string{warnPhotoDeprecated, warnIssuerNotURI} {
				assert.Equal(t, slices.Contains(tc.want, w), slices.Contains(out.Warnings, w), w)
			}
			res, err := dec.Decode(out.Text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, res.Warnings)
		})
	}
}

// WarnExpiring warns of a credential that expires within the window, in
// Decode and DecodeUnverified; Inspect, which checks no time, does not.
func TestWarnExpiring(t *testing.T) {
	now := time.Unix(hostileNow, 0)
	enc, err := NewEncoder(EncoderOptions{Signer: hostileSigner})
	require.NoError(t, err)
	issue := func(exp *cwt.NumericDate) string {
		out, err := enc.Encode(&Identity{ID: "1"}, &cwt.Claims{Issuer: hostileIss, ExpiresAt: exp})
		require.NoError(t, err)
		return out.Text
	}
	window := 30 * 24 * time.Hour
	dec := hostileDecoderWith(t, DecoderOptions{Keys: toKeys(hostileSigner.Public()), WarnExpiring: window})
	const want = "claim169: the credential expires within 720h0m0s, at 2025-10-19T08:53:20Z"
	soon := issue(ptrDate(hostileNow + 10*24*3600))
	for name, decode := range map[string]func(string) (*Result, error){"Decode": dec.Decode, "DecodeUnverified": dec.DecodeUnverified} {
		res, err := decode(soon)
		require.NoError(t, err, name)
		assert.Equal(t, []string{want}, res.Warnings, name)
	}
	res, err := dec.Inspect(soon)
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)

	for name, exp := range map[string]*cwt.NumericDate{
		"later":     ptrDate(now.Add(window).Unix()),
		"no expiry": nil,
	} {
		res, err := dec.Decode(issue(exp))
		require.NoError(t, err, name)
		assert.Empty(t, res.Warnings, name)
	}
	// Without the option nothing is said.
	res, err = hostileDecoder(t).Decode(soon)
	require.NoError(t, err)
	assert.Empty(t, res.Warnings)

	_, err = NewDecoder(DecoderOptions{WarnExpiring: -time.Second})
	assert.Error(t, err)
}

func TestFormatWarnings(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	id := &Identity{
		Photo: png, PhotoFormat: PhotoJPEG,
		Face:  []biometrics.Biometric{{Data: png, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}},
		Voice: []biometrics.Biometric{{Data: []byte("opaque template"), Format: biometrics.FormatSound.Ptr(), SubFormat: biometrics.SoundMP3.Ptr()}},
	}
	data, err := id.MarshalCBOR()
	require.NoError(t, err)
	_, warnings, err := ParseIdentity(data)
	require.NoError(t, err)
	require.Len(t, warnings, 2, "%q", warnings)
	assert.True(t, strings.HasPrefix(warnings[0], "claim169: key 16 (photo): "), warnings[0])
	assert.Contains(t, warnings[0], "PNG")
	assert.True(t, strings.HasPrefix(warnings[1], "claim169: key 62 (face): "), warnings[1])
}
