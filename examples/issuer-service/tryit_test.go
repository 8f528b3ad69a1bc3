//go:build unix

package main

import (
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cose/keys"
	"github.com/idqr/claim169/qr"
)

// The "Try it" of the package comment, step by step: a key written as
// claim169 keygen writes it, the service started with those flags, the
// health check, a JSON and a multipart issuance verified with the public
// key file, then SIGTERM, after which the service drains and run returns.
func TestTryIt(t *testing.T) {
	dir := t.TempDir()
	signer, err := keys.Generate(cose.EdDSA, rand.Reader)
	require.NoError(t, err)
	priv, err := keys.MarshalPrivatePEM(signer)
	require.NoError(t, err)
	pub, err := keys.MarshalPublicPEM(signer.Public())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "issuer.key.pem"), priv, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "issuer.pub.pem"), pub, 0o644))

	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"-addr", "127.0.0.1:0", "-key", filepath.Join(dir, "issuer.key.pem"),
			"-kid", "issuer-2026", "-issuer", "https://id.example.org"}, &logs)
	}()
	url := logs.ListeningURL(t)

	resp, err := http.Get(url + "/healthz")
	require.NoError(t, err)
	health, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"status":"ok"}`, string(health))

	k, err := keys.LoadPublicFile(filepath.Join(dir, "issuer.pub.pem"))
	require.NoError(t, err)
	resp, png := post(t, url, body("application/json", `{"claim169":{"id":"3918592438","fullName":"Janardhan BS"}}`))
	res := verifyPNG(t, resp, png, k.Public, qr.M)
	assert.Equal(t, "https://id.example.org", res.Claims.Issuer)
	assert.Equal(t, "issuer-2026", string(res.KeyID))
	resp, png = post(t, url, form(t, [2]string{"record", `{"claim169":{"fullName":"Janardhan BS"}}`},
		[2]string{"photo", string(photoJPEG(t, 600, 800))}))
	res = verifyPNG(t, resp, png, k.Public, qr.M)
	assert.Len(t, res.Identity.Face, 1)

	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGTERM))
	select {
	case err := <-done:
		require.NoError(t, err, "a clean drain")
	case <-time.After(15 * time.Second):
		t.Fatal("the service did not stop on SIGTERM")
	}
	assert.Contains(t, logs.String(), "draining")
}
