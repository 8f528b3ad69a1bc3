package claim169

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/cwt"
)

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
