package trust

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/brotli"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// A credential shaped as Inji Certify issues them, end to end: ES256 with
// a P-256 key, 61(18(…)), iss a did:web, the kid a DID URL in the
// protected header, Brotli or zlib. A decoder given only the allow-listed
// issuer verifies it against the DID document its loopback server
// publishes, then keeps verifying with the server gone.
func TestInjiCertifyCredential(t *testing.T) {
	srv := newIssuerServer(t)
	did := srv.did("v1", "certify", "issuance")
	key := newP256(t)
	kid := did + "#oAm1yxK7dBwFbx0kZIl-9RZ4oZzKxgV2-JvX4p5jVqE"
	srv.route("/v1/certify/issuance/did.json", jsonDoc(didJSON, didDoc(t, did, []any{kid},
		jwkMethod(t, kid, key.Public()), multibaseMethod(t, "#other", newEd25519(t).Public())), ""))

	d, err := NewDiscoverer(srv.options(did))
	require.NoError(t, err)
	s := New(Options{})
	require.NoError(t, s.AddIssuer(d, did, nil))
	require.NoError(t, s.Refresh(t.Context()))
	srv.Close() // Decode never fetches
	dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: s.Resolver(), Understood: s.Understood})
	require.NoError(t, err)

	for _, compression := range []claim169.Compression{claim169.CompressionZlib, claim169.CompressionBrotli} {
		t.Run(string(compression), func(t *testing.T) {
			opts := claim169.EncoderOptions{Signer: key, KeyID: []byte(kid), CWTTag: true}
			if compression == claim169.CompressionBrotli {
				opts.Compress = brotli.Compress
			}
			enc, err := claim169.NewEncoder(opts)
			require.NoError(t, err)
			now := time.Now()
			out, err := enc.Encode(&testIdentity, &cwt.Claims{Issuer: did, IssuedAt: cwt.NewNumericDate(now),
				ExpiresAt: cwt.NewNumericDate(now.AddDate(1, 0, 0))})
			require.NoError(t, err)
			assert.Empty(t, out.Warnings, "a DID is an absolute URI")

			res, err := dec.Decode(out.Text)
			require.NoError(t, err)
			assert.Equal(t, claim169.Verified, res.Verification)
			assert.Equal(t, claim169.TrustDiscovered, res.Trust)
			assert.Equal(t, cose.ES256, res.Algorithm)
			assert.True(t, res.CWTTagged)
			assert.Equal(t, compression, res.Compression)
			assert.Equal(t, kid, string(res.Sign1.Protected.KeyID()), "the kid is protected")
			assert.Equal(t, testIdentity.FullName, res.Identity.FullName)
			if compression == claim169.CompressionBrotli {
				assert.Len(t, res.Warnings, 1, "Brotli is named")
			} else {
				assert.Empty(t, res.Warnings)
			}
		})
	}
}
