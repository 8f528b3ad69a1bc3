//go:build unix

package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/cwt"
	ts "github.com/idqr/claim169/internal/testsupport"
)

// The service fetches an issuer's JWK Set (-jwks-url), retries every
// -refresh while the issuer fails, verifies with the fetched key ("trust":
// "keySet"), answers /healthz, and drains on SIGTERM. Everything runs on
// loopback.
func TestFetchedKeySetAndSIGTERM(t *testing.T) {
	key := ts.NewEd25519Key()
	jwk, err := keys.MarshalPublicJWK(keys.Key{KeyID: "fetched-1", Public: key.Public()})
	require.NoError(t, err)
	var up atomic.Bool // the issuer fails until up
	var fetches atomic.Int32
	issuer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetches.Add(1)
		if !up.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"keys":[` + string(jwk) + `]}`))
	}))
	defer issuer.Close()

	var logs ts.LogBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"-addr", "127.0.0.1:0", "-allow-http", "-refresh", "20ms",
			"-jwks-url", "https://id.example.org=" + issuer.URL + "/.well-known/jwks.json"}, &logs)
	}()
	url := logs.ListeningURL(t)
	assert.Contains(t, logs.String(), "refreshing the key sets", "the first fetch failed and is said")

	text := credential(t, claim169.EncoderOptions{Signer: key, KeyID: []byte("fetched-1")},
		&cwt.Claims{Issuer: "https://id.example.org", ExpiresAt: cwt.NewNumericDate(time.Now().Add(time.Hour))})
	verify := func() (int, map[string]any) {
		resp, err := http.Post(url+"/verify", "text/plain", strings.NewReader(text))
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		data, _ := io.ReadAll(resp.Body)
		require.NoError(t, json.Unmarshal(data, &out), string(data))
		return resp.StatusCode, out
	}
	status, _ := verify()
	assert.Equal(t, http.StatusForbidden, status, "no key loaded yet")

	up.Store(true)
	require.Eventually(t, func() bool { s, _ := verify(); return s == http.StatusOK }, 10*time.Second, 20*time.Millisecond,
		"RefreshLoop retries until the set is fetched")
	_, out := verify()
	assert.Equal(t, "verified", out["verification"])
	assert.Equal(t, "keySet", out["trust"])
	settled := fetches.Load()
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, settled, fetches.Load(), "a fresh set is not fetched again")

	resp, err := http.Get(url + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	// Another issuer's credential signed with that key is not trusted: the
	// set is bound to https://id.example.org.
	text = credential(t, claim169.EncoderOptions{Signer: key, KeyID: []byte("fetched-1")},
		&cwt.Claims{Issuer: "https://other.example", ExpiresAt: cwt.NewNumericDate(time.Now().Add(time.Hour))})
	status, _ = verify()
	assert.Equal(t, http.StatusForbidden, status)

	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGTERM))
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("the service did not stop on SIGTERM")
	}
}
