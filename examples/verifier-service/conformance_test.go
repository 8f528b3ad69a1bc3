package main

import (
	"crypto"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169test"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
)

// serviceFor builds the service as it starts, for one conformance vector:
// the vector's keys written to PEM files and loaded through -key, the trust
// store, the decoder (with the vector's clock) and the handler. A vector
// without keys gets another trusted key, since the service needs one.
func serviceFor(t *testing.T) func(v claim169test.Vector) (http.Handler, error) {
	return func(v claim169test.Vector) (http.Handler, error) {
		dir := t.TempDir()
		pubs := v.Keys
		if len(pubs) == 0 {
			pubs = []crypto.PublicKey{claim169test.Signer(cose.EdDSA).Public()}
		}
		var args []string
		for i, pub := range pubs {
			data, err := keys.MarshalPublicPEM(pub)
			if err != nil {
				return nil, err
			}
			path := filepath.Join(dir, "key"+strconv.Itoa(i)+".pem")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				return nil, err
			}
			args = append(args, "-key", path)
		}
		c, err := parseFlags(args, io.Discard)
		if err != nil {
			return nil, err
		}
		logger := log.New(io.Discard, "", 0)
		store, err := loadStore(c, logger)
		if err != nil {
			return nil, err
		}
		now := v.Now
		dec, err := claim169.NewDecoder(claim169.DecoderOptions{Resolver: store.Resolver(), Understood: store.Understood,
			Now: func() time.Time { return now }})
		if err != nil {
			return nil, err
		}
		return newHandler(dec, logger), nil
	}
}

// The service passes every conformance vector it can take: it has no
// decryption keys, so the encrypted ones are left out.
func TestConformance(t *testing.T) {
	var vs []claim169test.Vector
	for _, v := range claim169test.Vectors() {
		if len(v.DecryptionKeys) == 0 {
			vs = append(vs, v)
		}
	}
	require.Greater(t, len(vs), 30)
	claim169test.RunVectors(t, vs, claim169test.HTTP{Handler: serviceFor(t)}.Verify)
}

// It refuses every tampered credential of a trusted issuer as the kit says.
func TestConformanceTampered(t *testing.T) {
	for _, alg := range claim169test.Algorithms() {
		issuer, err := claim169test.NewIssuer(claim169test.IssuerOptions{Algorithm: alg, KeyID: []byte("svc-test")})
		require.NoError(t, err)
		v := claim169test.Vector{Name: "tampered/" + alg.String(), Keys: []crypto.PublicKey{issuer.PublicKey()},
			Now: claim169test.Now()}
		h, err := serviceFor(t)(v)
		require.NoError(t, err)
		for _, how := range claim169test.Tampers() {
			text, err := issuer.Tamper(&claim169.Identity{ID: "ID-SVC-1", FullName: "Test Person"}, nil, how)
			require.NoError(t, err)
			v.Text = text
			_, err = claim169test.HTTP{Handler: func(claim169test.Vector) (http.Handler, error) { return h, nil }}.Verify(v)
			want := how.Want()
			assert.ErrorIs(t, err, want.Err, "%v %s", alg, how)
		}
	}
}
